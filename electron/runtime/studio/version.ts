import type { Stats } from 'node:fs';

/**
 * A file's version as the StudioApi reports it: its modification time and size. Any write
 * changes it (a same-size rewrite within the clock's resolution is the one miss, and the
 * sub-millisecond `mtimeMs` of modern file systems makes that rare).
 */
export function versionOf(stats: Stats): string {
  return `${stats.mtimeMs}-${stats.size}`;
}
