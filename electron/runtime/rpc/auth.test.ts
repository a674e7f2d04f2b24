/**
 * The token: a bearer header over HTTP, the handshake's meta over TCP; and no bind beyond
 * loopback without one.
 */
import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { addParams, call, handshake, post, PROBE_NAME, probeHandlers, probeProtocol, RawConnection } from '../../../test/support/rpc-probe.js';
import { RpcClient } from './client.js';
import { TransportError } from './errors.js';
import { encodeFramed, encodeNetty } from './framing.js';
import { HttpChannel } from './http-channel.js';
import { serveHttp, type Listening } from './http.js';
import { isLoopback } from './loopback.js';
import { RpcServer } from './server.js';
import { serveTcp, TcpChannel } from './tcp.js';

const TOKEN = 's3cret-t0ken';
const PATH = `/avro/${PROBE_NAME}`;

function probeServer(): RpcServer {
  const server = new RpcServer();
  server.addService(probeProtocol, probeHandlers());
  return server;
}

describe('HTTP with a token', () => {
  let listening: Listening;
  beforeAll(async () => {
    listening = await serveHttp(probeServer(), { token: TOKEN });
  });
  afterAll(() => listening.close());

  const body = encodeFramed(Buffer.concat([handshake(), call('add', addParams(1, 2))]));

  it('no Authorization header: 401', async () => {
    const res = await post(listening.port, PATH, body);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.text).toContain("missing token: this server requires 'Authorization: Bearer <token>'");
  });

  it('a wrong token, or another scheme: 401', async () => {
    for (const authorization of [`Bearer ${TOKEN}x`, 'Bearer ', `Basic ${TOKEN}`, TOKEN, `Bearer ${TOKEN} extra`]) {
      const res = await post(listening.port, PATH, body, { 'content-type': 'avro/binary', authorization });
      expect(res.status, authorization).toBe(401);
      expect(res.text).toContain('wrong token');
    }
  });

  it('the right token: served (raw, and through HttpChannel)', async () => {
    const res = await post(listening.port, PATH, body, { 'content-type': 'avro/binary', authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    const client = new RpcClient(probeProtocol, new HttpChannel(listening.url, PROBE_NAME, { token: TOKEN }));
    expect(await client.call('add', { a: 40, b: 2 })).toBe(42);
    await client.close();
  });

  it('a client without the token gets a TransportError saying 401', async () => {
    const client = new RpcClient(probeProtocol, new HttpChannel(listening.url, PROBE_NAME));
    const error = await client.call('add', { a: 1, b: 1 }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(/answered HTTP 401: missing token/);
    await client.close();
  });
});

describe('TCP with a token', () => {
  let listening: Listening;
  const refused: string[] = [];
  beforeAll(async () => {
    listening = await serveTcp(probeServer(), { token: TOKEN, onConnectionError: (_peer, error) => refused.push(`${error.name}: ${error.message}`) });
  });
  afterAll(() => listening.close());

  it('no token in the handshake meta: the connection closes, the client gets a clear TransportError', async () => {
    const client = new RpcClient(probeProtocol, new TcpChannel('127.0.0.1', listening.port));
    const error = await client.call('add', { a: 1, b: 1 }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+ closed the connection without answering.*without the right token/);
    expect(refused.at(-1)).toBe('Unauthorized: missing token: this server requires one, sent in the handshake meta as "token"');
    await client.close();
  });

  it('a wrong token: the same', async () => {
    const client = new RpcClient(probeProtocol, new TcpChannel('127.0.0.1', listening.port), { token: 'guess' });
    await expect(client.call('add', { a: 1, b: 1 })).rejects.toThrow(TransportError);
    expect(refused.at(-1)).toMatch(/^Unauthorized: wrong token/);
    await client.close();
  });

  it('raw: nothing is answered before the token, not even the handshake', async () => {
    const raw = await RawConnection.open(listening.port);
    // A client protocol text, which the server must not even parse without the token.
    raw.write(encodeNetty(1, Buffer.concat([handshake({ clientHash: Buffer.alloc(16, 1), clientProtocol: '{"protocol": "Other"}' }), call('add', addParams(1, 1))])));
    expect(await raw.waitClosed()).toBe(true);
    expect(raw.received.length).toBe(0);
    expect(refused.at(-1)).toMatch(/^Unauthorized: missing token/);
  });

  it('the right token: served, for the whole connection', async () => {
    const client = new RpcClient(probeProtocol, new TcpChannel('127.0.0.1', listening.port), { token: TOKEN });
    expect(await client.call('add', { a: 40, b: 2 })).toBe(42);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => client.call('add', { a: i, b: i })));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => 2 * i));
    await client.close();
  });
});

