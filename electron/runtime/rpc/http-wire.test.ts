/**
 * The hand-written HTTP/1.1 of the HTTP transport (http-message.ts, http.ts, http-channel.ts):
 * the parts of HTTP that real clients use and node:http used to give us for free.
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addParams, call, handshake, ITEM, PROBE_NAME, probeCodec, probeHandlers, probeProtocol, RawConnection, readResponse, sleep } from '../../../test/support/rpc-probe.js';
import { RpcClient } from './client.js';
import { encodeFramed, decodeFramed } from './framing.js';
import { HttpChannel } from './http-channel.js';
import { HttpMessageReader, HttpParseError, type HttpHead } from './http-message.js';
import { serveHttp, type Listening } from './http.js';
import { RpcServer } from './server.js';

const PATH = `/avro/${PROBE_NAME}`;
let listening: Listening;

beforeAll(async () => {
  const server = new RpcServer();
  server.addService(probeProtocol, probeHandlers());
  listening = await serveHttp(server, { keepAliveTimeoutMs: 300, requestTimeoutMs: 2000 });
});

afterAll(async () => {
  await listening.close();
});

function addRequest(a: number, b: number, extraHeaders = ''): Buffer {
  const body = encodeFramed(Buffer.concat([handshake(), call('add', addParams(a, b))]));
  return Buffer.concat([Buffer.from(`POST ${PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: avro/binary\r\n${extraHeaders}Content-Length: ${body.length}\r\n\r\n`), body]);
}

/** The HTTP responses in what a raw connection received. */
function responses(raw: RawConnection): { head: HttpHead; body: Buffer }[] {
  const out: { head: HttpHead; body: Buffer }[] = [];
  const reader = new HttpMessageReader('response', { maxHeadBytes: 65536, maxBodyBytes: 1 << 20 }, { onHead: () => true, onMessage: (head, body) => out.push({ head, body }) });
  reader.push(raw.received);
  return out;
}

function sumOf(body: Buffer): number {
  const framed = decodeFramed(body);
  const read = readResponse(framed, true);
  expect(read.failed).toBe(false);
  return probeCodec.messages.get('add')!.response.decode(framed, read.pos).value as number;
}

