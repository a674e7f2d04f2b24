/**
 * The client side of Avro RPC over HTTP: each call is one `POST`, on a pool of keep-alive
 * connections that this channel speaks HTTP/1.1 on itself (http-message.ts reads the answers),
 * for the same reason the server does: `node:http` cost more per call than the Avro work.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { ClientTls } from './tls-options.js';
import { ACCEPTED_CODINGS, chooseCoding, compress, COMPRESSION_THRESHOLD, decompress, type Coding } from './compression.js';
import type { Channel, SendOptions } from './channel.js';
import { errorMessage, TransportError } from './errors.js';
import { decodeFramed, DEFAULT_LIMITS, encodeFramed, type FrameLimits } from './framing.js';
import { HttpMessageReader, type HttpHead } from './http-message.js';
import { writeCoalesced } from './coalesced-write.js';

export interface HttpChannelOptions {
  token?: string;
  limits?: FrameLimits;
  /** Connections open to the server at most (default 8). */
  maxConnections?: number;
  /**
   * Requests in flight on one connection at most (default 16), once its server has shown it keeps
   * connections open; 1 turns pipelining off. A slow call delays the answers behind it on its
   * connection, so pipelining starts only when every connection is busy.
   */
  pipelining?: number;
  /** For https:// URLs: what to trust beyond the system's CAs. */
  tls?: ClientTls;
}

interface Response {
  head: HttpHead;
  body: Buffer;
}

/** An idle connection is dropped this long before the server would drop it (its `Keep-Alive: timeout`). */
const IDLE_MARGIN_MS = 1000;
const DEFAULT_IDLE_MS = 4000;

/** One keep-alive connection; once it has shown it stays open, requests may be pipelined on it. */
class PooledConnection {
  readonly socket: net.Socket;
  readonly ready: Promise<void>;
  /** Whether the server may be sent another request on this connection. */
  reusable = true;
  /** The server answered over HTTP/1.1 with keep-alive: it reads requests one after another. */
  pipelinable = false;
  idleUntil = 0;
  /** Requests written and not yet answered, oldest first: answers come in this order. */
  private readonly waiting: { resolve: (response: Response) => void; reject: (error: Error) => void }[] = [];
  private received = false;
  private failure?: Error;

  constructor(url: URL, tlsOptions: ClientTls | undefined, maxBody: number, endpoint: string, private readonly onAnswer: (connection: PooledConnection) => void) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    this.socket = url.protocol === 'https:'
      ? tls.connect({ host, port, ca: tlsOptions?.ca, servername: tlsOptions?.servername ?? (net.isIP(host) ? undefined : host) })
      : net.connect({ host, port });
    this.socket.setNoDelay(true);
    const reader = new HttpMessageReader('response', { maxHeadBytes: 64 * 1024, maxBodyBytes: maxBody }, {
      onHead: () => true,
      onMessage: (head, body) => {
        // 100 Continue and other interim answers precede the real one.
        if (head.status < 200) return;
        if (!head.keepAlive) this.reusable = false;
        this.pipelinable = this.reusable && head.minorVersion === 1;
        const timeout = /timeout=(\d+)/i.exec(head.headers.get('keep-alive') ?? '');
        this.idleUntil = Date.now() + (timeout ? Math.max(0, Number(timeout[1]) * 1000 - IDLE_MARGIN_MS) : DEFAULT_IDLE_MS);
        this.received = false;
        this.waiting.shift()?.resolve({ head, body });
        // Not to be reused (the server said so, or the channel closed): end it once it is quiet.
        if (!this.reusable && this.waiting.length === 0) this.socket.destroy();
        this.onAnswer(this);
      },
    });
    this.ready = new Promise<void>((resolve, reject) => {
      this.socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => resolve());
      this.socket.once('error', (error: NodeJS.ErrnoException) => reject(new TransportError(`cannot connect to ${endpoint}: ${error.code ?? error.message}`, true, { cause: error })));
    });
    this.ready.catch(() => undefined);
    this.socket.on('data', (chunk: Buffer) => {
      this.received = true;
      try {
        reader.push(chunk);
      } catch (error) {
        this.fail(new TransportError(`the answer from ${endpoint} cannot be read: ${errorMessage(error)}`));
      }
    });
    this.socket.on('end', () => {
      try {
        reader.end();
      } catch (error) {
        this.fail(new TransportError(`the answer from ${endpoint} was cut off: ${errorMessage(error)}`));
      }
    });
    this.socket.on('error', (error) => (this.failure ??= error));
    this.socket.on('close', () => {
      const why = this.failure ? ` (${(this.failure as NodeJS.ErrnoException).code ?? this.failure.message})` : '';
      this.fail(new TransportError(`${endpoint} closed the connection ${this.received ? 'in the middle of its answer' : 'before answering'}${why}`, false, { cause: this.failure }));
    });
  }

  /** Requests written and not yet answered. */
  get outstanding(): number {
    return this.waiting.length;
  }

  get alive(): boolean {
    return this.reusable && !this.socket.destroyed && !this.socket.readableEnded;
  }

  request(bytes: Buffer): Promise<Response> {
    return new Promise<Response>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      writeCoalesced(this.socket, bytes);
    });
  }

  /** Ends the connection, failing every request still waiting on it. */
  fail(error: Error): void {
    this.reusable = false;
    this.socket.destroy();
    for (const waiting of this.waiting.splice(0)) waiting.reject(error);
  }
}

