/**
 * Posix-style path helpers for shared/ (which cannot import node:path, as it also runs in the
 * browser). Paths are plain strings with '/' separators; Windows callers normalise first.
 */

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}

/** Resolves `.` and `..` segments and duplicate slashes. */
export function normalize(path: string): string {
  const absolute = isAbsolute(path);
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  if (absolute) return '/' + joined;
  return joined === '' ? '.' : joined;
}

export function join(...parts: string[]): string {
  return normalize(parts.filter((p) => p !== '').join('/'));
}

/** `target` resolved against directory `base`, unless it is absolute. */
export function resolve(base: string, target: string): string {
  return isAbsolute(target) ? normalize(target) : join(base, target);
}

/** `path` relative to directory `from` (both absolute or both relative to the same root). */
export function relative(from: string, path: string): string {
  const a = normalize(from).split('/').filter(Boolean);
  const b = normalize(path).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.slice(i).map(() => '..');
  return [...up, ...b.slice(i)].join('/') || '.';
}
