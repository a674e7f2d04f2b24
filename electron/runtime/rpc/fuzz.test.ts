/**
 * Fuzzing: real request bodies, captured from RpcClient, mutated (bit flips, truncations,
 * insertions, deletions, duplicated chunks, random lengths and counts) with a seeded generator,
 * 10,000 times over HTTP and 10,000 times over TCP. Each must get an answer or a closed
 * connection, never a hang or a crash; afterwards the servers still answer real calls correctly.
 * The outcome counts are printed, not asserted: they say what the mutations hit.
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ITEM, PROBE_NAME, probeCodec, probeHandlers, probeProtocol, readResponse, RecordingChannel, sleep, widerProtocol } from '../../../test/support/rpc-probe.js';
import { RpcClient } from './client.js';
import { DeclaredError, RemoteSystemError } from './errors.js';
import { decodeFramed, encodeFramed, encodeNetty, NettyDecoder, type FrameLimits } from './framing.js';
import { HttpChannel } from './http-channel.js';
import { serveHttp, type Listening } from './http.js';
import { ProtocolCodec } from './protocol-codec.js';
import { RpcServer } from './server.js';
import { serveTcp, TcpChannel } from './tcp.js';

const MUTATIONS = 10_000;
const CONCURRENCY = 16;
const SEED = 0x5eed_2024;
const LIMITS: FrameLimits = { maxFrameBytes: 256 * 1024, maxMessageBytes: 512 * 1024, maxFrames: 64 };
const PATH = `/avro/${PROBE_NAME}`;
const widerCodec = new ProtocolCodec(widerProtocol);

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function random(seed: number): { next(): number; int(n: number): number; pick<T>(items: readonly T[]): T } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)] };
}
type Random = ReturnType<typeof random>;

const INTERESTING_U32 = [0, 1, 2, 4, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];
const INTERESTING_BYTES = [0x00, 0x01, 0x02, 0x7e, 0x7f, 0x80, 0x81, 0xfe, 0xff];

/** The mutations, each returning a new buffer. `lengthAt` lists where the framing keeps lengths. */
const MUTATORS: Record<string, (bytes: Buffer, rng: Random, lengthAt: number[]) => Buffer> = {
  bitFlips(bytes, rng) {
    const out = Buffer.from(bytes);
    if (out.length === 0) return out;
    for (let i = 1 + rng.int(8); i > 0; i--) out[rng.int(out.length)] ^= 1 << rng.int(8);
    return out;
  },
  truncate(bytes, rng) {
    return Buffer.from(bytes.subarray(0, rng.int(bytes.length)));
  },
  insert(bytes, rng) {
    const at = rng.int(bytes.length + 1);
    const junk = Buffer.from(Array.from({ length: 1 + rng.int(16) }, () => rng.int(256)));
    return Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]);
  },
  remove(bytes, rng) {
    const at = rng.int(bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + rng.int(16))]);
  },
  duplicate(bytes, rng) {
    if (bytes.length === 0) return Buffer.from(bytes);
    const from = rng.int(bytes.length);
    const chunk = bytes.subarray(from, from + 1 + rng.int(Math.min(64, bytes.length - from)));
    const at = rng.int(bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, at), chunk, bytes.subarray(at)]);
  },
  /** A 4-byte length (or count, or serial) replaced: where the framing has one, or anywhere. */
  randomLength(bytes, rng, lengthAt) {
    const out = Buffer.from(bytes);
    if (out.length < 4) return out;
    const candidates = lengthAt.filter((at) => at + 4 <= out.length);
    const at = candidates.length > 0 && rng.next() < 0.7 ? rng.pick(candidates) : rng.int(out.length - 3);
    const old = out.readUInt32BE(at);
    const choice = rng.int(4);
    const value = choice === 0 ? rng.pick(INTERESTING_U32) : choice === 1 ? (old + rng.pick([-2, -1, 1, 2, 100])) >>> 0 : choice === 2 ? rng.int(0x10000) : Math.floor(rng.next() * 0x100000000);
    out.writeUInt32BE(value >>> 0, at);
    return out;
  },
  /** An Avro varint (a string's length, a block's item count) made huge or negative. */
  randomVarint(bytes, rng) {
    const at = rng.int(bytes.length + 1);
    const width = 1 + rng.int(10);
    const varint = Buffer.from(Array.from({ length: width }, (_, i) => (i < width - 1 ? 0x80 | rng.int(128) : rng.int(128))));
    const replace = rng.next() < 0.5 ? 1 : 0;
    return Buffer.concat([bytes.subarray(0, at), varint, bytes.subarray(at + replace)]);
  },
  interestingByte(bytes, rng) {
    const out = Buffer.from(bytes);
    if (out.length > 0) out[rng.int(out.length)] = rng.pick(INTERESTING_BYTES);
    return out;
  },
};
const MUTATOR_NAMES = Object.keys(MUTATORS);

