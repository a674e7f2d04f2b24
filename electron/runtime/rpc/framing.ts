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
 * survives partial headers and frames split across chunks.
 */
export class NettyDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Bytes needed before the next packet can be complete: chunks are joined only then. */
  private needed = 8;

  constructor(private readonly limits: FrameLimits = DEFAULT_LIMITS) {}

  /** Bytes received but not yet part of a whole packet (a peer stalled mid-frame has some). */
  get pending(): number {
    return this.buffered;
  }

  push(chunk: Buffer): NettyPacket[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const packets: NettyPacket[] = [];
    for (;;) {
      const packet = this.next();
      if (!packet) break;
      packets.push(packet);
    }
    return packets;
  }

  private next(): NettyPacket | undefined {
    if (this.buffered < this.needed) return undefined;
    const data = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
    this.chunks = [data];
    const serial = data.readInt32BE(0);
    const count = data.readInt32BE(4);
    if (count < 0 || count > this.limits.maxFrames) throw new LimitExceeded(`packet ${serial} declares ${count} frames (the limit is ${this.limits.maxFrames})`);
    let pos = 8;
    let total = 0;
    const frames: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      if (data.length < pos + 4) return this.wait(pos + 4);
      const length = data.readInt32BE(pos);
      if (length < 0 || length > this.limits.maxFrameBytes) throw new LimitExceeded(`packet ${serial}: frame ${i} declares ${length} bytes (the limit is ${this.limits.maxFrameBytes})`);
      total += length;
      if (total > this.limits.maxMessageBytes) throw new LimitExceeded(`packet ${serial} exceeds the limit of ${this.limits.maxMessageBytes} bytes`);
      pos += 4;
      if (data.length < pos + length) return this.wait(pos + length);
      frames.push(data.subarray(pos, pos + length));
      pos += length;
    }
    const rest = data.subarray(pos);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    this.needed = 8;
    const body = frames.length === 1 ? frames[0] : Buffer.concat(frames, total);
    return { serial, body };
  }

  private wait(bytes: number): undefined {
    this.needed = bytes;
    return undefined;
  }
}
