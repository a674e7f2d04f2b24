/**
 * A channel that keeps, for each call, the bytes it sent and received, so the studio can show
 * the frames. One client (and so one channel) serves many calls at once: each call runs inside
 * `recordCall`, and AsyncLocalStorage hands every send made on its behalf (the handshake resend
 * after NONE included) to that call's recording, whatever else is in flight.
 *
 * It never offers compression: the studio shows frames as any Avro peer sends them, and a
 * deflated TCP packet could not be annotated.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Channel, SendOptions } from '../../rpc/channel.js';
import { TransportError } from '../../rpc/errors.js';

/** One round trip: the call bodies as the channel took and gave them (no transport framing). */
export interface Exchange {
  request: Buffer;
  /** Absent when no answer came (failure, deadline, cancel, one-way). */
  response?: Buffer;
  /** The Netty serial of a stateful channel's packet. */
  serial: number;
}

/** What one call sent and received, in order. */
export class CallRecording {
  readonly exchanges: Exchange[] = [];
}

const current = new AsyncLocalStorage<CallRecording>();

/** Runs `call` so that every send it makes on a RecordingChannel lands in `recording`. */
export function recordCall<T>(recording: CallRecording, call: () => Promise<T>): Promise<T> {
  return current.run(recording, call);
}

export class RecordingChannel implements Channel {
  readonly stateful: boolean;
  readonly endpoint: string;
  /** Our own count of packets, when the inner channel's cannot be read. */
  private serial = 0;

  constructor(readonly inner: Channel) {
    this.stateful = inner.stateful;
    this.endpoint = inner.endpoint;
  }

  // The client listens for resets on the channel it was given: pass that through.
  get onReset(): (() => void) | undefined {
    return this.inner.onReset;
  }

  set onReset(listener: (() => void) | undefined) {
    this.inner.onReset = listener;
  }

  async send(body: Buffer, options: SendOptions): Promise<Buffer | null> {
    const recording = current.getStore();
    if (!recording) return this.inner.send(body, options);
    // Channels that number packets (TCP) say which number this one got; others get our own count.
    const exchange: Exchange = { request: body, serial: (this.serial = (this.serial + 1) | 0) };
    const sending = this.inner.send(body, { ...options, onSerial: (serial) => (exchange.serial = serial) });
    recording.exchanges.push(exchange);
    try {
      const response = await sending;
      if (response) exchange.response = response;
      return response;
    } catch (error) {
      // Nothing left this machine (connection refused): there is no frame to show.
      if (error instanceof TransportError && error.notSent) recording.exchanges.splice(recording.exchanges.indexOf(exchange), 1);
      throw error;
    }
  }

  reset(): void {
    this.inner.reset?.();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