function mutate(bytes: Buffer, rng: Random, lengthAt: number[] = []): Buffer {
  let out = bytes;
  for (let i = 1 + (rng.next() < 0.25 ? rng.int(3) : 0); i > 0; i--) out = MUTATORS[rng.pick(MUTATOR_NAMES)](out, rng, lengthAt);
  return out;
}

/** Share of mutations made to the call inside well-formed framing; the rest break the framing itself. */
const INSIDE_FRAMING = 0.7;

/** A standard-framed body, mutated inside or across its framing. */
function mutateFramed(body: Buffer, rng: Random): Buffer {
  if (rng.next() < INSIDE_FRAMING) return encodeFramed(mutate(body, rng));
  const framed = encodeFramed(body);
  return mutate(framed, rng, [0, framed.length - 4]);
}

/** A Netty packet, mutated inside or across its framing. */
function mutatePacket(serial: number, body: Buffer, rng: Random): Buffer {
  if (rng.next() < INSIDE_FRAMING) return encodeNetty(serial, mutate(body, rng));
  return mutate(encodeNetty(serial, body), rng, [0, 4, 8]);
}

function count(tally: Map<string, number>, outcome: string): void {
  tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
}

function report(title: string, tally: Map<string, number>, what: string, extra = ''): void {
  const total = [...tally.values()].reduce((a, b) => a + b, 0);
  const lines = [...tally.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `  ${String(v).padStart(6)}  ${k}`);
  console.log(`${title}: ${total} ${what}${extra}\n${lines.join('\n')}`);
}

/** What a response body says: ok, a declared or system error, or a handshake NONE. */
function classify(body: Buffer, withHandshake: boolean): string {
  const read = readResponse(body, withHandshake);
  if (read.handshake?.match === 'NONE') return 'response: handshake NONE';
  return read.failed ? (read.systemError !== undefined ? 'response: system error' : 'response: declared error') : 'response: ok';
}

let server: RpcServer;
let httpServer: Listening;
let tcpServer: Listening;
const connectionErrors = new Map<string, number>();
/** Bodies a real client sent: over HTTP each with its handshake; over TCP a connection's first with it, the rest without. */
const httpSeeds: Buffer[] = [];
const tcpHandshakeSeeds: Buffer[] = [];
const tcpPlainSeeds: Buffer[] = [];

async function exercise(client: RpcClient): Promise<void> {
  await client.ping();
  expect(await client.call('add', { a: 1, b: 2 })).toBe(3);
  expect(await client.call('echo', { item: ITEM })).toEqual(ITEM);
  await expect(client.call('refuse', { why: 'no' })).rejects.toThrow(DeclaredError);
  await expect(client.call('crash', { how: 'error' })).rejects.toThrow(RemoteSystemError);
  await expect(client.call('broken', {})).rejects.toThrow(RemoteSystemError);
  expect(await client.call('log', { line: 'fuzz seed' })).toBeNull();
}