/**
 * Posts each call to the URL. Calls go on the least busy pooled connection; a new connection is
 * opened while there are fewer than `maxConnections`; beyond, calls are pipelined on connections
 * that have shown they stay open, and past `pipelining` per connection they wait their turn.
 */
export class HttpChannel implements Channel {
  readonly stateful = false;
  readonly endpoint: string;
  private readonly url: URL;
  private readonly requestHead: string;
  private readonly maxBody: number;
  private readonly maxConnections: number;
  private readonly pipelining: number;
  private readonly connections: PooledConnection[] = [];
  /** Calls waiting for a connection to have room. */
  private readonly queued: ((connection: PooledConnection | Error) => void)[] = [];
  /** Connections being opened, counted against maxConnections. */
  private connecting = 0;
  private closed = false;
  /** The coding the server accepts for requests, learnt from its answers. */
  private peerCoding?: Coding;

  constructor(url: string, protocolFullName: string, private readonly options: HttpChannelOptions = {}) {
    this.url = new URL(url);
    if (this.url.protocol !== 'http:' && this.url.protocol !== 'https:') throw new Error(`not an http:// or https:// URL: ${url}`);
    // A bare host names the node: post to the protocol's own path on it.
    if (this.url.pathname === '/' || this.url.pathname === '') this.url.pathname = `/avro/${protocolFullName}`;
    this.endpoint = this.url.toString();
    const limits = options.limits ?? DEFAULT_LIMITS;
    this.maxBody = limits.maxMessageBytes + 4 * (limits.maxFrames + 1);
    this.maxConnections = Math.max(1, options.maxConnections ?? 8);
    this.pipelining = Math.max(1, options.pipelining ?? 16);
    this.requestHead = `POST ${this.url.pathname}${this.url.search} HTTP/1.1\r\nHost: ${this.url.host}\r\nContent-Type: avro/binary\r\nAccept-Encoding: ${ACCEPTED_CODINGS}\r\n`
      + (options.token ? `Authorization: Bearer ${options.token}\r\n` : '');
  }

