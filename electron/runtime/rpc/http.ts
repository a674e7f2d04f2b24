/**
 * Avro RPC over HTTP (stateless): `POST /avro/<ProtocolFullName>` or `POST /` with
 * `Content-Type: avro/binary`, standard framing, a handshake on every call.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Channel, SendOptions } from './channel.js';
import { LimitExceeded, ProtocolViolation, TransportError } from './errors.js';
import { decodeFramed, DEFAULT_LIMITS, encodeFramed, type FrameLimits } from './framing.js';
import type { RpcServer } from './server.js';
import { isLoopback } from './loopback.js';

export interface HttpServeOptions {
  host?: string;
  port?: number;
  /** Callers must send `Authorization: Bearer <token>`. Required to bind beyond loopback. */
  token?: string;
  limits?: FrameLimits;
}

export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

const PATH = /^\/avro\/([^/?#]+)\/?$/;

function reply(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: res.req.complete ? 'keep-alive' : 'close' });
  res.end(message + '\n');
}

export async function serveHttp(server: RpcServer, options: HttpServeOptions = {}): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && !options.token) throw new Error(`refusing to serve on ${host} without a token: anything beyond loopback needs --token`);
  const limits = options.limits ?? DEFAULT_LIMITS;
  const httpServer = http.createServer((req, res) => {
    const path = req.url ?? '/';
    const match = PATH.exec(path);
    if (req.method !== 'POST') return reply(res, 405, `Avro RPC takes POST, not ${req.method}`);
    if (path !== '/' && !match) return reply(res, 404, `no Avro endpoint at ${path}: post to /avro/<ProtocolFullName> or /`);
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
    if (type !== 'avro/binary') return reply(res, 415, `expected Content-Type: avro/binary, got ${type || 'none'}`);
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) return reply(res, 401, 'missing or wrong bearer token');
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > limits.maxMessageBytes + 8 * limits.maxFrames) return reply(res, 413, `request of ${declared} bytes exceeds the limit of ${limits.maxMessageBytes}`);
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxMessageBytes + 8 * limits.maxFrames && !refused) {
        refused = true;
        reply(res, 413, `request exceeds the limit of ${limits.maxMessageBytes} bytes`);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      let body: Buffer;
      try {
        body = decodeFramed(Buffer.concat(chunks, size), limits);
      } catch (error) {
        return reply(res, error instanceof LimitExceeded ? 413 : 400, (error as Error).message);
      }
      const peer = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
      server.handle(body, { stateful: false, transport: 'http', peer, protocolHint: match ? decodeURIComponent(match[1]) : undefined }).then(
        (response) => {
          const framed = encodeFramed(response ?? Buffer.alloc(0));
          res.writeHead(200, { 'content-type': 'avro/binary', 'content-length': framed.length });
          res.end(framed);
        },
        (error: unknown) => reply(res, error instanceof ProtocolViolation ? 400 : 500, (error as Error).message),
      );
    });
    req.on('error', () => undefined);
  });
  // A client that stalls mid-request is cut off rather than holding a socket forever.
  httpServer.requestTimeout = 30_000;
  httpServer.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () => new Promise<void>((resolve) => {
      httpServer.closeAllConnections();
      httpServer.close(() => resolve());
    }),
  };
}

export interface HttpChannelOptions {
  token?: string;
  limits?: FrameLimits;
  agent?: http.Agent;
}

/** Posts each call to the URL; connections are pooled (keep-alive). */
export class HttpChannel implements Channel {
  readonly stateful = false;
  readonly endpoint: string;
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly ownAgent: boolean;

  constructor(url: string, protocolFullName: string, private readonly options: HttpChannelOptions = {}) {
    this.url = new URL(url);
    // A bare host names the node: post to the protocol's own path on it.
    if (this.url.pathname === '/' || this.url.pathname === '') this.url.pathname = `/avro/${protocolFullName}`;
    this.endpoint = this.url.toString();
    this.ownAgent = !options.agent;
    this.agent = options.agent ?? new http.Agent({ keepAlive: true, maxSockets: 64 });
  }

  send(body: Buffer, options: SendOptions): Promise<Buffer> {
    const framed = encodeFramed(body);
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'avro/binary', 'content-length': framed.length };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    return new Promise<Buffer>((resolve, reject) => {
      let sent = false;
      const req = http.request(this.url, { method: 'POST', headers, agent: this.agent, signal: options.signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const data = Buffer.concat(chunks);
          if (res.statusCode !== 200) {
            reject(new TransportError(`${this.endpoint} answered HTTP ${res.statusCode}: ${data.toString('utf8').trim().slice(0, 500)}`));
            return;
          }
          try {
            resolve(decodeFramed(data, this.options.limits));
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