describe('HTTP/1.1 server', () => {
  it('answers pipelined requests in order, on one connection', async () => {
    const raw = await RawConnection.open(listening.port);
    raw.write(Buffer.concat([addRequest(1, 1), addRequest(2, 2), addRequest(3, 3)]));
    expect(await raw.waitFor(() => responses(raw).length === 3)).toBe(true);
    expect(responses(raw).map((r) => sumOf(r.body))).toEqual([2, 4, 6]);
    expect(responses(raw).every((r) => r.head.keepAlive)).toBe(true);
    raw.destroy();
  });

  it('reads a chunked request body, and a request split across many writes', async () => {
    const body = encodeFramed(Buffer.concat([handshake(), call('add', addParams(20, 22))]));
    const raw = await RawConnection.open(listening.port);
    raw.write(`POST ${PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: avro/binary\r\nTransfer-Encoding: chunked\r\n\r\n`);
    for (let i = 0; i < body.length; i += 7) {
      const piece = body.subarray(i, i + 7);
      raw.write(`${piece.length.toString(16)}\r\n`);
      raw.write(piece);
      raw.write('\r\n');
      await sleep(1);
    }
    raw.write('0\r\n\r\n');
    expect(await raw.waitFor(() => responses(raw).length === 1)).toBe(true);
    expect(sumOf(responses(raw)[0].body)).toBe(42);
    raw.destroy();
  });

  it('answers Expect: 100-continue before the body is sent', async () => {
    const request = addRequest(5, 6, 'Expect: 100-continue\r\n');
    const headEnd = request.indexOf('\r\n\r\n') + 4;
    const raw = await RawConnection.open(listening.port);
    raw.write(request.subarray(0, headEnd));
    expect(await raw.waitFor(() => raw.text.startsWith('HTTP/1.1 100 Continue\r\n\r\n'))).toBe(true);
    raw.write(request.subarray(headEnd));
    expect(await raw.waitFor(() => responses(raw).some((r) => r.head.status === 200))).toBe(true);
    expect(sumOf(responses(raw).find((r) => r.head.status === 200)!.body)).toBe(11);
    raw.destroy();
  });

  it('closes after answering an HTTP/1.0 request without keep-alive, and after Connection: close', async () => {
    for (const [version, header] of [['1.0', ''], ['1.1', 'Connection: close\r\n']]) {
      const raw = await RawConnection.open(listening.port);
      raw.write(Buffer.from(addRequest(1, 2, header).toString('latin1').replace('HTTP/1.1', `HTTP/${version}`), 'latin1'));
      expect(await raw.waitClosed()).toBe(true);
      expect(raw.text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(raw.text).toContain('Connection: close');
    }
  });

  it('closes an idle keep-alive connection after its timeout', async () => {
    const raw = await RawConnection.open(listening.port);
    raw.write(addRequest(1, 1));
    expect(await raw.waitFor(() => responses(raw).length === 1)).toBe(true);
    expect(raw.text).toContain('Keep-Alive: timeout=1');
    expect(await raw.waitClosed(3000)).toBe(true);
  });

  it('refuses ambiguous or oversized heads: 400 and 431, then closes', async () => {
    const cases: [string, RegExp][] = [
      [`POST ${PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: avro/binary\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n`, /^HTTP\/1\.1 400 .*ambiguous/s],
      [`POST ${PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n`, /^HTTP\/1\.1 400 .*two different Content-Length/s],
      [`POST ${PATH} HTTP/1.1\r\nHost: x\r\n folded: yes\r\n\r\n`, /^HTTP\/1\.1 400 .*folded/s],
      [`POST ${PATH} HTTP/1.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, /^HTTP\/1\.1 431 /],
      ['GARBAGE\r\n\r\n', /^HTTP\/1\.1 400 .*not an HTTP\/1\.x request line/s],
    ];
    for (const [bytes, expected] of cases) {
      const raw = await RawConnection.open(listening.port);
      raw.write(bytes);
      expect(await raw.waitClosed()).toBe(true);
      expect(raw.text).toMatch(expected);
    }
  });

  it('serves node:http clients (keep-alive agent) and answers a GET with 405 keeping the connection', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = await new Promise<{ status: number; allow?: string }>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: listening.port, path: PATH, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, allow: res.headers.allow }));
      }).on('error', reject);
    });
    expect(get).toEqual({ status: 405, allow: 'POST' });
    agent.destroy();
  });
});

describe('HTTP/1.1 client', () => {
  it('pipelines calls beyond its connections once the server has shown keep-alive, and gets every answer right', async () => {
    const client = new RpcClient(probeProtocol, new HttpChannel(listening.url, PROBE_NAME, { maxConnections: 2, pipelining: 8 }));
    await client.call('add', { a: 0, b: 0 });
    const sums = await Promise.all(Array.from({ length: 200 }, (_, i) => client.call('add', { a: i, b: 1 })));
    expect(sums).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // A slow call holds only its own connection's line; the rest still finish.
    const slow = client.call('slow', { ms: 200 });
    expect(await client.call('echo', { item: ITEM })).toEqual(ITEM);
    expect(await slow).toBe('done');
    await client.close();
  });

  it('reads answers delimited by the end of the connection (HTTP/1.0 servers)', async () => {
    const server = new RpcServer();
    server.addService(probeProtocol, probeHandlers());
    // An HTTP/1.0 server in the manner of Python's: no Content-Length, the body runs to the end of the connection.
    const peer = net.createServer((socket) => {
      const reader = new HttpMessageReader('request', { maxHeadBytes: 65536, maxBodyBytes: 1 << 20 }, {
        onHead: () => true,
        onMessage: async (_head, body) => {
          const answer = await server.handle(decodeFramed(body), { stateful: false, transport: 'http' });
          socket.end(Buffer.concat([Buffer.from('HTTP/1.0 200 OK\r\nContent-Type: avro/binary\r\n\r\n'), encodeFramed(answer!)]));
        },
      });
      socket.on('data', (chunk: Buffer) => reader.push(chunk));
    });
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
    const port = (peer.address() as net.AddressInfo).port;
    const client = new RpcClient(probeProtocol, new HttpChannel(`http://127.0.0.1:${port}/`, PROBE_NAME));
    expect(await Promise.all([client.call('add', { a: 1, b: 2 }), client.call('add', { a: 3, b: 4 })])).toEqual([3, 7]);
    await client.close();
    await new Promise((resolve) => peer.close(resolve));
  });

  it('a server that is not there: a TransportError that says the call was never sent', async () => {
    const client = new RpcClient(probeProtocol, new HttpChannel('http://127.0.0.1:1/', PROBE_NAME));
    await expect(client.call('add', { a: 1, b: 2 }, { retries: 0 })).rejects.toMatchObject({ name: 'TransportError', notSent: true, message: expect.stringContaining('ECONNREFUSED') });
    await client.close();
  });
});

describe('HttpMessageReader', () => {
  const read = (kind: 'request' | 'response', bytes: string[]): { head: HttpHead; body: string }[] => {
    const out: { head: HttpHead; body: string }[] = [];
    const reader = new HttpMessageReader(kind, { maxHeadBytes: 1024, maxBodyBytes: 64 }, { onHead: () => true, onMessage: (head, body) => out.push({ head, body: body.toString() }) });
    for (const piece of bytes) reader.push(Buffer.from(piece, 'latin1'));
    return out;
  };

  it('reads messages byte by byte as well as all at once', () => {
    const text = 'POST / HTTP/1.1\r\nContent-Length: 3\r\nX-A: 1\r\nx-a: 2\r\n\r\nabcPOST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2;ext=1\r\nde\r\n0\r\nTrailer: x\r\n\r\n';
    for (const pieces of [[text], [...text]]) {
      const messages = read('request', pieces);
      expect(messages.map((m) => m.body)).toEqual(['abc', 'de']);
      expect(messages[0].head.headers.get('x-a')).toBe('1, 2');
    }
  });

  it('skips interim 1xx answers and knows bodyless statuses', () => {
    const messages = read('response', ['HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok']);
    expect(messages.map((m) => [m.head.status, m.body])).toEqual([[100, ''], [204, ''], [200, 'ok']]);
  });

  it('refuses a body beyond its limit with 413, by declared length and by chunks', () => {
    expect(() => read('request', ['POST / HTTP/1.1\r\nContent-Length: 65\r\n\r\n'])).toThrow(new HttpParseError(413, 'the request exceeds the limit of 64 bytes'));
    expect(() => read('request', ['POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n', 'x'.repeat(64), '\r\n1\r\n'])).toThrow(/exceeds the limit of 64 bytes/);
  });

  it('says where a message was cut off when the connection ends', () => {
    const reader = new HttpMessageReader('response', { maxHeadBytes: 1024, maxBodyBytes: 64 }, { onHead: () => true, onMessage: () => undefined });
    reader.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
    expect(() => reader.end()).toThrow('the connection ended in the middle of a message (its body)');
  });
});
