/**
 * The web host in process, on a free port, against a temp workspace and a fake renderer: the
 * token on every path and on the upgrade, the Host and Origin checks, content types and
 * headers, traversal attempts, and the StudioApi over a real WebSocket.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StudioApi, WorkspaceChange } from '../../../shared/studio/api.js';
import { createStudioApi } from '../../../shared/studio/client.js';
import { createSocketBridge, studioSocketUrl, type SocketBridge } from '../../../shared/studio/socket-bridge.js';
import { startWebHost, WebHostError, type WebHost } from './web-host.js';

let base: string;
let workspace: string;
let rendererDir: string;
let host: WebHost;
const logged: string[] = [];

beforeAll(async () => {
  base = await fs.mkdtemp(path.join(os.tmpdir(), 'spl-web-host-'));
  workspace = path.join(base, 'workspace');
  rendererDir = path.join(base, 'renderer');
  await fs.mkdir(path.join(workspace, 'definitions'), { recursive: true });
  await fs.writeFile(path.join(workspace, 'definitions/a.avdl'), 'protocol A {}');
  await fs.mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await fs.writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>');
  const files: Record<string, string> = { 'app.js': 'export {}', 'style.css': 'body{}', 'codicon.ttf': 'ttf', 'font.woff2': 'w2', 'font.woff': 'w', 'icon.svg': '<svg/>', 'data.json': '{}', 'blob.xyz': '?' };
  for (const [name, text] of Object.entries(files)) await fs.writeFile(path.join(rendererDir, 'assets', name), text);
  await fs.writeFile(path.join(base, 'secret.txt'), 'secret');
  host = await startWebHost({ workspaceRoot: workspace, rendererDir, debounceMs: 30, log: (m) => logged.push(m) });
});

afterAll(async () => {
  await host?.close();
  await fs.rm(base, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request sent exactly as written: no URL normalisation on the way. */
