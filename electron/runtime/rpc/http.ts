/**
 * Avro RPC over HTTP (stateless): `POST /avro/<ProtocolFullName>` or `POST /` with
 * `Content-Type: avro/binary`, standard framing, a handshake on every call.
 *
 * The server speaks HTTP/1.1 itself over `net`/`tls` (http-message.ts reads the requests):
 * `node:http` cost more per call than everything else we do. Keep-alive, pipelining (answers in
 * order), `Expect: 100-continue`, chunked bodies and HTTP/1.0 clients all work.
 */
import net from 'node:net';
import type { ServerTls } from './tls-options.js';
import { ACCEPTED_CODINGS, chooseCoding, compress, COMPRESSION_THRESHOLD, decompress } from './compression.js';
import { errorMessage, LimitExceeded, ProtocolViolation } from './errors.js';
import { decodeFramed, DEFAULT_LIMITS, encodeFramed, type FrameLimits } from './framing.js';
import { HttpMessageReader, HttpParseError, type HttpHead } from './http-message.js';
import { tokenMatches, type RpcServer } from './server.js';
import { isLoopback } from './loopback.js';
import { writeCoalesced } from './coalesced-write.js';
import { endpointUrl, listen } from './listen.js';

export interface HttpServeOptions {
  host?: string;
  port?: number;
  /** Callers must send `Authorization: Bearer <token>`. Required to bind beyond loopback. */
  token?: string;
  limits?: FrameLimits;
  /** A request whose head and body have not all arrived after this long is answered 408 (default 30 s). */
  requestTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this long (default 5 s). */
  keepAliveTimeoutMs?: number;
  /** Calls run at once; beyond, callers get 503 with Retry-After rather than an ever longer queue (default 1024). */
  maxConcurrentCalls?: number;
  /** Serve HTTPS with this certificate. */
  tls?: ServerTls;
  /**
   * Plain GET (and HEAD) resources beside the Avro endpoint, by path: e.g. `/metrics`. Asked on
   * every request; the token applies to them as to calls.
   */
  routes?: Record<string, () => HttpResource>;
}

export interface HttpResource {
  contentType: string;
  body: string;
}

export interface Listening {
  url: string;
  port: number;
  /** Client connections open now (for the connection gauge of /metrics). */
  connections?(): number;
  close(): Promise<void>;
}

const PATH = /^\/avro\/([^/?#]+)\/?$/;
const MAX_HEAD_BYTES = 16 * 1024;
/** Requests one connection may have waiting for their answers (pipelining); beyond, it is not read. */
const MAX_PIPELINED = 64;

const REASONS: Record<number, string> = {
  200: 'OK', 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 405: 'Method Not Allowed', 408: 'Request Timeout',
  413: 'Content Too Large', 415: 'Unsupported Media Type', 431: 'Request Header Fields Too Large', 500: 'Internal Server Error',
  501: 'Not Implemented', 503: 'Service Unavailable',
};

/** An answer, ready to be written, and whether the connection ends after it. */
interface Answer {
  bytes: Buffer;
  close: boolean;
}

let dateSecond = 0;
let dateText = '';
/** The Date header, formatted once a second rather than once a response. */
function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(now).toUTCString();
  }
  return dateText;
}

function answer(status: number, headers: string, body: Buffer, close: boolean, keepAliveSeconds: number, headOnly = false): Answer {
  const head = `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nDate: ${httpDate()}\r\n${headers}Content-Length: ${body.length}\r\n`
    + (close ? 'Connection: close\r\n\r\n' : `Connection: keep-alive\r\nKeep-Alive: timeout=${keepAliveSeconds}\r\n\r\n`);
  return { bytes: headOnly ? Buffer.from(head, 'latin1') : Buffer.concat([Buffer.from(head, 'latin1'), body]), close };
}

/** A plain-text answer: what went wrong, for a person reading it. */
function textAnswer(status: number, message: string, close: boolean, keepAliveSeconds: number, headers = ''): Answer {
  return answer(status, `${headers}Content-Type: text/plain; charset=utf-8\r\n`, Buffer.from(message + '\n', 'utf8'), close, keepAliveSeconds);
}

