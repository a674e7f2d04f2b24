/** Offsets (the compiler's ranges) to editor positions and back. */
import type { LineIndex, Range } from '../source.js';
import * as paths from '../../util/path.js';
import type { EditorRange, Position } from './types.js';

export function toEditorRange(index: LineIndex, range: Range): EditorRange {
  const start = index.position(range.start);
  const end = range.end === range.start ? start : index.position(range.end);
  return { startLineNumber: start.line, startColumn: start.column, endLineNumber: end.line, endColumn: end.column };
}

export function toOffset(index: LineIndex, position: Position): number {
  return index.offset({ line: position.lineNumber, column: position.column });
}

/** `file` as written from the directory of `from` (workspace paths may sit at the root, whose directory is '.'). */
export function relativePath(from: string, file: string): string {
  const dir = paths.dirname(from);
  return dir === '.' ? paths.normalize(file) : paths.relative(dir, file);
}
