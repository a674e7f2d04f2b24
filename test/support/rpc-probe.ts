/**
 * What the RPC robustness tests share: a small protocol and its handlers, servers for it over
 * HTTP and TCP, a channel that records what a real client sends, raw connections for bytes no
 * client would send, and the wire pieces (handshakes, calls, responses) to craft and read them.
 */
import http from 'node:http';
import net from 'node:net';
import { readProtocolJson } from '../../shared/avro/schema-reader.js';
import type { Channel, SendOptions } from '../../electron/runtime/rpc/channel.js';
import { DeclaredError } from '../../electron/runtime/rpc/errors.js';
import { handshakeRequestType, handshakeResponseType, type HandshakeResponse } from '../../electron/runtime/rpc/handshake.js';
import { ProtocolCodec } from '../../electron/runtime/rpc/protocol-codec.js';
import type { Handler } from '../../electron/runtime/rpc/server.js';
import { booleanType, metaType, stringType, type Meta } from '../../electron/runtime/rpc/wire.js';

export const PROBE_JSON = {
  protocol: 'Probe',
  namespace: 'test.rpc',
  types: [
    { type: 'record', name: 'Item', fields: [{ name: 'name', type: 'string' }, { name: 'tags', type: { type: 'array', items: 'string' } }, { name: 'count', type: 'long' }] },
    { type: 'error', name: 'Refused', fields: [{ name: 'why', type: 'string' }] },
  ],
  messages: {
    add: { request: [{ name: 'a', type: 'int' }, { name: 'b', type: 'int' }], response: 'int' },
    echo: { request: [{ name: 'item', type: 'Item' }], response: 'Item' },
    refuse: { request: [{ name: 'why', type: 'string' }], response: 'null', errors: ['Refused'] },
    crash: { request: [{ name: 'how', type: 'string' }], response: 'null' },
    broken: { request: [], response: 'Item' },
    slow: { request: [{ name: 'ms', type: 'int' }], response: 'string' },
    log: { request: [{ name: 'line', type: 'string' }], response: 'null', 'one-way': true },
  },
};

export const probeProtocol = readProtocolJson(JSON.stringify(PROBE_JSON), { file: 'probe.avpr' });
export const probeCodec = new ProtocolCodec(probeProtocol);
export const PROBE_NAME = 'test.rpc.Probe';

/** The same protocol with one more message, which the server does not have. */
export const widerProtocol = readProtocolJson(JSON.stringify({
  ...PROBE_JSON,
  messages: { ...PROBE_JSON.messages, missing: { request: [{ name: 'x', type: 'int' }], response: 'int' } },
}), { file: 'wider.avpr' });

export const ITEM = { name: 'widget', tags: ['a', 'b'], count: 2 ** 40 };