function request(target: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, path: target, method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A raw request over a socket, for what http.request will not send (no Host header). */
function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(host.port, '127.0.0.1', () => socket.write(text));
    let out = '';
    socket.on('data', (d) => (out += d.toString()));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

const page = () => `/${host.token}/`;

describe('the web host over HTTP', () => {
  it('prints a URL with the token in the path, on 127.0.0.1', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/${host.token}/`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('serves the page with a strict CSP and security headers', async () => {
    const res = await request(page());
    expect(res.status).toBe(200);
    expect(res.body).toContain('<!doctype html>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; " +
        `connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port}; img-src 'self' data:; font-src 'self' data:; ` +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect((await request(`${page()}index.html`)).status).toBe(200);
  });

  it.each([
    ['app.js', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
    ['codicon.ttf', 'font/ttf'],
    ['font.woff2', 'font/woff2'],
    ['font.woff', 'font/woff'],
    ['icon.svg', 'image/svg+xml'],
    ['data.json', 'application/json; charset=utf-8'],
    ['blob.xyz', 'application/octet-stream'],
  ])('serves assets/%s as %s', async (name, type) => {
    const res = await request(`${page()}assets/${name}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
  });

  it('redirects the bare token to its folder, so relative URLs resolve under it', async () => {
    const res = await request(`/${host.token}`);
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe(`/${host.token}/`);
  });

  it.each([
    ['/'],
    ['/index.html'],
    ['/assets/app.js'],
    ['/wrong-token/'],
    ['/wrong-token/index.html'],
  ])('answers %s without the token with a bare 404', async (target) => {
    const res = await request(target);
    expect(res.status).toBe(404);
    expect(res.body).toBe('Not found\n');
  });

  it('answers a wrong token of the right length, a prefix or a token in the query with 404', async () => {
    const wrong = (host.token[0] === 'A' ? 'B' : 'A') + host.token.slice(1);
    for (const target of [`/${wrong}/`, `/${host.token.slice(0, -1)}/`, `/${host.token}x/`, `/?token=${host.token}`, `/x/${host.token}/`]) {
      expect((await request(target)).status, target).toBe(404);
    }
  });

  it.each([
    ['../secret.txt'],
    ['assets/../../secret.txt'],
    ['%2e%2e/secret.txt'],
    ['assets/%2e%2e/%2e%2e/secret.txt'],
    ['..%2fsecret.txt'],
    ['..%5csecret.txt'],
    ['assets%2f..%2f..%2fsecret.txt'],
    ['%2fetc%2fpasswd'],
    ['assets/app.js%00.html'],
    ['assets//app.js'],
    ['./index.html'],
    ['%E0%A4%A'],
    ['assets/'],
    ['assets'],
    ['c:/windows/win.ini'],
  ])('refuses the traversal or odd path %s', async (rest) => {
    const res = await request(`${page()}${rest}`);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('secret');
  });

  it('allows only GET and HEAD', async () => {
    const post = await request(page(), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect((await request(page(), { method: 'PUT' })).status).toBe(405);
    const head = await request(`${page()}assets/app.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('refuses a Host header that is not ours (DNS rebinding)', async () => {
    for (const hostHeader of [`evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, '127.0.0.1', `127.0.0.1.nip.io:${host.port}`]) {
      const res = await request(page(), { headers: { host: hostHeader } });
      expect(res.status, hostHeader).toBe(403);
    }
    expect((await request(page(), { headers: { host: `localhost:${host.port}` } })).status).toBe(200);
    expect(await raw(`GET ${page()} HTTP/1.0\r\n\r\n`)).toMatch(/^HTTP\/1\.1 403 /);
  });

  it('only listens on loopback, and says so', async () => {
    await expect(startWebHost({ workspaceRoot: workspace, rendererDir, host: '0.0.0.0' })).rejects.toThrow(
      'refusing to serve the studio on 0.0.0.0: it can read and write your files, so it only listens on this machine (127.0.0.1, ::1 or localhost)',
    );
    await expect(startWebHost({ workspaceRoot: workspace, rendererDir, host: '192.168.1.10' })).rejects.toBeInstanceOf(WebHostError);
  });

  it('says to build when the renderer is missing', async () => {
    const empty = path.join(base, 'empty');
    await fs.mkdir(empty, { recursive: true });
    await expect(startWebHost({ workspaceRoot: workspace, rendererDir: empty })).rejects.toThrow(
      `the studio's renderer is not built (${path.join(empty, 'index.html')} is missing); run \`npm run build\` first`,
    );
  });

  it('says when the port is taken', async () => {
    await expect(startWebHost({ workspaceRoot: workspace, rendererDir, port: host.port })).rejects.toThrow(
      `cannot listen on 127.0.0.1:${host.port}: the port is in use (try another --port, or 0 for any free one)`,
    );
  });
});

/** Opens the API socket; resolves when open, or rejects with the server's refusal status. */
function openSocket(target: string, headers: Record<string, string> = { origin: `http://127.0.0.1:${host.port}` }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}${target}`, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

describe('the web host upgrade', () => {
  it('needs the token', async () => {
    await expect(openSocket('/api')).rejects.toThrow('refused 404');
    await expect(openSocket('/wrong/api')).rejects.toThrow('refused 404');
    await expect(openSocket(`/${host.token}/`)).rejects.toThrow('refused 404');
    await expect(openSocket(`/${host.token}/api/x`)).rejects.toThrow('refused 404');
  });

  it('needs our Origin and Host', async () => {
    const api = `/${host.token}/api`;
    await expect(openSocket(api, {})).rejects.toThrow('refused 403');
    await expect(openSocket(api, { origin: 'http://evil.example' })).rejects.toThrow('refused 403');
    await expect(openSocket(api, { origin: `https://127.0.0.1:${host.port}` })).rejects.toThrow('refused 403');
    await expect(openSocket(api, { origin: 'null' })).rejects.toThrow('refused 403');
    await expect(openSocket(api, { origin: `http://127.0.0.1:${host.port}`, host: `evil.example:${host.port}` })).rejects.toThrow('refused 403');
    const ok = await openSocket(api, { origin: `http://localhost:${host.port}` });
    ok.close();
  });
});

