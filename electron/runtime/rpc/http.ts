/**
 * Avro RPC over HTTP (stateless): `POST /avro/<ProtocolFullName>` or `POST /` with
 * `Content-Type: avro/binary`, standard framing, a handshake on every call.
 */
import http from 'node:http';
import https from 'node:https';
import type { ClientTls, ServerTls } from './tls-options.js';
import { ACCEPTED_CODINGS, chooseCoding, compress, COMPRESSION_THRESHOLD, decompress, type Coding } from './compression.js';
import type { AddressInfo } from 'node:net';
import type { Channel, SendOptions } from './channel.js';
import { errorMessage, LimitExceeded, ProtocolViolation, TransportError } from './errors.js';
import { decodeFramed, DEFAULT_LIMITS, encodeFramed, type FrameLimits } from './framing.js';
import { tokenMatches, type RpcServer } from './server.js';
import { isLoopback } from './loopback.js';

export interface HttpServeOptions {
  host?: string;
  port?: number;
  /** Callers must send `Authorization: Bearer <token>`. Required to bind beyond loopback. */
  token?: string;
  limits?: FrameLimits;
  /** A request whose headers and body have not all arrived after this long is answered 408 (default 30 s). */
  requestTimeoutMs?: number;
  /** Calls run at once; beyond, callers get 503 with Retry-After rather than an ever longer queue (default 1024). */
  maxConcurrentCalls?: number;
  /** Serve HTTPS with this certificate. */
  tls?: ServerTls;
}

export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

const PATH = /^\/avro\/([^/?#]+)\/?$/;

/** A plain-text answer; a connection whose request was not read to its end is closed after it. */
function reply(res: http.ServerResponse, status: number, message: string, headers: http.OutgoingHttpHeaders = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8', connection: res.req.complete ? 'keep-alive' : 'close' });
  res.end(message + '\n');
}

export async function serveHttp(server: RpcServer, options: HttpServeOptions = {}): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  if (options.token === '') throw new Error('the token must not be empty');
  if (!isLoopback(host) && !options.token) throw new Error(`refusing to serve on ${host || 'every address'} without a token: anything beyond loopback needs --token`);
  const limits = options.limits ?? DEFAULT_LIMITS;
  // The body may hold up to maxFrames length prefixes and the terminator besides the message.
  const maxBody = limits.maxMessageBytes + 4 * (limits.maxFrames + 1);
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const maxConcurrent = options.maxConcurrentCalls ?? 1024;
  let running = 0;
  const create = options.tls ? (o: http.ServerOptions, h: http.RequestListener) => https.createServer({ ...o, cert: options.tls!.cert, key: options.tls!.key }, h) : http.createServer;
  const httpServer = create({
    // A client that stalls mid-request is cut off (408) rather than holding a socket for ever.
    requestTimeout,
    headersTimeout: requestTimeout > 0 ? Math.min(10_000, requestTimeout) : 10_000,
    // Node checks those deadlines on this period: a short deadline needs a short period.
    connectionsCheckingInterval: requestTimeout > 0 ? Math.max(10, Math.min(30_000, Math.floor(requestTimeout / 4))) : 30_000,
  }, (req, res) => {
    res.on('error', () => undefined);
    req.on('error', () => undefined);
    const path = req.url ?? '/';
    if (req.method !== 'POST') return reply(res, 405, `Avro RPC takes POST, not ${req.method}`, { allow: 'POST' });
    if (options.token && !tokenMatches(bearer(req.headers.authorization), options.token)) {
      return reply(res, 401, `${req.headers.authorization ? 'wrong' : 'missing'} token: this server requires 'Authorization: Bearer <token>'`, { 'www-authenticate': 'Bearer' });
    }
    const match = PATH.exec(path);
    let protocolHint: string | undefined;
    if (match) {
      try {
        protocolHint = decodeURIComponent(match[1]);
      } catch {
        return reply(res, 404, `no Avro endpoint at ${path}: the protocol name is not valid percent-encoding`);
      }
    } else if (path !== '/') {
      return reply(res, 404, `no Avro endpoint at ${path}: post to /avro/<ProtocolFullName> or /`);
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'avro/binary') return reply(res, 415, `expected Content-Type: avro/binary, got ${type || 'none'}`);
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > maxBody) return reply(res, 413, `a request of ${declared} bytes exceeds the limit of ${maxBody} (messages up to ${limits.maxMessageBytes} bytes)`);
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBody) {
        // Answer now; the connection closes once the answer is out (the rest is not read).
        refused = true;
        chunks.length = 0;
        reply(res, 413, `the request exceeds the limit of ${maxBody} bytes (messages up to ${limits.maxMessageBytes} bytes)`);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      let body: Buffer;
      try {
        const raw = decompress(Buffer.concat(chunks, size), String(req.headers['content-encoding'] ?? ''), maxBody);
        body = decodeFramed(raw, limits);
      } catch (error) {
        const status = error instanceof LimitExceeded ? 413 : /unsupported Content-Encoding/.test(errorMessage(error)) ? 415 : 400;
        return reply(res, status, `bad request body: ${errorMessage(error)}`, { 'accept-encoding': ACCEPTED_CODINGS });
      }
      if (running >= maxConcurrent) return reply(res, 503, `busy: ${running} calls are running (the limit is ${maxConcurrent}); retry shortly`, { 'retry-after': '1' });
      running++;
      const peer = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
      server.handle(body, { stateful: false, transport: 'http', peer, protocolHint }).finally(() => running--).then(
        (response) => {
          if (res.destroyed) return;
          let framed = encodeFramed(response ?? Buffer.alloc(0));
          // Tell callers they may compress large requests; compress a large answer if they accept it.
          const headers: http.OutgoingHttpHeaders = { 'content-type': 'avro/binary', 'accept-encoding': ACCEPTED_CODINGS };
          const coding = framed.length >= COMPRESSION_THRESHOLD ? chooseCoding(req.headers['accept-encoding']) : undefined;
          if (coding) {
            framed = compress(framed, coding);
            headers['content-encoding'] = coding;
          }
          headers['content-length'] = framed.length;
          res.writeHead(200, headers);
          res.end(framed);
        },
        (error: unknown) => reply(res, error instanceof ProtocolViolation ? 400 : 500, errorMessage(error)),
      ).catch(() => undefined);
    });
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  // After listening, a server error (none is expected) must not become an uncaught exception.
  httpServer.on('error', () => undefined);
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () => new Promise<void>((resolve) => {
      httpServer.closeAllConnections();
      httpServer.close(() => resolve());
    }),
  };
}