/** The token of an `Authorization: Bearer <token>` header. */
function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1];
}

export async function serveHttp(server: RpcServer, options: HttpServeOptions = {}): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  if (options.token === '') throw new Error('the token must not be empty');
  if (!isLoopback(host) && !options.token) throw new Error(`refusing to serve on ${host || 'every address'} without a token: anything beyond loopback needs --token`);
  const limits = options.limits ?? DEFAULT_LIMITS;
  // The body may hold up to maxFrames length prefixes and the terminator besides the message.
  const maxBody = limits.maxMessageBytes + 4 * (limits.maxFrames + 1);
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const keepAliveTimeout = options.keepAliveTimeoutMs ?? 5_000;
  const keepAliveSeconds = Math.max(1, Math.floor(keepAliveTimeout / 1000));
  const maxConcurrent = options.maxConcurrentCalls ?? 1024;
  let running = 0;
  const connections = new Set<Connection>();

  /** What a request's head alone decides: an answer refusing it, or undefined to go on. */
  const refusal = (head: HttpHead): Refused | undefined => {
    const authorization = head.headers.get('authorization');
    const unauthorized = (): Refused | undefined => options.token && !tokenMatches(bearer(authorization), options.token)
      ? { status: 401, message: `${authorization ? 'wrong' : 'missing'} token: this server requires 'Authorization: Bearer <token>'`, headers: 'WWW-Authenticate: Bearer\r\n' }
      : undefined;
    const route = (head.method === 'GET' || head.method === 'HEAD') ? options.routes?.[head.target.split('?')[0]] : undefined;
    if (route) {
      const denied = unauthorized();
      if (denied) return denied;
      try {
        const resource = route();
        return { status: 200, message: '', resource, headOnly: head.method === 'HEAD' };
      } catch (error) {
        return { status: 500, message: `cannot produce ${head.target}: ${errorMessage(error)}` };
      }
    }
    if (head.method !== 'POST') return { status: 405, message: `Avro RPC takes POST, not ${head.method}`, headers: 'Allow: POST\r\n' };
    const denied = unauthorized();
    if (denied) return denied;
    const path = head.target;
    const match = PATH.exec(path);
    if (match) {
      try {
        decodeURIComponent(match[1]);
      } catch {
        return { status: 404, message: `no Avro endpoint at ${path}: the protocol name is not valid percent-encoding` };
      }
    } else if (path !== '/') {
      return { status: 404, message: `no Avro endpoint at ${path}: post to /avro/<ProtocolFullName> or /` };
    }
    const type = (head.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'avro/binary') return { status: 415, message: `expected Content-Type: avro/binary, got ${type || 'none'}` };
    if (head.contentLength !== undefined && head.contentLength > maxBody) {
      return { status: 413, message: `a request of ${head.contentLength} bytes exceeds the limit of ${maxBody} (messages up to ${limits.maxMessageBytes} bytes)` };
    }
    return undefined;
  };

  /** The answer to a complete, acceptable request. */
  const call = async (head: HttpHead, raw: Buffer, peer: string): Promise<Answer> => {
    const close = !head.keepAlive;
    let body: Buffer;
    try {
      body = decodeFramed(decompress(raw, head.headers.get('content-encoding') ?? '', maxBody), limits);
    } catch (error) {
      const status = error instanceof LimitExceeded ? 413 : /unsupported Content-Encoding/.test(errorMessage(error)) ? 415 : 400;
      return textAnswer(status, `bad request body: ${errorMessage(error)}`, close, keepAliveSeconds, `Accept-Encoding: ${ACCEPTED_CODINGS}\r\n`);
    }
    if (running >= maxConcurrent) return textAnswer(503, `busy: ${running} calls are running (the limit is ${maxConcurrent}); retry shortly`, close, keepAliveSeconds, 'Retry-After: 1\r\n');
    const match = PATH.exec(head.target);
    running++;
    try {
      const response = await server.handle(body, { stateful: false, transport: 'http', peer, protocolHint: match ? decodeURIComponent(match[1]) : undefined });
      let framed = encodeFramed(response ?? Buffer.alloc(0));
      // Tell callers they may compress large requests; compress a large answer if they accept it.
      let headers = `Content-Type: avro/binary\r\nAccept-Encoding: ${ACCEPTED_CODINGS}\r\n`;
      const coding = framed.length >= COMPRESSION_THRESHOLD ? chooseCoding(head.headers.get('accept-encoding')) : undefined;
      if (coding) {
        framed = compress(framed, coding);
        headers += `Content-Encoding: ${coding}\r\n`;
      }
      return answer(200, headers, framed, close, keepAliveSeconds);
    } catch (error) {
      return textAnswer(error instanceof ProtocolViolation ? 400 : 500, errorMessage(error), close, keepAliveSeconds);
    } finally {
      running--;
    }
  };

  const onConnection = (socket: net.Socket): void => {
    const connection = new Connection(socket, MAX_HEAD_BYTES, maxBody, keepAliveSeconds, refusal, call);
    connections.add(connection);
    socket.on('close', () => connections.delete(connection));
  };
  const { server: netServer, port } = await listen(onConnection, host, options.port ?? 0, options.tls);
  // One sweep for every connection's deadlines, rather than a timer per request.
  const sweepEvery = Math.max(10, Math.min(1000, Math.floor(Math.min(requestTimeout > 0 ? requestTimeout : Infinity, keepAliveTimeout) / 4)));
  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const connection of connections) connection.checkDeadlines(now, requestTimeout, keepAliveTimeout);
  }, sweepEvery);
  sweeper.unref();
  return {
    url: endpointUrl(options.tls ? 'https' : 'http', host, port),
    port,
    connections: () => connections.size,
    close: () => new Promise<void>((resolve) => {
      clearInterval(sweeper);
      for (const connection of connections) connection.destroy();
      netServer.close(() => resolve());
    }),
  };
}

