/** Large HTTP bodies travel compressed when the peer accepts it; small ones never; bombs are refused. */
import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileIdlText } from '../../../shared/idl/compile.js';
import type { Protocol } from '../../../shared/avro/model.js';
import { memoryReader } from '../../../test/support/memory-reader.js';
import { RpcClient } from './client.js';
import { HttpChannel } from './http-channel.js';
import { serveHttp, type Listening } from './http.js';
import { RpcServer } from './server.js';
import { chooseCoding, decompress } from './compression.js';

describe('HTTP compression', () => {
  let protocol: Protocol;
  let listening: Listening;
  const seen: { encoding?: string; length: number }[] = [];
  let proxy: http.Server;
  let proxyPort: number;
  beforeAll(async () => {
    protocol = (await compileIdlText('/t/p.avdl', 'protocol Big { string echo(string text); }', { reader: memoryReader({}) })).protocol!;
    const server = new RpcServer();
    server.addService(protocol, { echo: ({ text }) => text });
    listening = await serveHttp(server);
    // A recording proxy: what the client actually sends.
    proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        seen.push({ encoding: req.headers['content-encoding'], length: body.length });
        const forward = http.request({ port: listening.port, host: '127.0.0.1', path: req.url, method: 'POST', headers: req.headers }, (r) => {
          res.writeHead(r.statusCode!, r.headers);
          r.pipe(res);
        });
        forward.end(body);
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyPort = (proxy.address() as import('node:net').AddressInfo).port;
  });
  afterAll(async () => {
    proxy.close();
    await listening.close();
  });

  it('compresses a large answer for a client that accepts it, and a large request once the server said it accepts', async () => {
    const client = new RpcClient(protocol, new HttpChannel(`http://127.0.0.1:${proxyPort}`, 'Big'));
    const text = 'spl '.repeat(50_000);
    expect(await client.call('echo', { text })).toBe(text);
    expect(await client.call('echo', { text })).toBe(text);
    expect(await client.call('echo', { text: 'small' })).toBe('small');
    // The first large request went plain (nothing known yet); the second compressed; small ones never.
    expect(seen.map((s) => s.encoding)).toEqual([undefined, 'gzip', undefined]);
    expect(seen[1].length).toBeLessThan(seen[0].length / 10);
    await client.close();
  });

  it('answers plain to a client that does not accept compression', async () => {
    const client = new RpcClient(protocol, new HttpChannel(listening.url, 'Big'));
    await client.call('echo', { text: 'warm up' });
    const response = await new Promise<http.IncomingMessage>((resolve) => {
      const req = http.request({ port: listening.port, host: '127.0.0.1', path: '/avro/Big', method: 'POST', headers: { 'content-type': 'avro/binary' } }, resolve);
      req.end(Buffer.alloc(0));
    });
    expect(response.headers['content-encoding']).toBeUndefined();
    response.resume();
    await client.close();
  });

  it('refuses unknown codings and bodies that expand beyond the limit', () => {
    expect(chooseCoding('br, deflate;q=0.5')).toBe('deflate');
    expect(chooseCoding('gzip;q=0, identity')).toBeUndefined();
    expect(() => decompress(Buffer.from('x'), 'br', 100)).toThrow(/unsupported Content-Encoding br/);
    const bomb = zlib.gzipSync(Buffer.alloc(10_000_000));
    expect(bomb.length).toBeLessThan(20_000);
    expect(() => decompress(bomb, 'gzip', 1_000_000)).toThrow(/expands beyond the limit of 1000000 bytes/);
  });
});

describe('TCP compression, negotiated in the handshake', () => {
  it('deflates large packets both ways once both sides agreed, and works with peers that do not', async () => {
    const { serveTcp, TcpChannel } = await import('./tcp.js');
    const net = await import('node:net');
    const protocol = (await compileIdlText('/t/p.avdl', 'protocol Big { string echo(string text); }', { reader: memoryReader({}) })).protocol!;
    const server = new RpcServer();
    server.addService(protocol, { echo: ({ text }) => text });
    const listening = await serveTcp(server);
    // A counting proxy between client and server.
    let bytes = 0;
    const proxy = net.createServer((inbound) => {
      const outbound = net.connect(listening.port, '127.0.0.1');
      inbound.on('data', (d: Buffer) => {
        bytes += d.length;
        outbound.write(d);
      });
      outbound.on('data', (d: Buffer) => {
        bytes += d.length;
        inbound.write(d);
      });
      inbound.on('close', () => outbound.destroy());
      outbound.on('close', () => inbound.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const client = new RpcClient(protocol, new TcpChannel('127.0.0.1', (proxy.address() as import('node:net').AddressInfo).port));
    const text = 'spl '.repeat(50_000);
    expect(await client.call('echo', { text })).toBe(text); // the handshake call goes plain
    const afterHandshake = bytes;
    expect(afterHandshake).toBeGreaterThan(400_000);
    expect(await client.call('echo', { text })).toBe(text);
    expect(await client.call('echo', { text: 'small' })).toBe('small');
    expect(bytes - afterHandshake).toBeLessThan(10_000);
    await client.close();
    proxy.close();
    await listening.close();
  });
});
