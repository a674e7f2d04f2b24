/**
 * Serves the built renderer's files over HTTP: GET and HEAD only, regular files only (no
 * listings), with their content types, and the security headers on every answer.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import type http from 'node:http';
import { contentTypeOf, rendererFile } from '../../runtime/studio/renderer-files.js';

/** Headers every answer carries, whatever it is. */
export function securityHeaders(csp: string): http.OutgoingHttpHeaders {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    // The token is in the URL: never send it on to another site.
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

export function plain(res: http.ServerResponse, status: number, text: string, headers: http.OutgoingHttpHeaders): void {
  res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : text + '\n');
}

/** Answers a GET or HEAD for `rest` (the path after `/<token>/`) from `dir`. */
export async function serveFile(req: http.IncomingMessage, res: http.ServerResponse, dir: string, rest: string, headers: http.OutgoingHttpHeaders): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return plain(res, 405, 'Method not allowed', { ...headers, allow: 'GET, HEAD' });
  }
  const file = rendererFile(dir, rest);
  const stats = file ? await fs.stat(file).catch(() => undefined) : undefined;
  if (!file || !stats?.isFile()) return plain(res, 404, 'Not found', headers);
  res.writeHead(200, {
    ...headers,
    'content-type': contentTypeOf(file),
    'content-length': stats.size,
    // A local server is fast, and a rebuilt studio must not run stale code.
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