/** What a request's head alone decides: a refusal, or (`resource`) a GET route's answer. */
interface Refused {
  status: number;
  message: string;
  headers?: string;
  resource?: HttpResource;
  headOnly?: boolean;
}
type Refusal = (head: HttpHead) => Refused | undefined;

function refusedAnswer(refused: Refused, close: boolean, keepAliveSeconds: number): Answer {
  if (!refused.resource) return textAnswer(refused.status, refused.message, close, keepAliveSeconds, refused.headers ?? '');
  return answer(refused.status, `Content-Type: ${refused.resource.contentType}\r\n`, Buffer.from(refused.resource.body, 'utf8'), close, keepAliveSeconds, refused.headOnly);
}
type Call = (head: HttpHead, body: Buffer, peer: string) => Promise<Answer>;

/** One client connection: reads its requests in order and writes their answers in the same order. */
class Connection {
  private readonly reader: HttpMessageReader;
  private readonly peer: string;
  /** Answers in request order; a slot's answer is missing while its request still runs. */
  private readonly queue: { answer?: Answer }[] = [];
  /** When the request being received began (0: none is). */
  private startedAt = 0;
  private lastActivity = Date.now();
  /** A refusal decided from a bodyless request's head, answered when its (empty) body completes it. */
  private refused?: Answer;
  private paused = false;
  private ending = false;

