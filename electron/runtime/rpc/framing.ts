/**
 * Avro RPC framing. A message is a list of buffers ("frames").
 * - Standard (HTTP) framing: each frame prefixed by its 4-byte big-endian length, the message
 *   ended by a zero-length frame.
 * - Netty framing (stateful TCP, as Java's NettyTransceiver and avsc speak it): a packet is a
 *   4-byte serial (the call id), a 4-byte frame count, then each frame with its 4-byte length.
 * Limits guard against a peer that claims gigabytes: they are checked before allocating.
 */
import { LimitExceeded, ProtocolViolation } from './errors.js';

export interface FrameLimits {
  /** Largest single frame, in bytes. */
  maxFrameBytes: number;
  /** Largest message (all frames together), in bytes. */
  maxMessageBytes: number;
  /** Most frames in one message. */
  maxFrames: number;
}

export const DEFAULT_LIMITS: FrameLimits = {
  maxFrameBytes: 16 * 1024 * 1024,
  maxMessageBytes: 64 * 1024 * 1024,
  maxFrames: 4096,
};

/** Frames one message body (standard framing): one frame, then the terminator. */
export function encodeFramed(body: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(body.length + 8);
  out.writeUInt32BE(body.length, 0);
  out.set(body, 4);
  out.writeUInt32BE(0, body.length + 4);
  return out;
}

/** The message body of a standard-framed buffer (frames joined), or a ProtocolViolation saying what is wrong. */
export function decodeFramed(data: Uint8Array, limits: FrameLimits = DEFAULT_LIMITS): Buffer {
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const frames: Buffer[] = [];
  let total = 0;
  let pos = 0;
  for (;;) {
    if (pos + 4 > view.length) {
      throw new ProtocolViolation(`truncated message: expected a 4-byte frame length at byte ${pos}, but the body ends at ${view.length} (a message ends with a zero-length frame)`);
    }
    const length = view.readUInt32BE(pos);
    pos += 4;
    if (length === 0) break;
    if (length > limits.maxFrameBytes) throw new LimitExceeded(`frame of ${length} bytes at byte ${pos - 4} exceeds the limit of ${limits.maxFrameBytes}`);
    if (pos + length > view.length) throw new ProtocolViolation(`truncated frame at byte ${pos - 4}: it declares ${length} bytes but only ${view.length - pos} follow`);
    total += length;
    if (total > limits.maxMessageBytes) throw new LimitExceeded(`message exceeds the limit of ${limits.maxMessageBytes} bytes`);
    if (frames.length >= limits.maxFrames) throw new LimitExceeded(`message has more than ${limits.maxFrames} frames`);
    frames.push(view.subarray(pos, pos + length));
    pos += length;
  }
  if (pos !== view.length) throw new ProtocolViolation(`${view.length - pos} unexpected bytes after the end of the message (byte ${pos})`);
  return frames.length === 1 ? frames[0] : Buffer.concat(frames, total);
}

/** One Netty packet: the serial, then the body as one frame (an empty body is zero frames). */
export function encodeNetty(serial: number, body: Uint8Array): Buffer {
  const count = body.length > 0 ? 1 : 0;
  const out = Buffer.allocUnsafe(8 + count * 4 + body.length);
  out.writeInt32BE(serial | 0, 0);
  out.writeInt32BE(count, 4);
  if (count) {
    out.writeUInt32BE(body.length, 8);
    out.set(body, 12);
  }
  return out;
}

export interface NettyPacket {
  serial: number;
  body: Buffer;
}

/**
 * Incremental Netty decoder: feed it chunks as they arrive; it returns whole packets. State
 * survives partial headers and frames split across chunks, and each byte is looked at once: a
 * packet trickling in byte by byte costs no more than one arriving whole. Limits are checked on
 * each header before anything is allocated for what it announces; a violation throws, after
 * which the decoder is unusable (close the connection).
 */