  async send(body: Buffer, options: SendOptions): Promise<Buffer> {
    let framed = encodeFramed(body);
    let head = this.requestHead;
    // Large requests go compressed once the server said it accepts that.
    const coding = framed.length >= COMPRESSION_THRESHOLD ? this.peerCoding : undefined;
    if (coding) {
      framed = compress(framed, coding);
      head += `Content-Encoding: ${coding}\r\n`;
    }
    const bytes = Buffer.concat([Buffer.from(`${head}Content-Length: ${framed.length}\r\n\r\n`, 'latin1'), framed]);
    const signal = options.signal;
    const stopped = (): TransportError => new TransportError(`call to ${this.endpoint} failed: ${signal?.reason instanceof Error && signal.reason.name === 'TimeoutError' ? 'deadline exceeded' : 'cancelled'}`);
    if (signal?.aborted) throw stopped();
    const connection = await this.acquire(signal);
    // Cancelling a call that is on the wire ends its connection: HTTP/1.1 has no other way.
    const onAbort = (): void => connection.fail(stopped());
    signal?.addEventListener('abort', onAbort, { once: true });
    let response: Response;
    try {
      response = await connection.request(bytes);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    const { head: answer, body: data } = response;
    if (answer.status !== 200) throw new TransportError(`${this.endpoint} answered HTTP ${answer.status}: ${data.toString('utf8').trim().slice(0, 500)}`);
    this.peerCoding = chooseCoding(answer.headers.get('accept-encoding'));
    return decodeFramed(decompress(data, answer.headers.get('content-encoding') ?? '', this.maxBody), this.options.limits);
  }

  /** The connection for the next call: the least busy with room, a new one, or the next one with room. */
  private async acquire(signal: AbortSignal | undefined): Promise<PooledConnection> {
    if (this.closed) throw new TransportError(`the channel to ${this.endpoint} is closed`, true);
    const room = this.withRoom();
    if (room && room.outstanding === 0) return room;
    if (this.connections.length + this.connecting < this.maxConnections) return this.connect();
    if (room) return room;
    const next = await new Promise<PooledConnection | Error>((resolve, reject) => {
      const onAbort = (): void => {
        this.queued.splice(this.queued.indexOf(waiter), 1);
        reject(new TransportError(`call to ${this.endpoint} was cancelled while waiting for a connection`, true));
      };
      const waiter = (value: PooledConnection | Error): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queued.push(waiter);
    });
    if (next instanceof Error) throw next;
    return next;
  }

  /** The least busy live connection that can take another request now, dropping expired idle ones. */
  private withRoom(): PooledConnection | undefined {
    const now = Date.now();
    let best: PooledConnection | undefined;
    for (const connection of [...this.connections]) {
      const outstanding = connection.outstanding;
      if (outstanding === 0 && (!connection.alive || connection.idleUntil <= now)) {
        connection.socket.destroy();
        this.forget(connection);
        continue;
      }
      const limit = connection.pipelinable ? this.pipelining : 1;
      if (!connection.alive || outstanding >= limit) continue;
      if (!best || outstanding < best.outstanding) best = connection;
    }
    return best;
  }

  private async connect(): Promise<PooledConnection> {
    this.connecting++;
    const connection = new PooledConnection(this.url, this.url.protocol === 'https:' ? this.options.tls ?? {} : undefined, this.maxBody, this.endpoint, () => this.answered());
    connection.socket.once('close', () => {
      this.forget(connection);
      this.answered();
    });
    try {
      await connection.ready;
    } finally {
      this.connecting--;
    }
    // A fresh connection is new and not yet answered: it counts as idle until its first request.
    connection.idleUntil = Date.now() + DEFAULT_IDLE_MS;
    this.connections.push(connection);
    return connection;
  }

  /** A connection has room again (an answer came, or one closed): hand it to the next waiting call. */
  private answered(): void {
    while (this.queued.length > 0) {
      const room = this.withRoom();
      if (room) {
        this.queued.shift()!(room);
        continue;
      }
      if (this.connections.length + this.connecting >= this.maxConnections || this.closed) return;
      const next = this.queued.shift()!;
      this.connect().then(next, next);
    }
  }

  private forget(connection: PooledConnection): void {
    const index = this.connections.indexOf(connection);
    if (index >= 0) this.connections.splice(index, 1);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const connection of this.connections.splice(0)) {
      if (connection.outstanding === 0) connection.socket.destroy();
      else connection.reusable = false;
    }
    for (const next of this.queued.splice(0)) next(new TransportError(`the channel to ${this.endpoint} was closed`, true));
  }
}
