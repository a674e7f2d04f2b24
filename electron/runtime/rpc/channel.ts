/** How a client reaches a server: one call's bytes out, the response's bytes back. */

export interface SendOptions {
  /** A one-way message on an established stateful channel gets no response. */
  expectResponse: boolean;
  signal?: AbortSignal;
  /** Told the packet's number on channels that number them (TCP's Netty serial), for tools that show frames. */
  onSerial?: (serial: number) => void;
}

export interface Channel {
  /** Stateful channels (TCP) handshake once per connection; stateless ones (HTTP) on every call. */
  readonly stateful: boolean;
  /** A description for messages, e.g. `tcp://127.0.0.1:4100`. */
  readonly endpoint: string;
  /** Sends one call; resolves with the response body, or null when none is expected. */
  send(body: Buffer, options: SendOptions): Promise<Buffer | null>;
  /** Called when a stateful channel lost its connection: the next call must handshake again. */
  onReset?: () => void;
  /** Whether to offer compression in the handshake (stateful channels that can honour it). */
  readonly compressionOffer?: boolean;
  /** The handshake accepted the offer. */
  enableCompression?(): void;
  /** Drops a stateful channel's connection (its handshake state is unknown); the next call reconnects. */
  reset?(): void;
  close(): Promise<void>;
}
