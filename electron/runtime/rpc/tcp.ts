/**
 * Avro RPC over TCP (stateful), in the Netty framing Java's NettyTransceiver and avsc use: a
 * handshake once per connection, then calls multiplexed by serial number, answered in any order.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { ClientTls, ServerTls } from './tls-options.js';
import { packBody, unpackBody } from './compression.js';
import type { Channel, SendOptions } from './channel.js';
import { errorMessage, ProtocolViolation, TransportError, Unauthorized } from './errors.js';
import { DEFAULT_LIMITS, encodeNetty, NettyDecoder, type FrameLimits, type NettyPacket } from './framing.js';
import type { Listening } from './http.js';
import { isLoopback } from './loopback.js';
import { writeCoalesced } from './coalesced-write.js';
import { endpointUrl, listen } from './listen.js';
import { systemErrorResponse, type RpcServer, type Session } from './server.js';

export interface TcpServeOptions {
  /** Serve TLS (`tcps://`) with this certificate. */
  tls?: ServerTls;
  host?: string;
  port?: number;
  /** Callers must present it in the handshake's meta as `token`. Required beyond loopback. */
  token?: string;
  limits?: FrameLimits;
  /** A connection that sends part of a packet and then nothing for this long is closed (default 30 s). */
  stallTimeoutMs?: number;
  /** Calls one connection may have running at once; beyond, its packets wait unread (default 256). */
  maxConcurrentCalls?: number;
  /** Logs what went wrong with a connection (default: nothing). */
  onConnectionError?: (peer: string, error: Error) => void;
}

export async function serveTcp(server: RpcServer, options: TcpServeOptions = {}): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  if (options.token === '') throw new Error('the token must not be empty');
  if (!isLoopback(host) && !options.token) throw new Error(`refusing to serve on ${host || 'every address'} without a token: anything beyond loopback needs --token`);
  const limits = options.limits ?? DEFAULT_LIMITS;
  const maxInFlight = options.maxConcurrentCalls ?? 256;
  const stallTimeout = options.stallTimeoutMs ?? 30_000;
  const sockets = new Set<net.Socket>();
  const onConnection = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    const decoder = new NettyDecoder(limits);
    const session: Session = { stateful: true, transport: 'tcp', peer, token: options.token };
    let inFlight = 0;
    /** Reading stops while too many calls run, or the peer does not read what we answer. */
    let throttled = false;
    const fail = (error: unknown): void => {
      if (socket.destroyed) return;
      socket.destroy();
      try {
        options.onConnectionError?.(peer, error instanceof Error ? error : new Error(errorMessage(error)));
      } catch {
        // A logger that throws must not take the server down.
      }
    };
    const throttle = (): void => {
      const busy = inFlight >= maxInFlight || socket.writableLength > limits.maxMessageBytes;
      if (busy && !throttled) socket.pause();
      else if (!busy && throttled) socket.resume();
      throttled = busy;
    };
    const answer = (serial: number, response: Buffer | null): void => {
      if (response === null || socket.destroyed || !socket.writable) return;
      writeCoalesced(socket, encodeNetty(serial, response));
    };
    // Not `setTimeout(ms, callback)`: that listens once, and a connection idle past the timeout
    // once would never be checked again.
    socket.setTimeout(stallTimeout);
    socket.on('timeout', () => {
      // Idle connections are fine, and so is one we stopped reading; one stalled mid-packet is not.
      if (decoder.pending > 0 && !throttled) fail(new ProtocolViolation(`stalled for ${stallTimeout} ms in the middle of a packet (${decoder.pending} bytes received of it)`));
    });
    socket.on('data', (chunk: Buffer) => {
      let packets: NettyPacket[];
      try {
        packets = decoder.push(chunk);
      } catch (error) {
        return fail(error);
      }
      for (const { serial, body } of packets) {
        if (socket.destroyed) return;
        inFlight++;
        const established = session.established !== undefined;
        // Packets after a handshake that agreed on compression carry its flag; the handshake's own
        // packet and its answer do not.
        const packed = session.compress === true;
        const reply = (response: Buffer | null): void => answer(serial, response !== null && packed ? packBody(response) : response);
        let input: Buffer;
        try {
          input = packed ? unpackBody(body, limits.maxMessageBytes) : body;
        } catch (error) {
          return fail(error);
        }
        server.handle(input, session).then(
          (response) => reply(response),
          (error: unknown) => {
            // A call the server cannot read on an established connection is answered, like any
            // failed call (the framing still says where the next packet starts). Before that, the
            // peer is waiting for a handshake response we cannot give: the connection ends, no other.
            if (established && error instanceof ProtocolViolation && !(error instanceof Unauthorized)) {
              reply(systemErrorResponse(`the server cannot read this call: ${errorMessage(error)}`));
            } else {
              fail(error);
            }
          },
        ).finally(() => {
          inFlight--;
          if (!socket.destroyed) throttle();
        }).catch(() => undefined);
      }
      throttle();
    });
    socket.on('drain', throttle);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  };
  const { server: tcpServer, port } = await listen(onConnection, host, options.port ?? 0, options.tls);
  return {
    url: endpointUrl(options.tls ? 'tcps' : 'tcp', host, port),
    port,
    connections: () => sockets.size,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      tcpServer.close(() => resolve());
    }),
  };
}

interface Pending {
  resolve: (body: Buffer) => void;
  reject: (error: Error) => void;
}

