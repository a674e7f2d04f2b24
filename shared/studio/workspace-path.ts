/**
 * Workspace paths as the StudioApi spells them: relative to the workspace root, `/` between
 * names, one spelling per file, so hosts and renderer can compare paths as plain strings.
 */

/** The longest workspace path accepted, in UTF-16 code units. */
export const MAX_PATH_LENGTH = 1024;

/**
 * Why `value` is not a workspace path, or undefined if it is one: a non-empty string of `/`
 * separated names, relative, without `.`, `..` or empty segments, backslashes, NUL or drive
 * letters, at most MAX_PATH_LENGTH long.
 */
export function workspacePathProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'it is not a string';
  if (value === '') return 'it is empty';
  if (value.length > MAX_PATH_LENGTH) return `it is longer than ${MAX_PATH_LENGTH} characters`;
  if (value.includes('\0')) return 'it contains a NUL character';
  if (value.includes('\\')) return 'it contains a backslash (use / between names)';
  if (value.startsWith('/')) return 'it is absolute';
  if (/^[A-Za-z]:/.test(value)) return 'it starts with a drive letter';
  for (const segment of value.split('/')) {
    if (segment === '..') return "it has a '..' segment";
    if (segment === '.') return "it has a '.' segment";
    if (segment === '') return 'it has an empty segment (a doubled or trailing /)';
  }
  return undefined;
}

/** Depth-first order: a folder's entries right after it, names compared by code unit within a folder. */
export function compareWorkspacePaths(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < pa.length && i < pb.length; i++) {
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}