export function probeHandlers(logged: string[] = []): Record<string, Handler> {
  return {
    add: ({ a, b }) => (a as number) + (b as number),
    echo: ({ item }) => item,
    refuse: ({ why }) => {
      throw new DeclaredError('test.rpc.Refused', { why });
    },
    crash: ({ how }) => {
      switch (how) {
        case 'error': throw new Error('boom: the handler failed');
        case 'string': throw 'a thrown string';
        case 'null-prototype': throw Object.create(null);
        case 'undefined': throw undefined;
        case 'symbol': throw Symbol('thrown');
        case 'cyclic': {
          const value: Record<string, unknown> = {};
          value.self = value;
          throw value;
        }
        case 'async': return Promise.reject(new Error('async boom'));
        default: return null;
      }
    },
    broken: () => ({ name: 'x', tags: ['ok', 7], count: 1 }),
    slow: async ({ ms }) => {
      await sleep(ms as number);
      return 'done';
    },
    log: ({ line }) => {
      logged.push(line as string);
      return null;
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Wraps a channel and keeps a copy of every body sent through it. */
export class RecordingChannel implements Channel {
  readonly sent: Buffer[] = [];
  constructor(private readonly inner: Channel) {}
  get stateful(): boolean {
    return this.inner.stateful;
  }
  get endpoint(): string {
    return this.inner.endpoint;
  }
  set onReset(callback: (() => void) | undefined) {
    this.inner.onReset = callback;
  }
  get onReset(): (() => void) | undefined {
    return this.inner.onReset;
  }
  send(body: Buffer, options: SendOptions): Promise<Buffer | null> {
    this.sent.push(Buffer.from(body));
    return this.inner.send(body, options);
  }
  reset(): void {
    this.inner.reset?.();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** A handshake request, by default one the probe server matches (BOTH). */
export function handshake(options: { clientHash?: Buffer; clientProtocol?: string | null; serverHash?: Buffer; meta?: Meta | null } = {}): Buffer {
  return handshakeRequestType.toBuffer({
    clientHash: options.clientHash ?? probeCodec.hash,
    clientProtocol: options.clientProtocol ?? null,
    serverHash: options.serverHash ?? probeCodec.hash,
    meta: options.meta ?? null,
  });
}

/** A call: empty metadata, the message name, the parameters as already encoded. */
export function call(name: string, params: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([metaType.toBuffer({}), stringType.toBuffer(name), params]);
}

/** The parameters of `add`. */
export function addParams(a: number, b: number): Buffer {
  return probeCodec.messages.get('add')!.request.toBuffer({ a, b });
}

export interface ReadResponse {
  handshake?: HandshakeResponse;
  /** False: a response; true: an error. */
  failed?: boolean;
  /** The system error's text, when the error is one. */
  systemError?: string;
  /** Where the reading stopped. */
  pos: number;
}

/** Reads a response body as far as the error flag (and a system error's text). */
export function readResponse(body: Buffer, withHandshake: boolean): ReadResponse {
  let pos = 0;
  let hs: HandshakeResponse | undefined;
  if (withHandshake) {
    const decoded = handshakeResponseType.decode(body, pos);
    if (decoded.offset < 0) throw new Error('truncated handshake response');
    hs = decoded.value as HandshakeResponse;
    pos = decoded.offset;
    if (hs.match === 'NONE') return { handshake: hs, pos };
  }
  const meta = metaType.decode(body, pos);
  if (meta.offset < 0) throw new Error('truncated response metadata');
  pos = meta.offset;
  const flag = booleanType.decode(body, pos);
  if (flag.offset < 0) throw new Error('truncated error flag');
  pos = flag.offset;
  const failed = flag.value as boolean;
  let systemError: string | undefined;
  if (failed && body[pos] === 0) {
    const text = stringType.decode(body, pos + 1);
    if (text.offset >= 0) {
      systemError = text.value as string;
      pos = text.offset;
    }
  }
  return { handshake: hs, failed, systemError, pos };
}

export interface PostResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/** One HTTP request on a fresh connection, with exactly these headers. */
export function post(port: number, path: string, body: Buffer | string, headers: http.OutgoingHttpHeaders = { 'content-type': 'avro/binary' }, method = 'POST'): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const data = typeof body === 'string' ? Buffer.from(body) : body;
    const req = http.request({ host: '127.0.0.1', port, path, method, headers: { 'content-length': data.length, ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const all = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: all, text: all.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** A raw TCP connection: write any bytes, watch what comes back and when it closes. */
export class RawConnection {
  readonly chunks: Buffer[] = [];
  closed = false;
  readonly opened = performance.now();
  closedAfterMs?: number;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.wake();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      this.closedAfterMs = performance.now() - this.opened;
      this.wake();
    });
  }

  static open(port: number, host = '127.0.0.1'): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RawConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  get received(): Buffer {
    return Buffer.concat(this.chunks);
  }

  get text(): string {
    return this.received.toString('latin1');
  }

  write(data: Buffer | string): void {
    if (!this.closed) this.socket.write(data);
  }

  /** Resolves true once `ready()` holds, false if `ms` pass first. */
  waitFor(ready: () => boolean, ms = 3000): Promise<boolean> {
    if (ready()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = (): void => {
        if (!ready()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        resolve(ready());
      }, ms);
      this.waiters.add(check);
    });
  }

  waitClosed(ms = 3000): Promise<boolean> {
    return this.waitFor(() => this.closed, ms);
  }

  destroy(): void {
    this.socket.destroy();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
