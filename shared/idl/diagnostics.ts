import { LineIndex, type LineCol, type Range } from './source.js';

export type Severity = 'error' | 'warning';

/** One problem found in a file, with where it is. */
export interface Diagnostic {
  severity: Severity;
  /** A stable code for tooling (`syntax`, `unknown-type`, `duplicate-name`...). */
  code: string;
  message: string;
  /** The file as the caller named it. */
  file: string;
  range: Range;
  /** Other places worth showing (the earlier definition of a duplicate, say). */
  related?: { file: string; range: Range; message: string }[];
}

/** A diagnostic with its range turned into 1-based lines and columns. */
export interface LocatedDiagnostic extends Diagnostic {
  start: LineCol;
  end: LineCol;
}

export function locate(diagnostic: Diagnostic, index: LineIndex): LocatedDiagnostic {
  return { ...diagnostic, start: index.position(diagnostic.range.start), end: index.position(diagnostic.range.end) };
}

/** `file:line:col: message`, the form compilers print and editors link. */
export function formatDiagnostic(d: LocatedDiagnostic): string {
  const prefix = d.severity === 'warning' ? 'warning: ' : '';
  return `${d.file}:${d.start.line}:${d.start.column}: ${prefix}${d.message}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