beforeAll(async () => {
  server = new RpcServer();
  const handlers = probeHandlers();
  // A mutated delay must not keep a request open for long.
  server.addService(probeProtocol, { ...handlers, slow: () => 'done' });
  httpServer = await serveHttp(server, { limits: LIMITS, requestTimeoutMs: 5_000 });
  tcpServer = await serveTcp(server, {
    limits: LIMITS,
    stallTimeoutMs: 50,
    onConnectionError: (_peer, error) => {
      // Tally by kind: the message without its numbers.
      const kind = `${error.name}: ${error.message.replace(/\d+/g, 'N').slice(0, 70)}`;
      connectionErrors.set(kind, (connectionErrors.get(kind) ?? 0) + 1);
    },
  });

  const httpRecording = new RecordingChannel(new HttpChannel(httpServer.url, PROBE_NAME));
  await exercise(new RpcClient(probeProtocol, httpRecording));
  // A client whose protocol differs: NONE first, then its protocol's text in the handshake.
  const widerHttp = new RecordingChannel(new HttpChannel(httpServer.url, PROBE_NAME));
  expect(await new RpcClient(widerProtocol, widerHttp).call('add', { a: 2, b: 2 })).toBe(4);
  httpSeeds.push(...httpRecording.sent, ...widerHttp.sent);

  for (const first of ['add', 'echo', 'log', 'refuse'] as const) {
    const recording = new RecordingChannel(new TcpChannel('127.0.0.1', tcpServer.port));
    const client = new RpcClient(first === 'refuse' ? widerProtocol : probeProtocol, recording);
    if (first === 'add') await exercise(client);
    else if (first === 'echo') expect(await client.call('echo', { item: ITEM })).toEqual(ITEM);
    else if (first === 'log') expect(await client.call('log', { line: 'first' })).toBeNull();
    else await expect(client.call('refuse', { why: 'wider' })).rejects.toThrow(DeclaredError);
    await client.call('add', { a: 5, b: 5 });
    // The first body of a connection carries the handshake (two when the first answer was NONE).
    const isHandshake = (body: Buffer): boolean => [probeCodec.hash, widerCodec.hash].some((hash) => body.subarray(0, 16).equals(hash));
    tcpHandshakeSeeds.push(...recording.sent.filter(isHandshake));
    tcpPlainSeeds.push(...recording.sent.filter((body) => !isHandshake(body)));
    await client.close();
  }
  expect(httpSeeds.length).toBeGreaterThanOrEqual(8);
  expect(tcpHandshakeSeeds.length).toBeGreaterThanOrEqual(4);
  expect(tcpPlainSeeds.length).toBeGreaterThanOrEqual(8);
});

afterAll(async () => {
  await httpServer.close();
  await tcpServer.close();
});

/** Both servers answer real calls correctly, with fresh clients. */
async function stillAnswers(): Promise<void> {
  const httpClient = new RpcClient(probeProtocol, new HttpChannel(httpServer.url, PROBE_NAME));
  const tcpClient = new RpcClient(probeProtocol, new TcpChannel('127.0.0.1', tcpServer.port));
  await exercise(httpClient);
  await exercise(tcpClient);
  const sums = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? httpClient : tcpClient).call('add', { a: i, b: 1000 })));
  expect(sums).toEqual(Array.from({ length: 50 }, (_, i) => i + 1000));
  await httpClient.close();
  await tcpClient.close();
}

