/** An in-memory SourceReader: a map of absolute posix paths to file texts. */
import type { SourceReader } from '../../shared/idl/compile.js';

export function memoryReader(files: Record<string, string>): SourceReader {
  return { read: async (path) => files[path] };
}
