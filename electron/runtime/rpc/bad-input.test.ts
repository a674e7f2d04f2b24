/**
 * Bad input, over real sockets: every malformed, oversized, truncated, stalled or unknown thing
 * gets a clear error response or a closed connection, and a well-behaved client beside it keeps
 * being served throughout.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addParams, call, handshake, ITEM, post, PROBE_NAME, probeCodec, probeHandlers, probeProtocol, RawConnection, readResponse,
  RecordingChannel, sleep, widerProtocol,
} from '../../../test/support/rpc-probe.js';
import { RpcClient } from './client.js';
import { DeclaredError, ProtocolViolation, RemoteSystemError } from './errors.js';
import { encodeFramed, encodeNetty, NettyDecoder, type FrameLimits, type NettyPacket } from './framing.js';
import { HttpChannel } from './http-channel.js';
import { serveHttp, type Listening } from './http.js';
import { RpcServer } from './server.js';
import { serveTcp, TcpChannel } from './tcp.js';
import { metaType } from './wire.js';

const LIMITS: FrameLimits = { maxFrameBytes: 4096, maxMessageBytes: 8192, maxFrames: 8 };
/** What the HTTP server accepts as a body: the message, its length prefixes and the terminator. */
const MAX_BODY = LIMITS.maxMessageBytes + 4 * (LIMITS.maxFrames + 1);
const PATH = `/avro/${PROBE_NAME}`;
const STALL_MS = 200;
const REQUEST_TIMEOUT_MS = 400;

/** A zigzag varint: how Avro writes a long (and a block's item count). */
function varint(n: bigint): Buffer {
  let z = n >= 0n ? n * 2n : -n * 2n - 1n;
  const out: number[] = [];
  while (z > 0x7fn) {
    out.push(Number(z & 0x7fn) | 0x80);
    z >>= 7n;
  }
  out.push(Number(z));
  return Buffer.from(out);
}

let server: RpcServer;
let httpServer: Listening;
let tcpServer: Listening;
const logged: string[] = [];
const connectionErrors: string[] = [];
/** The well-behaved clients, one per transport, used before, during and after every bad case. */
let httpClient: RpcClient;
let tcpClient: RpcClient;

async function stillServed(): Promise<void> {
  const [h, t, hi, ti] = await Promise.all([
    httpClient.call('add', { a: 20, b: 22 }),
    tcpClient.call('add', { a: 40, b: 2 }),
    httpClient.call('echo', { item: ITEM }),
    tcpClient.call('echo', { item: ITEM }),
  ]);
  expect([h, t]).toEqual([42, 42]);
  expect(hi).toEqual(ITEM);
  expect(ti).toEqual(ITEM);
}

beforeAll(async () => {
  server = new RpcServer();
  server.addService(probeProtocol, probeHandlers(logged));
  httpServer = await serveHttp(server, { limits: LIMITS, requestTimeoutMs: REQUEST_TIMEOUT_MS });
  tcpServer = await serveTcp(server, { limits: LIMITS, stallTimeoutMs: STALL_MS, onConnectionError: (_peer, error) => connectionErrors.push(`${error.name}: ${error.message}`) });
  httpClient = new RpcClient(probeProtocol, new HttpChannel(httpServer.url, PROBE_NAME, { limits: LIMITS }));
  tcpClient = new RpcClient(probeProtocol, new TcpChannel('127.0.0.1', tcpServer.port, LIMITS));
  await stillServed();
});

afterEach(async () => {
  await stillServed();
});

afterAll(async () => {
  await httpClient.close();
  await tcpClient.close();
  await httpServer.close();
  await tcpServer.close();
});

/** A valid framed HTTP body calling add(a, b), with the handshake. */
function addBody(a = 1, b = 2): Buffer {
  return Buffer.concat([handshake(), call('add', addParams(a, b))]);
}