describe('binding beyond loopback', () => {
  let listen: ReturnType<typeof vi.spyOn>;
  beforeAll(() => {
    listen = vi.spyOn(net.Server.prototype, 'listen');
  });
  beforeEach(() => {
    listen.mockClear();
  });
  afterAll(() => {
    listen.mockRestore();
  });

  for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', '127.example.com', 'example.com', '']) {
    it(`without a token is refused before listening: '${host}'`, async () => {
      const message = `refusing to serve on ${host || 'every address'} without a token: anything beyond loopback needs --token`;
      await expect(serveHttp(probeServer(), { host })).rejects.toThrow(message);
      await expect(serveTcp(probeServer(), { host })).rejects.toThrow(message);
      expect(listen).not.toHaveBeenCalled();
    });
  }

  it('an empty token is no token', async () => {
    await expect(serveHttp(probeServer(), { host: '127.0.0.1', token: '' })).rejects.toThrow('the token must not be empty');
    await expect(serveTcp(probeServer(), { host: '0.0.0.0', token: '' })).rejects.toThrow('the token must not be empty');
    expect(listen).not.toHaveBeenCalled();
  });

  it('loopback needs no token: 127.0.0.1, ::1, localhost', async () => {
    for (const host of ['127.0.0.1', '::1', 'localhost']) {
      let http: Listening;
      try {
        http = await serveHttp(probeServer(), { host });
      } catch (error) {
        // A machine without IPv6 cannot bind ::1; that is not what this test is about.
        if (host === '::1' && (error as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') continue;
        throw error;
      }
      const tcp = await serveTcp(probeServer(), { host });
      const client = new RpcClient(probeProtocol, new HttpChannel(http.url, PROBE_NAME));
      expect(await client.call('add', { a: 1, b: 2 })).toBe(3);
      await client.close();
      await http.close();
      await tcp.close();
    }
  });

  it('with a token, 0.0.0.0 listens (reached here through 127.0.0.1), and asks for the token', async () => {
    const http = await serveHttp(probeServer(), { host: '0.0.0.0', token: TOKEN });
    const tcp = await serveTcp(probeServer(), { host: '0.0.0.0', token: TOKEN });
    try {
      const viaHttp = new RpcClient(probeProtocol, new HttpChannel(`http://127.0.0.1:${http.port}`, PROBE_NAME, { token: TOKEN }));
      const viaTcp = new RpcClient(probeProtocol, new TcpChannel('127.0.0.1', tcp.port), { token: TOKEN });
      expect(await viaHttp.call('add', { a: 1, b: 2 })).toBe(3);
      expect(await viaTcp.call('add', { a: 3, b: 4 })).toBe(7);
      await viaHttp.close();
      await viaTcp.close();
      const anonymous = new RpcClient(probeProtocol, new HttpChannel(`http://127.0.0.1:${http.port}`, PROBE_NAME));
      await expect(anonymous.call('add', { a: 1, b: 2 })).rejects.toThrow(/HTTP 401/);
      await anonymous.close();
    } finally {
      await http.close();
      await tcp.close();
    }
  });

  it('isLoopback knows loopback literals from names that merely look like them', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST']) expect(isLoopback(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '', '127.example.com', '127.0.0.1.nip.io', '128.0.0.1', '::2', '::ffff:10.0.0.1', 'localhost.example.com', '1.2.3.4']) expect(isLoopback(host), host).toBe(false);
  });
});
