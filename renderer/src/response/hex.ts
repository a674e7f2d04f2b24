/**
 * The arithmetic of the annotated hex view: a frame's hex text as bytes, which segment each
 * byte belongs to, and how rows and offsets read.
 */
import type { FrameSegment } from '../../../shared/studio/api.js';

export const BYTES_PER_ROW = 16;

export const SEGMENT_KINDS: readonly { kind: FrameSegment['kind']; label: string }[] = [
  { kind: 'framing', label: 'Framing' },
  { kind: 'handshake', label: 'Handshake' },
  { kind: 'metadata', label: 'Metadata' },
  { kind: 'message-name', label: 'Message name' },
  { kind: 'error-flag', label: 'Error flag' },
  { kind: 'payload', label: 'Payload' },
];

/** The bytes a hex string spells (two digits per byte; a trailing odd digit is dropped). */
export function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * For each byte, the index of the segment it belongs to (-1 for none). Segments may nest (a
 * frame's length prefix around the call's parts): the innermost, the shortest, wins.
 */
export function segmentOfEachByte(length: number, segments: readonly FrameSegment[]): Int32Array {
  const owner = new Int32Array(length).fill(-1);
  const order = segments.map((s, i) => i).sort((a, b) => segments[b].end - segments[b].start - (segments[a].end - segments[a].start));
  for (const i of order) {
    const { start, end } = segments[i];
    owner.fill(i, Math.max(0, start), Math.min(length, end));
  }
  return owner;
}

export function offsetText(offset: number): string {
  return offset.toString(16).padStart(8, '0');
}

export function byteText(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/** The byte as the ASCII column shows it: printable ASCII as itself, anything else as a dot. */
export function asciiChar(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