describe('HTTP: requests that are not Avro RPC', () => {
  it('a valid raw request works (the baseline the others change one thing of)', async () => {
    const res = await post(httpServer.port, PATH, encodeFramed(addBody(2, 3)));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('avro/binary');
    const read = readResponse(res.body.subarray(4, res.body.length - 4), true);
    expect(read).toMatchObject({ handshake: { match: 'BOTH' }, failed: false });
  });

  it('a method other than POST: 405', async () => {
    const res = await post(httpServer.port, PATH, '', {}, 'GET');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.text).toContain('Avro RPC takes POST, not GET');
  });

  it('a path that is no endpoint: 404, saying where to post', async () => {
    const res = await post(httpServer.port, '/nope', encodeFramed(addBody()));
    expect(res.status).toBe(404);
    expect(res.text).toContain('no Avro endpoint at /nope: post to /avro/<ProtocolFullName> or /');
    const bad = await post(httpServer.port, '/avro/%E0%A4%A', encodeFramed(addBody()));
    expect(bad.status).toBe(404);
    expect(bad.text).toContain('not valid percent-encoding');
  });

  it('a protocol this server does not serve: 400, naming the ones it does', async () => {
    const res = await post(httpServer.port, '/avro/no.such.Protocol', encodeFramed(addBody()));
    expect(res.status).toBe(400);
    expect(res.text).toContain('this node does not serve protocol no.such.Protocol; it serves test.rpc.Probe');
  });

  it('a wrong or missing content type: 415', async () => {
    const wrong = await post(httpServer.port, PATH, encodeFramed(addBody()), { 'content-type': 'application/json' });
    expect(wrong.status).toBe(415);
    expect(wrong.text).toContain('expected Content-Type: avro/binary, got application/json');
    const missing = await post(httpServer.port, PATH, encodeFramed(addBody()), {});
    expect(missing.status).toBe(415);
    expect(missing.text).toContain('got none');
    // Parameters after the type are fine.
    const withCharset = await post(httpServer.port, PATH, encodeFramed(addBody()), { 'content-type': 'avro/binary; charset=binary' });
    expect(withCharset.status).toBe(200);
  });
});