export class NettyDecoder {
  /** Received bytes not consumed yet: `chunks[head]` from `offset` on, then the chunks after it. */
  private chunks: Buffer[] = [];
  private head = 0;
  private offset = 0;
  private buffered = 0;
  /** Bytes of the current packet already consumed (its header, length prefixes, whole frames). */
  private partial = 0;
  private state: 'header' | 'length' | 'frame' = 'header';
  private serial = 0;
  private count = 0;
  private frames: Buffer[] = [];
  private total = 0;
  private frameLength = 0;

  constructor(private readonly limits: FrameLimits = DEFAULT_LIMITS) {}

  /** Bytes received but not yet part of a whole packet (a peer stalled mid-frame has some). */
  get pending(): number {
    return this.partial + this.buffered;
  }

  push(chunk: Buffer): NettyPacket[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const packets: NettyPacket[] = [];
    for (;;) {
      const packet = this.next();
      if (!packet) break;
      packets.push(packet);
    }
    return packets;
  }

  private next(): NettyPacket | undefined {
    for (;;) {
      switch (this.state) {
        case 'header': {
          if (this.buffered < 8) return undefined;
          const header = this.take(8);
          this.serial = header.readInt32BE(0);
          this.count = header.readInt32BE(4);
          if (this.count < 0) throw new ProtocolViolation(`packet ${this.serial} declares a negative frame count (${this.count}): these bytes are not Avro RPC Netty framing`);
          if (this.count > this.limits.maxFrames) throw new LimitExceeded(`packet ${this.serial} declares ${this.count} frames (the limit is ${this.limits.maxFrames})`);
          this.partial = 8;
          this.frames = [];
          this.total = 0;
          this.state = 'length';
          break;
        }
        case 'length': {
          if (this.frames.length === this.count) return this.finish();
          if (this.buffered < 4) return undefined;
          const length = this.take(4).readInt32BE(0);
          const index = this.frames.length;
          if (length < 0) throw new ProtocolViolation(`packet ${this.serial}: frame ${index} declares a negative length (${length})`);
          if (length > this.limits.maxFrameBytes) throw new LimitExceeded(`packet ${this.serial}: frame ${index} declares ${length} bytes (the limit is ${this.limits.maxFrameBytes})`);
          if (this.total + length > this.limits.maxMessageBytes) throw new LimitExceeded(`packet ${this.serial} exceeds the limit of ${this.limits.maxMessageBytes} bytes`);
          this.partial += 4;
          this.frameLength = length;
          this.state = 'frame';
          break;
        }
        case 'frame': {
          if (this.buffered < this.frameLength) return undefined;
          this.frames.push(this.take(this.frameLength));
          this.total += this.frameLength;
          this.partial += this.frameLength;
          this.state = 'length';
          break;
        }
      }
    }
  }

  private finish(): NettyPacket {
    const body = this.frames.length === 1 ? this.frames[0] : Buffer.concat(this.frames, this.total);
    const packet = { serial: this.serial, body };
    this.frames = [];
    this.partial = 0;
    this.state = 'header';
    return packet;
  }

  /** The next `n` buffered bytes (n <= buffered): a view when they sit in one chunk, else a copy. */
  private take(n: number): Buffer {
    if (n === 0) return Buffer.alloc(0);
    const first = this.chunks[this.head];
    if (first.length - this.offset >= n) {
      const out = first.subarray(this.offset, this.offset + n);
      this.advance(n);
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.chunks[this.head];
      const count = Math.min(n - filled, chunk.length - this.offset);
      chunk.copy(out, filled, this.offset, this.offset + count);
      filled += count;
      this.advance(count);
    }
    return out;
  }

  private advance(n: number): void {
    this.offset += n;
    this.buffered -= n;
    if (this.offset === this.chunks[this.head].length) {
      this.head++;
      this.offset = 0;
      if (this.head === this.chunks.length) {
        this.chunks = [];
        this.head = 0;
      } else if (this.head >= 1024) {
        this.chunks = this.chunks.slice(this.head);
        this.head = 0;
      }
    }
  }
}