describe('the StudioApi over the WebSocket', () => {
  let socket: WebSocket;
  let bridge: SocketBridge;
  let api: StudioApi;

  beforeAll(async () => {
    socket = await openSocket(new URL(studioSocketUrl(host.url)).pathname);
    bridge = createSocketBridge(socket, (m) => logged.push(m));
    api = createStudioApi(bridge);
  });
  afterAll(() => bridge.close());

  it('the page finds the API beside it', () => {
    expect(studioSocketUrl(host.url)).toBe(`ws://127.0.0.1:${host.port}/${host.token}/api`);
  });

  it('reads, writes, and refuses a stale write', async () => {
    expect(await api.workspace.info()).toEqual({ name: 'workspace', root: workspace });
    expect(await api.host.info()).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const file = await api.workspace.read('definitions/a.avdl');
    expect(file.text).toBe('protocol A {}');
    const { version } = await api.workspace.write('definitions/a.avdl', 'protocol B {}', { expectedVersion: file.version });
    expect(await fs.readFile(path.join(workspace, 'definitions/a.avdl'), 'utf8')).toBe('protocol B {}');
    await expect(api.workspace.write('definitions/a.avdl', 'protocol C {}', { expectedVersion: file.version })).rejects.toMatchObject({ code: 'conflict' });
    expect((await api.workspace.read('definitions/a.avdl')).version).toBe(version);
    await expect(api.workspace.read('../secret.txt')).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(api.workspace.read('nope.avdl')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('pushes a change made outside the studio', async () => {
    const seen: WorkspaceChange[] = [];
    const stop = api.on('workspace.change', (change) => seen.push(change));
    // The host starts watching when the first page listens; give its first scan a moment.
    await host.service.watching();
    await new Promise((r) => setTimeout(r, 50));
    await fs.writeFile(path.join(workspace, 'definitions/outside.avdl'), 'protocol O {}');
    const deadline = Date.now() + 5000;
    while (!seen.some((c) => c.path === 'definitions/outside.avdl') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    stop();
    const stats = await fs.stat(path.join(workspace, 'definitions/outside.avdl'));
    expect(seen).toContainEqual({ type: 'created', path: 'definitions/outside.avdl', version: `${stats.mtimeMs}-${stats.size}` });
  });

  it('survives malformed messages, answering those with an id', async () => {
    const answers: unknown[] = [];
    const raw = await openSocket(`/${host.token}/api`);
    raw.on('message', (data) => answers.push(JSON.parse(data.toString())));
    raw.send('{not json');
    raw.send(Buffer.from([1, 2, 3]), { binary: true });
    raw.send(JSON.stringify({ kind: 'call', method: 'host.info', args: [] }));
    raw.send(JSON.stringify({ kind: 'call', id: 3, method: 'workspace.read', args: ['/etc/passwd'] }));
    raw.send(JSON.stringify({ kind: 'call', id: 4, method: 'host.info', args: [] }));
    const deadline = Date.now() + 5000;
    while (answers.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    raw.close();
    expect(answers).toEqual([
      { kind: 'result', id: 3, ok: false, error: { code: 'invalid-argument', message: 'workspace.read: path must be a relative workspace path, got "/etc/passwd" (it is absolute)' } },
      { kind: 'result', id: 4, ok: true, value: { version: expect.any(String) } },
    ]);
    expect(logged).toEqual(expect.arrayContaining([
      'studio: dropped a message that is not JSON',
      'studio: dropped a binary message: the API speaks JSON text',
      'studio: dropped a message: a call needs an id: a non-negative integer',
    ]));
  });

  it('closing the host ends the page\'s calls with an io error, not a hang', async () => {
    const other = await startWebHost({ workspaceRoot: workspace, rendererDir, log: () => {} });
    const s = await new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${other.port}/${other.token}/api`, { headers: { origin: `http://127.0.0.1:${other.port}` } });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
    const otherApi = createStudioApi(createSocketBridge(s));
    expect(await otherApi.host.info()).toHaveProperty('version');
    await other.close();
    await expect(otherApi.workspace.list()).rejects.toMatchObject({ code: 'io' });
  });
});