/** The token of an `Authorization: Bearer <token>` header. */
function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1];
}

export interface HttpChannelOptions {
  token?: string;
  limits?: FrameLimits;
  agent?: http.Agent;
  /** For https:// URLs: what to trust beyond the system's CAs. */
  tls?: ClientTls;
}

/** Posts each call to the URL; connections are pooled (keep-alive). */
export class HttpChannel implements Channel {
  readonly stateful = false;
  readonly endpoint: string;
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly ownAgent: boolean;
  private readonly request: typeof http.request;
  /** The coding the server accepts for requests, learnt from its answers. */
  private peerCoding?: Coding;

  constructor(url: string, protocolFullName: string, private readonly options: HttpChannelOptions = {}) {
    this.url = new URL(url);
    // A bare host names the node: post to the protocol's own path on it.
    if (this.url.pathname === '/' || this.url.pathname === '') this.url.pathname = `/avro/${protocolFullName}`;
    this.endpoint = this.url.toString();
    this.ownAgent = !options.agent;
    const secure = this.url.protocol === 'https:';
    this.agent = options.agent ?? (secure ? new https.Agent({ keepAlive: true, maxSockets: 64, ca: options.tls?.ca, servername: options.tls?.servername }) : new http.Agent({ keepAlive: true, maxSockets: 64 }));
    this.request = secure ? https.request : http.request;
  }

  send(body: Buffer, options: SendOptions): Promise<Buffer> {
    let framed = encodeFramed(body);
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'avro/binary', 'accept-encoding': ACCEPTED_CODINGS };
    // Large requests go compressed once the server said it accepts that.
    const coding = framed.length >= COMPRESSION_THRESHOLD ? this.peerCoding : undefined;
    if (coding) {
      framed = compress(framed, coding);
      headers['content-encoding'] = coding;
    }
    headers['content-length'] = framed.length;
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    return new Promise<Buffer>((resolve, reject) => {
      let sent = false;
      const req = this.request(this.url, { method: 'POST', headers, agent: this.agent, signal: options.signal }, (res) => {
        const chunks: Buffer[] = [];
        const limits = this.options.limits ?? DEFAULT_LIMITS;
        const maxBody = limits.maxMessageBytes + 4 * (limits.maxFrames + 1);
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBody) {
            res.destroy();
            reject(new TransportError(`the response from ${this.endpoint} exceeds the limit of ${maxBody} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          const data = Buffer.concat(chunks);
          if (res.statusCode !== 200) {
            reject(new TransportError(`${this.endpoint} answered HTTP ${res.statusCode}: ${data.toString('utf8').trim().slice(0, 500)}`));
            return;
          }
          this.peerCoding = chooseCoding(res.headers['accept-encoding']);
          try {
            resolve(decodeFramed(decompress(data, String(res.headers['content-encoding'] ?? ''), maxBody), this.options.limits));
          } catch (error) {
            reject(error);
          }
        });
        res.on('error', (error) => reject(new TransportError(`reading the response from ${this.endpoint} failed: ${error.message}`, false, { cause: error })));
      });
      // Until the whole request is handed to the socket, the server cannot have acted on it.
      req.on('finish', () => (sent = true));
      req.on('error', (error: NodeJS.ErrnoException) => {
        const aborted = error.name === 'AbortError';
        const reason = aborted ? (options.signal?.reason instanceof Error && options.signal.reason.name === 'TimeoutError' ? 'deadline exceeded' : 'cancelled') : error.code ?? error.message;
        reject(new TransportError(`call to ${this.endpoint} failed: ${reason}`, !sent && !aborted, { cause: error }));
      });
      req.end(framed);
    });
  }

  async close(): Promise<void> {
    if (this.ownAgent) this.agent.destroy();
  }
}
