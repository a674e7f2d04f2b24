/**
 * The `app://studio/` scheme the desktop window loads the renderer from. A custom scheme rather
 * than file://: the page gets an origin of its own (file:// pages share one with every local
 * file), relative URLs and module workers behave as over HTTP, and every response carries the
 * CSP. This module answers requests; main.ts registers it with Electron, so it is testable
 * without Electron.
 */
import fs from 'node:fs/promises';
import { studioCsp } from '../runtime/studio/csp.js';
import { contentTypeOf, rendererFile } from '../runtime/studio/renderer-files.js';
import { APP_SCHEME, isAppUrl } from './ipc-guard.js';

/** Electron's privileges for the scheme: standard (relative URLs, origins), secure, fetch and CORS for module scripts and workers. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true, codeCache: true },
};

const HEADERS = {
  'content-security-policy': studioCsp(),
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
};

/** The response for one request to app://studio/..., served from the built renderer in `rendererDir`. */
export async function appResponse(rendererDir: string, url: string, method: string): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return new Response('Method not allowed', { status: 405, headers: { ...HEADERS, allow: 'GET, HEAD' } });
  if (!isAppUrl(url)) return new Response('Not found', { status: 404, headers: HEADERS });
  // The path as sent, still percent-encoded: rendererFile decodes and checks each name.
  const pathname = url.replace(/^[^:]+:\/\/[^/]*/, '').replace(/[?#].*$/s, '');
  const file = rendererFile(rendererDir, pathname.replace(/^\//, ''));
  const stats = file ? await fs.stat(file).catch(() => undefined) : undefined;
  if (!file || !stats?.isFile()) return new Response('Not found', { status: 404, headers: HEADERS });
  const body = method === 'HEAD' ? null : await fs.readFile(file);
  return new Response(body, { status: 200, headers: { ...HEADERS, 'content-type': contentTypeOf(file), 'content-length': String(stats.size) } });
}
