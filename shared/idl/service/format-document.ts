/**
 * Format document: the canonical layout of `formatIdl`, as the smallest single edit (the
 * changed middle between the common start and end), so the editor keeps the cursor and the
 * undo step is small. A file that does not parse is refused with its first syntax error:
 * formatting a broken tree would guess.
 */
import { formatIdl } from '../format.js';
import { parseIdl } from '../parser.js';
import type { LineIndex } from '../source.js';
import { toEditorRange } from './positions.js';
import type { FormatResult } from './types.js';

export function formatDocument(text: string, path: string, index: LineIndex, options: { indentWidth?: number } = {}): FormatResult {
  const parsed = parseIdl(text, path);
  const error = parsed.diagnostics.find((d) => d.severity === 'error');
  if (error) {
    const at = index.position(error.range.start);
    return { ok: false, reason: `Cannot format: line ${at.line}, column ${at.column}: ${error.message}`, range: toEditorRange(index, error.range) };
  }
  let formatted: string;
  try {
    formatted = formatIdl(parsed.ast, { indentWidth: options.indentWidth });
  } catch (e) {
    return { ok: false, reason: `Cannot format: ${(e as Error).message}` };
  }
  if (formatted === text) return { ok: true, edits: [] };
  let start = 0;
  const max = Math.min(text.length, formatted.length);
  while (start < max && text.charCodeAt(start) === formatted.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && text.charCodeAt(text.length - 1 - end) === formatted.charCodeAt(formatted.length - 1 - end)) end++;
  // Never split a CRLF pair between the kept and the replaced text.
  while (start > 0 && text.charCodeAt(start - 1) === 13) start--;
  return { ok: true, edits: [{ range: toEditorRange(index, { start, end: text.length - end }), newText: formatted.slice(start, formatted.length - end) }] };
}
