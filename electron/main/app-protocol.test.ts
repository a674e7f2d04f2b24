/** The app:// scheme's answers, from a fake renderer folder: no Electron needed. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appResponse } from './app-protocol.js';

let base: string;
let dir: string;
beforeAll(async () => {
  base = await fs.mkdtemp(path.join(os.tmpdir(), 'spl-app-protocol-'));
  dir = path.join(base, 'renderer');
  await fs.mkdir(path.join(dir, 'assets'), { recursive: true });
  await fs.writeFile(path.join(dir, 'index.html'), '<!doctype html>');
  await fs.writeFile(path.join(dir, 'assets/editor.worker.js'), 'self.onmessage = () => {}');
  await fs.writeFile(path.join(dir, 'assets/my file.css'), 'body{}');
  await fs.writeFile(path.join(base, 'secret.txt'), 'secret');
});
afterAll(() => fs.rm(base, { recursive: true, force: true }));

describe('app://studio/', () => {
  it('serves the page with the CSP, and assets with their types', async () => {
    const page = await appResponse(dir, 'app://studio/index.html', 'GET');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; connect-src 'self';");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe('<!doctype html>');
    expect((await appResponse(dir, 'app://studio/', 'GET')).status).toBe(200);
    const worker = await appResponse(dir, 'app://studio/assets/editor.worker.js?worker#x', 'GET');
    expect(worker.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await appResponse(dir, 'app://studio/assets/my%20file.css', 'GET')).status).toBe(200);
  });

  it.each([
    'app://studio/../secret.txt',
    'app://studio/%2e%2e/secret.txt',
    'app://studio/assets/..%2f..%2fsecret.txt',
    'app://studio/assets/',
    'app://studio/nope.js',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('answers %s with 404', async (url) => {
    const res = await appResponse(dir, url, 'GET');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('secret');
  });

  it('allows GET and HEAD only', async () => {
    expect((await appResponse(dir, 'app://studio/index.html', 'POST')).status).toBe(405);
    const head = await appResponse(dir, 'app://studio/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
