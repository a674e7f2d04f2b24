/**
 * The built renderer (dist/renderer, made by `npm run build`) as both hosts serve it: where it
 * is, how a URL path maps to one of its files without ever leaving the folder, and what each
 * file's content type is.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isInside } from './contained-path.js';
import { packageRoot } from './package-root.js';

export function defaultRendererDir(): string {
  return path.join(packageRoot(), 'dist', 'renderer');
}

/** Why the renderer cannot be served from `dir`, or undefined if it can. */
export function rendererProblem(dir: string): string | undefined {
  if (existsSync(path.join(dir, 'index.html'))) return undefined;
  return `the studio's renderer is not built (${path.join(dir, 'index.html')} is missing); run \`npm run build\` first`;
}

/**
 * The file for `urlPath` (the part of the URL path after the host's prefix, still
 * percent-encoded, without query), or undefined if the path is not one we serve: every
 * segment is decoded and must be a plain name, so `..`, encoded slashes and the like never
 * reach the file system. The empty path is index.html.
 */
export function rendererFile(dir: string, urlPath: string): string | undefined {
  if (urlPath === '') return path.join(dir, 'index.html');
  const names: string[] = [];
  for (const raw of urlPath.split('/')) {
    let name: string;
    try {
      name = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (name === '' || name === '.' || name === '..' || /[/\\\0:]/.test(name)) return undefined;
    names.push(name);
  }
  const file = path.join(dir, ...names);
  return isInside(dir, file) && file !== dir ? file : undefined;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
