/** A SourceReader over the local file system, for the CLI and the runtime. */
import { readFile } from 'node:fs/promises';
import type { SourceReader } from '../../shared/idl/compile.js';

export const nodeSourceReader: SourceReader = {
  async read(path: string): Promise<string | undefined> {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw new Error(`cannot read ${path}: ${code ?? (error as Error).message}`, { cause: error });
    }
  },
};