describe('HTTP: size limits', () => {
  it('a declared Content-Length over the limit: 413 before the body is read, and the connection closes', async () => {
    const raw = await RawConnection.open(httpServer.port);
    raw.write(`POST ${PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: avro/binary\r\nContent-Length: 1000000000\r\n\r\n`);
    // Not one byte of the body is sent: the answer cannot have waited for it.
    expect(await raw.waitClosed()).toBe(true);
    expect(raw.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(raw.text).toContain(`a request of 1000000000 bytes exceeds the limit of ${MAX_BODY}`);
  });

  it('a streamed (chunked) body growing past the limit: 413, and the connection closes', async () => {
    const raw = await RawConnection.open(httpServer.port);
    raw.write(`POST ${PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: avro/binary\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const piece = Buffer.alloc(1024, 0x41);
    for (let i = 0; i < 12 && !raw.closed; i++) {
      raw.write(`${piece.length.toString(16)}\r\n`);
      raw.write(piece);
      raw.write('\r\n');
      await sleep(5);
    }
    expect(await raw.waitClosed()).toBe(true);
    expect(raw.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(raw.text).toContain(`the request exceeds the limit of ${MAX_BODY} bytes`);
  });

  it('a frame over the frame limit inside a body under the byte limit: 413', async () => {
    const frame = Buffer.alloc(LIMITS.maxFrameBytes + 1);
    const res = await post(httpServer.port, PATH, encodeFramed(frame));
    expect(res.status).toBe(413);
    expect(res.text).toContain(`frame of ${LIMITS.maxFrameBytes + 1} bytes at byte 0 exceeds the limit of ${LIMITS.maxFrameBytes}`);
  });

  it('more frames than allowed: 413', async () => {
    const frames = Array.from({ length: LIMITS.maxFrames + 1 }, () => Buffer.from([0, 0, 0, 1, 7]));
    const res = await post(httpServer.port, PATH, Buffer.concat([...frames, Buffer.alloc(4)]));
    expect(res.status).toBe(413);
    expect(res.text).toContain(`message has more than ${LIMITS.maxFrames} frames`);
  });
});

describe('HTTP: broken framing, each a 400 naming the byte offset', () => {
  it('zero bytes', async () => {
    const res = await post(httpServer.port, PATH, Buffer.alloc(0));
    expect(res.status).toBe(400);
    expect(res.text).toContain('expected a 4-byte frame length at byte 0, but the body ends at 0');
  });

  it('a truncated frame', async () => {
    const framed = encodeFramed(addBody());
    const res = await post(httpServer.port, PATH, framed.subarray(0, 20));
    expect(res.status).toBe(400);
    expect(res.text).toContain(`truncated frame at byte 0: it declares ${framed.length - 8} bytes but only 16 follow`);
  });

  it('a missing terminator', async () => {
    const framed = encodeFramed(addBody());
    const res = await post(httpServer.port, PATH, framed.subarray(0, framed.length - 4));
    expect(res.status).toBe(400);
    expect(res.text).toContain(`expected a 4-byte frame length at byte ${framed.length - 4}`);
  });

  it('trailing garbage after the terminator', async () => {
    const framed = encodeFramed(addBody());
    const res = await post(httpServer.port, PATH, Buffer.concat([framed, Buffer.from('junk')]));
    expect(res.status).toBe(400);
    expect(res.text).toContain(`4 unexpected bytes after the end of the message (byte ${framed.length})`);
  });

  it('a message split over several frames is fine', async () => {
    const body = addBody(5, 6);
    const split = Buffer.concat([encodeFramed(body.subarray(0, 10)).subarray(0, 14), encodeFramed(body.subarray(10))]);
    const res = await post(httpServer.port, PATH, split);
    expect(res.status).toBe(200);
  });
});

describe('HTTP: broken calls', () => {
  it('a garbage handshake: 400', async () => {
    const res = await post(httpServer.port, PATH, encodeFramed(Buffer.from('this is not an avro handshake')));
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/the handshake request at byte 0/);
  });

  it('a client protocol that cannot be parsed: 400 saying so', async () => {
    const body = Buffer.concat([handshake({ clientHash: Buffer.alloc(16, 9), clientProtocol: '{"protocol": "Broken", "messages": [' }), call('add', addParams(1, 1))]);
    const res = await post(httpServer.port, PATH, encodeFramed(body));
    expect(res.status).toBe(400);
    expect(res.text).toContain('the client protocol in the handshake cannot be read');
  });

  it('an unknown message: a system error naming it and listing the known ones', async () => {
    const res = await post(httpServer.port, PATH, encodeFramed(Buffer.concat([handshake(), call('nosuch')])));
    expect(res.status).toBe(200);
    const read = readResponse(res.body.subarray(4, res.body.length - 4), true);
    expect(read.failed).toBe(true);
    expect(read.systemError).toBe("unknown message 'nosuch': protocol test.rpc.Probe has add, echo, refuse, crash, broken, slow, log");
  });

  // The client reads the system error (union branch 0, a string in every protocol) without a
  // resolver for a message the server lacks.
  it('an unknown message reaches a client that has it as a RemoteSystemError (HTTP and TCP)', async () => {
    for (const channel of [new HttpChannel(httpServer.url, PROBE_NAME), new TcpChannel('127.0.0.1', tcpServer.port)]) {
      const wider = new RpcClient(widerProtocol, channel);
      await expect(wider.call('missing', { x: 1 })).rejects.toThrow(RemoteSystemError);
      await expect(wider.call('missing', { x: 1 })).rejects.toThrow("unknown message 'missing': protocol test.rpc.Probe has add, echo");
      expect(await wider.call('add', { a: 1, b: 2 })).toBe(3);
      await wider.close();
    }
  });

  it('parameters that run past the end: 400 naming what and where', async () => {
    const res = await post(httpServer.port, PATH, encodeFramed(Buffer.concat([handshake(), call('add', Buffer.from([0x02]))])));
    expect(res.status).toBe(400);
    expect(res.text).toContain("the parameters of 'add' at byte");
  });

  it('bytes after the parameters: 400', async () => {
    const res = await post(httpServer.port, PATH, encodeFramed(Buffer.concat([handshake(), call('add', addParams(1, 2)), Buffer.from([1, 2, 3])])));
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/3 unexpected bytes after the parameters of 'add' \(from byte \d+\)/);
  });

  it('a map claiming 2^60 entries in 10 bytes is refused at once, not decoded for ever', async () => {
    const claim = Buffer.concat([varint(2n ** 60n), Buffer.from([2, 0x61, 0])]);
    const started = performance.now();
    const res = await post(httpServer.port, PATH, encodeFramed(Buffer.concat([handshake(), claim, Buffer.from([6]), Buffer.from('add')])));
    expect(res.status).toBe(400);
    expect(res.text).toContain(`cannot read the request metadata at byte ${handshake().length}: the block at byte ${handshake().length} announces ${2 ** 60} items, but only`);
    expect(performance.now() - started).toBeLessThan(5000);
    // The same in the parameters (an array of strings) and in the handshake's meta.
    const tags = Buffer.concat([Buffer.from([2, 0x78]), varint(2n ** 40n), Buffer.from([0])]);
    const echo = await post(httpServer.port, PATH, encodeFramed(Buffer.concat([handshake(), call('echo', tags)])));
    expect(echo.status).toBe(400);
    expect(echo.text).toContain(`announces ${2 ** 40} items`);
    const hs = Buffer.concat([probeCodec.hash, Buffer.from([0]), probeCodec.hash, Buffer.from([2]), varint(2n ** 50n)]);
    const meta = await post(httpServer.port, PATH, encodeFramed(Buffer.concat([hs, call('add', addParams(1, 1))])));
    expect(meta.status).toBe(400);
    expect(meta.text).toContain('cannot read the handshake request at byte 0');
  });

  it('a handler that throws (anything): a system error with its message', async () => {
    await expect(httpClient.call('crash', { how: 'error' })).rejects.toThrow(new RemoteSystemError('boom: the handler failed'));
    await expect(httpClient.call('crash', { how: 'async' })).rejects.toThrow(new RemoteSystemError('async boom'));
    await expect(httpClient.call('crash', { how: 'string' })).rejects.toThrow(new RemoteSystemError('a thrown string'));
    for (const how of ['null-prototype', 'undefined', 'symbol', 'cyclic']) {
      const error = await httpClient.call('crash', { how }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteSystemError);
      expect((error as Error).message).toMatch(/^the handler of 'crash' failed, throwing .+ \(not an Error\)$/);
    }
    await expect(httpClient.call('refuse', { why: 'declared' })).rejects.toThrow(DeclaredError);
  });

  it('a handler that returns an invalid response: a system error naming the path', async () => {
    await expect(httpClient.call('broken', {})).rejects.toThrow(new RemoteSystemError("the handler of 'broken' returned an invalid response at tags.1"));
  });

  it('a client that stalls mid-body is answered 408 and cut off, while others are served', async () => {
    const raw = await RawConnection.open(httpServer.port);
    raw.write(`POST ${PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: avro/binary\r\nContent-Length: 100\r\n\r\n`);
    raw.write(Buffer.alloc(10));
    // Served meanwhile, over HTTP and TCP.
    for (let i = 0; i < 3; i++) {
      await stillServed();
      await sleep(50);
    }
    expect(await raw.waitClosed(REQUEST_TIMEOUT_MS * 10)).toBe(true);
    expect(raw.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(raw.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS / 2);
  });

  it('clients that go away mid-body or mid-call hurt nobody', async () => {
    const early = await RawConnection.open(httpServer.port);
    early.write(`POST ${PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: avro/binary\r\nContent-Length: 100\r\n\r\n`);
    early.write(Buffer.alloc(10));
    await sleep(20);
    early.destroy();
    const framed = encodeFramed(Buffer.concat([handshake(), call('slow', probeCodec.messages.get('slow')!.request.toBuffer({ ms: 100 }))]));
    const late = await RawConnection.open(httpServer.port);
    late.write(`POST ${PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: avro/binary\r\nContent-Length: ${framed.length}\r\n\r\n`);
    late.write(framed);
    await sleep(20);
    late.destroy();
    // The handler finishes after its caller left: the answer goes nowhere, quietly.
    await sleep(150);
  });
});

/** The Netty packets in what a raw connection received. */
function packetsOf(raw: RawConnection): NettyPacket[] {
  return new NettyDecoder().push(raw.received);
}

/** A raw TCP connection that has done its handshake (with an add call), ready for plain calls. */
async function establishedTcp(): Promise<RawConnection> {
  const raw = await RawConnection.open(tcpServer.port);
  raw.write(encodeNetty(1, addBody(1, 1)));
  expect(await raw.waitFor(() => packetsOf(raw).length === 1)).toBe(true);
  expect(readResponse(packetsOf(raw)[0].body, true)).toMatchObject({ handshake: { match: 'BOTH' }, failed: false });
  return raw;
}

describe('TCP: bad packets close that connection only', () => {
  const header = (serial: number, count: number): Buffer => {
    const out = Buffer.alloc(8);
    out.writeInt32BE(serial, 0);
    out.writeInt32BE(count, 4);
    return out;
  };
  const length = (n: number): Buffer => {
    const out = Buffer.alloc(4);
    out.writeInt32BE(n, 0);
    return out;
  };

  async function expectClosed(bytes: Buffer | Buffer[], reason: RegExp): Promise<RawConnection> {
    const before = connectionErrors.length;
    const raw = await RawConnection.open(tcpServer.port);
    for (const piece of Array.isArray(bytes) ? bytes : [bytes]) raw.write(piece);
    expect(await raw.waitClosed()).toBe(true);
    expect(packetsOf(raw)).toEqual([]);
    expect(connectionErrors.slice(before).join('\n')).toMatch(reason);
    return raw;
  }

  it('more frames than allowed', async () => {
    await expectClosed(header(1, LIMITS.maxFrames + 1), /LimitExceeded: packet 1 declares 9 frames \(the limit is 8\)/);
  });

  it('a frame longer than allowed', async () => {
    await expectClosed(Buffer.concat([header(1, 1), length(LIMITS.maxFrameBytes + 1)]), /LimitExceeded: packet 1: frame 0 declares 4097 bytes \(the limit is 4096\)/);
  });

  it('frames adding up to more than a message may hold', async () => {
    const frame = Buffer.concat([length(4000), Buffer.alloc(4000)]);
    await expectClosed(Buffer.concat([header(1, 3), frame, frame, length(4000)]), /LimitExceeded: packet 1 exceeds the limit of 8192 bytes/);
  });

  it('a negative frame count or length', async () => {
    await expectClosed(header(1, -1), /ProtocolViolation: packet 1 declares a negative frame count \(-1\)/);
    await expectClosed(Buffer.concat([header(2, 1), length(-5)]), /ProtocolViolation: packet 2: frame 0 declares a negative length \(-5\)/);
  });

  it('garbage', async () => {
    await expectClosed(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), /declares \d+ frames/);
    // Well framed, but no handshake inside.
    await expectClosed(encodeNetty(7, Buffer.from('no handshake in here')), /ProtocolViolation: .*the handshake request at byte 0/);
  });

  it('a handshake the server cannot read, or a client protocol it cannot parse', async () => {
    await expectClosed(encodeNetty(1, Buffer.concat([handshake({ clientHash: Buffer.alloc(16, 3), clientProtocol: 'not json' }), call('add', addParams(1, 1))])), /the client protocol in the handshake cannot be read/);
  });

  it('a map claiming 2^60 entries is refused at once', async () => {
    await expectClosed(encodeNetty(1, Buffer.concat([handshake(), varint(2n ** 60n), Buffer.from([2, 0x61, 0])])), new RegExp(`announces ${2 ** 60} items`));
  });

  it('a call the server cannot read on an established connection is answered with a system error; the connection stays', async () => {
    const raw = await establishedTcp();
    raw.write(encodeNetty(2, Buffer.concat([metaType.toBuffer({}), Buffer.from([0x7f])])));
    raw.write(encodeNetty(3, call('add', Buffer.from([0x02]))));
    raw.write(encodeNetty(4, Buffer.concat([call('add', addParams(1, 2)), Buffer.from('junk')])));
    raw.write(encodeNetty(5, call('add', addParams(1, 2))));
    expect(await raw.waitFor(() => packetsOf(raw).length === 5)).toBe(true);
    const [, name, params, trailing, ok] = packetsOf(raw);
    expect([name.serial, params.serial, trailing.serial, ok.serial]).toEqual([2, 3, 4, 5]);
    expect(readResponse(name.body, false).systemError).toBe('the server cannot read this call: truncated message: the message name at byte 1 runs past the end (2 bytes)');
    expect(readResponse(params.body, false).systemError).toMatch(/^the server cannot read this call: truncated message: the parameters of 'add' at byte 5 runs past the end/);
    expect(readResponse(trailing.body, false).systemError).toBe("the server cannot read this call: 4 unexpected bytes after the parameters of 'add' (from byte 7)");
    expect(readResponse(ok.body, false)).toMatchObject({ failed: false });
    expect(raw.closed).toBe(false);
    raw.destroy();
  });

  it('a call the server cannot read together with the handshake closes the connection (no handshake answer can be given)', async () => {
    const before = connectionErrors.length;
    const raw = await RawConnection.open(tcpServer.port);
    raw.write(encodeNetty(1, Buffer.concat([handshake(), call('add', Buffer.from([0x02]))])));
    expect(await raw.waitClosed()).toBe(true);
    expect(raw.received.length).toBe(0);
    expect(connectionErrors.slice(before).join('\n')).toMatch(/the parameters of 'add' at byte \d+ runs past the end/);
  });

  it('a client that sends half a packet and stalls is closed after stallTimeoutMs; an idle one is not', async () => {
    const idle = await establishedTcp();
    const before = connectionErrors.length;
    const stalled = await RawConnection.open(tcpServer.port);
    const packet = encodeNetty(1, addBody(1, 1));
    stalled.write(packet.subarray(0, packet.length - 5));
    for (let i = 0; i < 3; i++) {
      await stillServed();
      await sleep(30);
    }
    expect(await stalled.waitClosed(STALL_MS * 10)).toBe(true);
    expect(stalled.closedAfterMs).toBeGreaterThanOrEqual(STALL_MS / 2);
    expect(connectionErrors.slice(before).join('\n')).toMatch(new RegExp(`stalled for ${STALL_MS} ms in the middle of a packet \\(${packet.length - 5} bytes received of it\\)`));
    // The idle connection, quiet for longer than the stall timeout, still works...
    expect(idle.closed).toBe(false);
    idle.write(encodeNetty(2, call('add', addParams(2, 2))));
    expect(await idle.waitFor(() => packetsOf(idle).length === 2)).toBe(true);
    // ...and is still watched: after being idle past the timeout, a stall is caught all the same.
    await sleep(STALL_MS * 2);
    idle.write(encodeNetty(3, call('add', addParams(2, 2))).subarray(0, 10));
    expect(await idle.waitClosed(STALL_MS * 10)).toBe(true);
  });

  it('serial numbers are any 32-bit value, answered as sent', async () => {
    const raw = await establishedTcp();
    raw.write(encodeNetty(0x7fffffff, call('add', addParams(3, 4))));
    raw.write(encodeNetty(-1, call('add', addParams(5, 6))));
    raw.write(encodeNetty(-0x80000000, call('add', addParams(7, 8))));
    expect(await raw.waitFor(() => packetsOf(raw).length === 4)).toBe(true);
    expect(packetsOf(raw).slice(1).map((p) => p.serial).sort()).toEqual([-1, -0x80000000, 0x7fffffff].sort());
    raw.destroy();
  });

  it('a packet split byte by byte is reassembled', async () => {
    const raw = await RawConnection.open(tcpServer.port);
    const packet = encodeNetty(9, addBody(20, 1));
    for (const byte of packet) {
      raw.write(Buffer.from([byte]));
      await sleep(0);
    }
    expect(await raw.waitFor(() => packetsOf(raw).length === 1)).toBe(true);
    expect(packetsOf(raw)[0].serial).toBe(9);
    raw.destroy();
  });

  it('a one-way message gets no response packet; a call after it does', async () => {
    const raw = await establishedTcp();
    const logParams = probeCodec.messages.get('log')!.request.toBuffer({ line: 'one way' });
    raw.write(encodeNetty(2, call('log', logParams)));
    raw.write(encodeNetty(3, call('add', addParams(1, 2))));
    expect(await raw.waitFor(() => packetsOf(raw).length === 2)).toBe(true);
    await sleep(50);
    expect(packetsOf(raw).map((p) => p.serial)).toEqual([1, 3]);
    expect(logged).toContain('one way');
    raw.destroy();
  });

  it('a one-way message that carries the handshake is answered (the client must learn the handshake)', async () => {
    const raw = await RawConnection.open(tcpServer.port);
    raw.write(encodeNetty(1, Buffer.concat([handshake(), call('log', probeCodec.messages.get('log')!.request.toBuffer({ line: 'first' }))])));
    expect(await raw.waitFor(() => packetsOf(raw).length === 1)).toBe(true);
    expect(readResponse(packetsOf(raw)[0].body, true)).toMatchObject({ handshake: { match: 'BOTH' }, failed: false });
    raw.destroy();
    // And through the client: a one-way first call on a fresh connection returns.
    const client = new RpcClient(probeProtocol, new TcpChannel('127.0.0.1', tcpServer.port));
    expect(await client.call('log', { line: 'via client' }, { timeoutMs: 2000 })).toBeNull();
    expect(await client.call('log', { line: 'again' }, { timeoutMs: 2000 })).toBeNull();
    expect(await client.call('add', { a: 1, b: 1 })).toBe(2);
    await client.close();
    expect(logged).toEqual(expect.arrayContaining(['first', 'via client', 'again']));
  });

  it('the client over TCP: unknown messages, throwing handlers and invalid responses keep the connection', async () => {
    const recording = new RecordingChannel(new TcpChannel('127.0.0.1', tcpServer.port));
    const client = new RpcClient(probeProtocol, recording);
    await expect(client.call('crash', { how: 'symbol' })).rejects.toThrow(/the handler of 'crash' failed, throwing Symbol\(thrown\)/);
    await expect(client.call('broken', {})).rejects.toThrow(/returned an invalid response at tags\.1/);
    expect(await client.call('add', { a: 2, b: 2 })).toBe(4);
    // One handshake for all of it: the connection stayed up.
    expect(recording.sent.filter((b) => b.subarray(0, 16).equals(probeCodec.hash)).length).toBe(1);
    await client.close();
  });
});

describe('the Netty decoder', () => {
  it('refuses with LimitExceeded, a ProtocolViolation', () => {
    expect(() => new NettyDecoder(LIMITS).push(Buffer.from([0, 0, 0, 1, 0, 0, 0, 99]))).toThrow(ProtocolViolation);
  });

  it('takes a big packet trickling in, in many small chunks, in linear time, and counts what is pending', () => {
    // 4096 frames of 4 KiB, one chunk per frame: joining all received bytes at every frame
    // boundary (as a naive decoder does) would copy some 64 GB here.
    const frames = 4096;
    const frameBytes = 4096;
    const decoder = new NettyDecoder();
    const header = Buffer.alloc(8);
    header.writeInt32BE(77, 0);
    header.writeInt32BE(frames, 4);
    expect(decoder.push(header.subarray(0, 5))).toEqual([]);
    expect(decoder.pending).toBe(5);
    expect(decoder.push(header.subarray(5))).toEqual([]);
    const started = performance.now();
    for (let i = 0; i < frames; i++) {
      const chunk = Buffer.alloc(4 + frameBytes, i % 251);
      chunk.writeInt32BE(frameBytes, 0);
      const packets = decoder.push(chunk);
      expect(packets.length).toBe(i === frames - 1 ? 1 : 0);
      if (packets.length === 1) {
        expect(packets[0].serial).toBe(77);
        expect(packets[0].body.length).toBe(frames * frameBytes);
        expect(packets[0].body[frameBytes * 300]).toBe(300 % 251);
      }
    }
    expect(decoder.pending).toBe(0);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