  constructor(
    private readonly socket: net.Socket,
    maxHeadBytes: number,
    maxBody: number,
    private readonly keepAliveSeconds: number,
    private readonly refusal: Refusal,
    private readonly call: Call,
  ) {
    socket.setNoDelay(true);
    this.peer = `${socket.remoteAddress}:${socket.remotePort}`;
    this.reader = new HttpMessageReader('request', { maxHeadBytes, maxBodyBytes: maxBody }, {
      onHead: (head) => this.onHead(head),
      onMessage: (head, body) => this.onMessage(head, body),
    });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => {
      try {
        this.reader.end();
      } catch {
        // A request cut off by its client: there is no one left to answer.
      }
      if (this.queue.length === 0) socket.end();
      else this.ending = true;
    });
    socket.on('drain', () => this.throttle());
    socket.on('error', () => undefined);
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** Answers 408 to a request that takes too long to arrive; closes a connection idle too long. */
  checkDeadlines(now: number, requestTimeout: number, keepAliveTimeout: number): void {
    if (this.socket.destroyed) return;
    if (this.startedAt > 0 && requestTimeout > 0 && now - this.startedAt > requestTimeout) {
      this.startedAt = 0;
      this.stopReading();
      this.enqueue(textAnswer(408, `the request did not arrive in full within ${requestTimeout} ms`, true, this.keepAliveSeconds));
    } else if (this.startedAt === 0 && this.queue.length === 0 && now - this.lastActivity > keepAliveTimeout) {
      this.socket.destroy();
    }
  }

  private onData(chunk: Buffer): void {
    this.lastActivity = Date.now();
    if (this.startedAt === 0) this.startedAt = this.lastActivity;
    try {
      this.reader.push(chunk);
    } catch (error) {
      const status = error instanceof HttpParseError ? error.status : 400;
      this.stopReading();
      this.enqueue(textAnswer(status, status === 413 ? errorMessage(error) : `bad request: ${errorMessage(error)}`, true, this.keepAliveSeconds));
      return;
    }
    // Between requests nothing is in progress; mid-request, the deadline runs from this chunk at the latest.
    this.startedAt = this.reader.pending === 0 ? 0 : this.startedAt;
    this.throttle();
  }

  private onHead(head: HttpHead): boolean {
    const refused = this.refusal(head);
    const hasBody = head.chunked || (head.contentLength ?? 0) > 0;
    if (refused && hasBody) {
      // Answer now and read no further: the body may be huge, and is of no use.
      this.enqueue(refusedAnswer(refused, true, this.keepAliveSeconds));
      this.stopReading();
      return false;
    }
    if (refused) {
      this.refused = refusedAnswer(refused, !head.keepAlive, this.keepAliveSeconds);
      return true;
    }
    if (hasBody && /^100-continue$/i.test(head.headers.get('expect') ?? '')) this.socket.write('HTTP/1.1 100 Continue\r\n\r\n');
    return true;
  }

  private onMessage(head: HttpHead, body: Buffer): void {
    this.startedAt = 0;
    if (this.refused) {
      const refused = this.refused;
      this.refused = undefined;
      this.enqueue(refused);
      return;
    }
    const slot: { answer?: Answer } = {};
    this.queue.push(slot);
    this.call(head, body, this.peer).then((ready) => {
      slot.answer = ready;
      this.flush();
    }, () => undefined);
  }

  private enqueue(ready: Answer): void {
    this.queue.push({ answer: ready });
    this.flush();
  }

  /** Writes the answers that are ready, in order; ends the connection after one that closes it. */
  private flush(): void {
    while (this.queue.length > 0 && this.queue[0].answer !== undefined) {
      const ready = this.queue.shift()!.answer!;
      if (this.socket.destroyed) return;
      writeCoalesced(this.socket, ready.bytes);
      this.lastActivity = Date.now();
      if (ready.close) {
        this.queue.length = 0;
        this.socket.end();
        // A client that does not read what we wrote must not keep the socket half-open for ever.
        setTimeout(() => this.socket.destroy(), 1000).unref();
        return;
      }
    }
    if (this.ending && this.queue.length === 0) this.socket.end();
    this.throttle();
  }

  private stopReading(): void {
    this.socket.pause();
    this.paused = true;
    this.socket.removeAllListeners('data');
  }

  /** Stops reading while too many answers are pending or the client does not read them. */
  private throttle(): void {
    if (this.socket.destroyed || this.socket.listenerCount('data') === 0) return;
    const busy = this.queue.length >= MAX_PIPELINED || this.socket.writableLength > 1024 * 1024;
    if (busy && !this.paused) this.socket.pause();
    else if (!busy && this.paused) this.socket.resume();
    this.paused = busy;
  }
}
