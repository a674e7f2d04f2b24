/**
 * Avro RPC over TCP (stateful), in the Netty framing Java's NettyTransceiver and avsc use: a
 * handshake once per connection, then calls multiplexed by serial number, answered in any order.
 */
import net from 'node:net';
import type { Channel, SendOptions } from './channel.js';
import { ProtocolViolation, TransportError } from './errors.js';
import { DEFAULT_LIMITS, encodeNetty, NettyDecoder, type FrameLimits } from './framing.js';
import type { Listening } from './http.js';
import { isLoopback } from './loopback.js';
import type { RpcServer, Session } from './server.js';

export interface TcpServeOptions {
  host?: string;
  port?: number;
  /** Callers must present it in the handshake's meta as `token`. Required beyond loopback. */
  token?: string;
  limits?: FrameLimits;
  /** A connection that sends part of a packet and then nothing for this long is closed. */
  stallTimeoutMs?: number;
  /** Logs what went wrong with a connection (default: nothing). */
  onConnectionError?: (peer: string, error: Error) => void;
}

export async function serveTcp(server: RpcServer, options: TcpServeOptions = {}): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && !options.token) throw new Error(`refusing to serve on ${host} without a token: anything beyond loopback needs --token`);
  const limits = options.limits ?? DEFAULT_LIMITS;
  const sockets = new Set<net.Socket>();
  const tcpServer = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    const decoder = new NettyDecoder(limits);
    const session: Session = { stateful: true, transport: 'tcp', peer };
    const fail = (error: Error): void => {
      options.onConnectionError?.(peer, error);
      socket.destroy();
    };
    socket.setTimeout(options.stallTimeoutMs ?? 30_000, () => {
      // Idle connections are fine; one stalled in the middle of a packet is not.
      if (decoder.pending > 0) fail(new ProtocolViolation(`stalled mid-packet with ${decoder.pending} bytes pending`));
    });
    socket.on('data', (chunk: Buffer) => {
      let packets;
      try {
        packets = decoder.push(chunk);
      } catch (error) {
        return fail(error as Error);
      }
      for (const { serial, body } of packets) {
        server.handle(body, session).then(
          (response) => {
            if (response !== null && !socket.destroyed) socket.write(encodeNetty(serial, response));
          },
          (error: Error) => fail(error),
        );
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    tcpServer.once('error', reject);
    tcpServer.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (tcpServer.address() as net.AddressInfo).port;
  return {
    url: `tcp://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
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

  constructor(private readonly host: string, private readonly port: number, private readonly limits: FrameLimits = DEFAULT_LIMITS) {
    this.endpoint = `tcp://${host.includes(':') ? `[${host}]` : host}:${port}`;
  }

  static fromUrl(url: string, limits?: FrameLimits): TcpChannel {
    const parsed = new URL(url);
    return new TcpChannel(parsed.hostname.replace(/^\[|\]$/g, ''), Number(parsed.port), limits);
  }

  private connect(): Promise<net.Socket> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    this.connecting ??= new Promise<net.Socket>((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port });
      socket.setNoDelay(true);
      const decoder = new NettyDecoder(this.limits);
      socket.once('connect', () => {
        this.socket = socket;
        this.connecting = undefined;
        resolve(socket);
      });
      socket.on('data', (chunk: Buffer) => {
        let packets;
        try {
          packets = decoder.push(chunk);
        } catch (error) {
          socket.destroy(error as Error);
          return;
        }
        for (const { serial, body } of packets) {
          const waiting = this.pending.get(serial);
          if (!waiting) continue;
          this.pending.delete(serial);
          waiting.resolve(body);
        }
      });
      socket.on('error', (error: NodeJS.ErrnoException) => {
        if (this.connecting) {
          this.connecting = undefined;
          reject(new TransportError(`cannot connect to ${this.endpoint}: ${error.code ?? error.message}`, true, { cause: error }));
        }
      });
      socket.on('close', () => {
        if (this.socket === socket) this.socket = undefined;
        const lost = [...this.pending.values()];
        this.pending.clear();
        for (const call of lost) call.reject(new TransportError(`connection to ${this.endpoint} closed before the response arrived`));
        this.onReset?.();
      });
    });
    return this.connecting;
  }

  async send(body: Buffer, options: SendOptions): Promise<Buffer | null> {
    const socket = await this.connect();
    const serial = (this.serial = (this.serial + 1) | 0);
    if (!options.expectResponse) {
      socket.write(encodeNetty(serial, body));
      return null;
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
      socket.write(encodeNetty(serial, body));
    });
  }

  async close(): Promise<void> {
    this.socket?.destroy();
    this.socket = undefined;
  }
}