describe('fuzz', () => {
  it(`HTTP: ${MUTATIONS} mutated request bodies, then real calls still work`, async () => {
    const rng = random(SEED);
    const mutants = Array.from({ length: MUTATIONS }, () => mutateFramed(rng.pick(httpSeeds), rng));
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const tally = new Map<string, number>();
    const send = (body: Buffer): Promise<string> => new Promise((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: httpServer.port, path: PATH, method: 'POST', agent, headers: { 'content-type': 'avro/binary', 'content-length': body.length } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          if (res.statusCode !== 200) return resolve(`HTTP ${res.statusCode}`);
          try {
            resolve(classify(decodeFramed(Buffer.concat(chunks)), true));
          } catch (error) {
            resolve(`unreadable 200: ${(error as Error).message}`);
          }
        });
        res.on('error', () => resolve('closed'));
      });
      req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
      req.on('error', (error) => resolve(error.message === 'timeout' ? 'timeout' : 'closed'));
      req.end(body);
    });
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < mutants.length) count(tally, await send(mutants[next++]));
    }));
    const elapsed = performance.now() - started;
    agent.destroy();
    report('HTTP fuzz', tally, 'mutated requests', ` in ${(elapsed / 1000).toFixed(1)} s`);
    expect([...tally.values()].reduce((a, b) => a + b, 0)).toBe(MUTATIONS);
    // The server never fails in a way it did not mean to, never leaves a request hanging, and
    // every 200 it sends can be read.
    const unexpected = [...tally.keys()].filter((k) => k === 'HTTP 500' || k === 'timeout' || k.startsWith('unreadable'));
    expect(unexpected).toEqual([]);
    await stillAnswers();
  }, 60_000);

  it(`TCP: ${MUTATIONS} mutated packets over reconnecting connections, then real calls still work`, async () => {
    const rng = random(SEED ^ 0x7c9);
    const tally = new Map<string, number>();
    let connections = 0;

    /** One raw connection, its answers decoded as they come. */
    class Connection {
      readonly socket: net.Socket;
      readonly packets: { serial: number; body: Buffer }[] = [];
      closed = false;
      private wake: () => void = () => undefined;
      constructor() {
        connections++;
        this.socket = net.connect({ host: '127.0.0.1', port: tcpServer.port });
        const decoder = new NettyDecoder();
        this.socket.on('data', (chunk: Buffer) => {
          this.packets.push(...decoder.push(chunk));
          this.wake();
        });
        this.socket.on('error', () => undefined);
        this.socket.on('close', () => {
          this.closed = true;
          this.wake();
        });
      }
      /** Waits until `done()` holds or the connection closes: 'done', 'closed' or 'timeout'. */
      async until(done: () => boolean, ms: number): Promise<'done' | 'closed' | 'timeout'> {
        const deadline = performance.now() + ms;
        while (!done() && !this.closed) {
          const left = deadline - performance.now();
          if (left <= 0) return 'timeout';
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, left);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
        return done() ? 'done' : 'closed';
      }
      write(data: Buffer): void {
        if (!this.closed) this.socket.write(data);
      }
      destroy(): void {
        this.socket.destroy();
      }
    }

    const adds = tcpPlainSeeds.filter((body) => body.includes('add'));
    // The plan, drawn up front so that the same packets are sent whichever connection takes them.
    const plan = Array.from({ length: MUTATIONS }, (_, i) => rng.next() < 0.05
      ? { fresh: true, packet: mutatePacket(rng.int(1000), rng.pick(tcpHandshakeSeeds), rng), ping: Buffer.alloc(0), pingSerial: 0 }
      : { fresh: false, packet: mutatePacket(rng.int(0x10000), rng.pick(tcpPlainSeeds), rng), ping: encodeNetty(0x40000000 + i, rng.pick(adds)), pingSerial: 0x40000000 + i });
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      let connection: Connection | undefined;
      while (next < plan.length) {
        const { fresh, packet, ping, pingSerial } = plan[next++];
        if (fresh) {
          // A fresh connection whose first packet (with the handshake) is mutated.
          const c = new Connection();
          c.write(packet);
          // Truncated to nothing, a packet is no packet: nothing to wait for.
          const waited = packet.length === 0 ? 'empty' : await c.until(() => c.packets.length > 0, 2000);
          count(tally, waited === 'done' ? `handshake packet: ${classifyOr(c.packets[0].body, true)}` : `handshake packet: ${waited}`);
          c.destroy();
          continue;
        }
        // An established connection: a mutated packet, then a valid call to see where things stand.
        if (!connection || connection.closed) {
          connection?.destroy();
          const c = new Connection();
          c.write(encodeNetty(1, tcpHandshakeSeeds[0]));
          expect(await c.until(() => c.packets.length > 0, 2000)).toBe('done');
          connection = c;
        }
        const c = connection;
        const before = c.packets.length;
        c.write(Buffer.concat([packet, ping]));
        const waited = await c.until(() => c.packets.some((p, i) => i >= before && p.serial === pingSerial), 1000);
        if (waited === 'done') {
          const answers = c.packets.slice(before).filter((p) => p.serial !== pingSerial);
          count(tally, answers.length === 0 ? 'no response (then the next call answered)' : `${classifyOr(answers[0].body, false)} (then the next call answered)`);
        } else {
          // A timeout with an answer: the mutated packet swallowed the next call as a frame of its own.
          const swallowed = waited === 'timeout' && c.packets.length > before;
          count(tally, waited === 'closed' ? 'closed by the server' : swallowed ? 'answered once for both (the next call swallowed)' : 'timeout');
          c.destroy();
        }
      }
      connection?.destroy();
    }));
    const elapsed = performance.now() - started;
    report('TCP fuzz', tally, 'mutated packets', ` over ${connections} connections in ${(elapsed / 1000).toFixed(1)} s`);
    report('TCP fuzz, why the server closed connections', connectionErrors, 'closed connections');
    expect([...tally.values()].reduce((a, b) => a + b, 0)).toBe(MUTATIONS);
    // Every answer can be read, and the server never leaves a whole packet unanswered with the
    // connection open (a lost packet or a hung call would time out here).
    expect([...tally.keys()].filter((k) => k.includes('unreadable') || k.endsWith('timeout'))).toEqual([]);
    // Let the last stalled connections time out, then check the server.
    await sleep(100);
    await stillAnswers();
  }, 60_000);
});

function classifyOr(body: Buffer, withHandshake: boolean): string {
  try {
    return classify(body, withHandshake);
  } catch (error) {
    return `unreadable answer: ${(error as Error).message}`;
  }
}
