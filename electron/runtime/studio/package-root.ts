/**
 * Where the installed package is: the folder holding our package.json, found by walking up from
 * this file, so the answer is the same from the sources (tests), from the build in dist/, and
 * inside a packaged app (app.asar).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const NAME = 'spl-studio';

let found: { root: string; version: string } | undefined;

function find(): { root: string; version: string } {
  if (found) return found;
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === NAME) return (found = { root: dir, version: manifest.version ?? '0.0.0' });
    } catch {
      // No (readable) package.json here: keep going up.
    }
    if (path.dirname(dir) === dir) throw new Error(`cannot find the ${NAME} package above ${import.meta.dirname}`);
  }
}

export function packageRoot(): string {
  return find().root;
}

export function productVersion(): string {
  return find().version;
}