/** One TCP connection, opened on first use and again after it drops; calls are multiplexed on it. */
export class TcpChannel implements Channel {
  readonly stateful = true;
  readonly endpoint: string;
  onReset?: () => void;
  private socket?: net.Socket;
  private connecting?: Promise<net.Socket>;
  private readonly pending = new Map<number, Pending>();
  private serial = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly limits: FrameLimits = DEFAULT_LIMITS,
    /** Connect with TLS (a `tcps://` endpoint), trusting these settings. */
    private readonly tlsOptions?: ClientTls,
  ) {
    this.endpoint = endpointUrl(tlsOptions ? 'tcps' : 'tcp', host, port);
  }

  /** A channel for `tcp://HOST:PORT` or `tcps://HOST:PORT` (TLS). */
  static fromUrl(url: string, limits?: FrameLimits, tlsOptions: ClientTls = {}): TcpChannel {
    const parsed = new URL(url);
    return new TcpChannel(parsed.hostname.replace(/^\[|\]$/g, ''), Number(parsed.port), limits, parsed.protocol === 'tcps:' ? tlsOptions : undefined);
  }

  private connect(): Promise<net.Socket> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    this.connecting ??= new Promise<net.Socket>((resolve, reject) => {
      const socket: net.Socket = this.tlsOptions
        ? tls.connect({ host: this.host, port: this.port, ca: this.tlsOptions.ca, servername: this.tlsOptions.servername ?? (net.isIP(this.host) ? undefined : this.host) })
        : net.connect({ host: this.host, port: this.port });
      socket.setNoDelay(true);
      const decoder = new NettyDecoder(this.limits);
      let connected = false;
      /** Whether the server answered anything on this connection: if not, it refused us. */
      let answered = false;
      let failure: Error | undefined;
      socket.once(this.tlsOptions ? 'secureConnect' : 'connect', () => {
        connected = true;
        this.socket = socket;
        this.connecting = undefined;
        resolve(socket);
      });
      socket.on('data', (chunk: Buffer) => {
        let packets;
        try {
          packets = decoder.push(chunk);
        } catch (error) {
          failure = new Error(`its answer cannot be read: ${errorMessage(error)}`);
          socket.destroy();
          return;
        }
        if (packets.length > 0) answered = true;
        for (const { serial, body } of packets) {
          const waiting = this.pending.get(serial);
          if (!waiting) continue;
          this.pending.delete(serial);
          if (!this.compressed) {
            waiting.resolve(body);
            continue;
          }
          try {
            waiting.resolve(unpackBody(body, this.limits.maxMessageBytes));
          } catch (error) {
            waiting.reject(error as Error);
          }
        }
      });
      socket.on('error', (error: NodeJS.ErrnoException) => {
        failure ??= error;
        if (!connected) {
          connected = true;
          this.connecting = undefined;
          reject(new TransportError(`cannot connect to ${this.endpoint}: ${error.code ?? error.message}`, true, { cause: error }));
        }
      });
      socket.on('close', () => {
        if (this.socket === socket) this.socket = undefined;
        const lost = [...this.pending.values()];
        this.pending.clear();
        if (lost.length > 0) {
          const code = (failure as NodeJS.ErrnoException | undefined)?.code;
          const why = failure && !code ? `: ${failure.message}` : code ? ` (${code})` : '';
          const message = answered
            ? `connection to ${this.endpoint} closed before the response arrived${why}`
            : `${this.endpoint} closed the connection without answering${why}: it refuses a handshake without the right token (if it was started with one), and closes connections whose bytes it cannot read`;
          for (const call of lost) call.reject(new TransportError(message, false, { cause: failure }));
        }
        this.onReset?.();
      });
    });
    return this.connecting;
  }

  send(body: Buffer, options: SendOptions): Promise<Buffer | null> {
    // Connected: no await on the way, which every call would pay for.
    const socket = this.socket;
    if (socket && !socket.destroyed && !this.connecting) return this.sendOn(socket, body, options);
    return this.connect().then((connected) => this.sendOn(connected, body, options));
  }

  private sendOn(socket: net.Socket, body: Buffer, options: SendOptions): Promise<Buffer | null> {
    // Closed while we waited: nothing was written, so the caller may safely try again.
    if (socket.destroyed || !socket.writable) return Promise.reject(new TransportError(`connection to ${this.endpoint} closed before the call was sent`, true));
    const serial = (this.serial = (this.serial + 1) | 0);
    options.onSerial?.(serial);
    if (this.compressed) body = packBody(body);
    if (!options.expectResponse) {
      writeCoalesced(socket, encodeNetty(serial, body));
      return Promise.resolve(null);
    }
    return new Promise<Buffer>((resolve, reject) => {
      const signal = options.signal;
      const onAbort = (): void => {
        this.pending.delete(serial);
        const timedOut = signal?.reason instanceof Error && signal.reason.name === 'TimeoutError';
        reject(new TransportError(`call to ${this.endpoint} ${timedOut ? 'exceeded its deadline' : 'was cancelled'}`));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(serial, {
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      });
      writeCoalesced(socket, encodeNetty(serial, body));
    });
  }

  /** Offered in the handshake: this channel can compress (see compression.ts). */
  readonly compressionOffer = true;
  private compressed = false;

  /** The handshake agreed: flag and compress packet bodies from now on, on this connection. */
  enableCompression(): void {
    this.compressed = true;
  }

  reset(): void {
    this.compressed = false;
    this.socket?.destroy();
    this.socket = undefined;
  }

  async close(): Promise<void> {
    this.reset();
  }
}
