/**
 * Compression of large HTTP bodies (`Content-Encoding: gzip | deflate`), never of small ones:
 * below the threshold the CPU costs more than the bytes saved. Decompression is bounded, so a
 * small "zip bomb" cannot become gigabytes.
 */
import zlib from 'node:zlib';
import { LimitExceeded, ProtocolViolation } from './errors.js';

/** Bodies smaller than this go as they are. */
export const COMPRESSION_THRESHOLD = 8 * 1024;

export type Coding = 'gzip' | 'deflate';

/** What we offer and accept, for `Accept-Encoding`. */
export const ACCEPTED_CODINGS = 'gzip, deflate';

/** The coding to answer with, given a peer's `Accept-Encoding`, or undefined for none. */
export function chooseCoding(acceptEncoding: string | string[] | undefined): Coding | undefined {
  const offered = String(acceptEncoding ?? '').toLowerCase().split(',').map((part) => {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    return { name: name.trim(), q: q === undefined ? 1 : Number(q) };
  });
  for (const coding of ['gzip', 'deflate'] as const) {
    if (offered.some((o) => o.name === coding && o.q > 0)) return coding;
  }
  return undefined;
}

export function compress(data: Buffer, coding: Coding): Buffer {
  return coding === 'gzip' ? zlib.gzipSync(data, { level: 1 }) : zlib.deflateSync(data, { level: 1 });
}

/** The decoded body; refuses codings we don't speak and output beyond `maxBytes`. */
export function decompress(data: Buffer, coding: string, maxBytes: number): Buffer {
  const name = coding.trim().toLowerCase();
  if (name === '' || name === 'identity') return data;
  if (name !== 'gzip' && name !== 'deflate') throw new ProtocolViolation(`unsupported Content-Encoding ${coding} (this server speaks ${ACCEPTED_CODINGS})`);
  return bounded(() => (name === 'gzip' ? zlib.gunzipSync(data, { maxOutputLength: maxBytes }) : zlib.inflateSync(data, { maxOutputLength: maxBytes })), `the ${name}-encoded body`, maxBytes);
}

/**
 * TCP compression, negotiated in the handshake's meta (`spl.compression: deflate`, offered by the
 * client, echoed by the server). From then on every packet body on that connection starts with
 * one byte: 0, the body as it is; 1, the body deflated (only bodies over the threshold are).
 * Peers that don't offer it (Java, avsc, Python) never see the flag.
 */
export const COMPRESSION_META = 'spl.compression';
export const COMPRESSION_OFFER = 'deflate';

export function packBody(body: Buffer): Buffer {
  if (body.length < COMPRESSION_THRESHOLD) return Buffer.concat([FLAG_PLAIN, body]);
  return Buffer.concat([FLAG_DEFLATE, zlib.deflateRawSync(body, { level: 1 })]);
}

export function unpackBody(data: Buffer, maxBytes: number): Buffer {
  if (data.length === 0) throw new ProtocolViolation('a packet on a compressed connection lacks its compression flag');
  if (data[0] === 0) return data.subarray(1);
  if (data[0] !== 1) throw new ProtocolViolation(`unknown compression flag ${data[0]} (0: plain, 1: deflate)`);
  return bounded(() => zlib.inflateRawSync(data.subarray(1), { maxOutputLength: maxBytes }), 'a deflated packet', maxBytes);
}

const FLAG_PLAIN = Buffer.from([0]);
const FLAG_DEFLATE = Buffer.from([1]);

/** Runs a bounded decompression, turning zlib's failures into errors that say what and why. */
function bounded(inflate: () => Buffer, what: string, maxBytes: number): Buffer {
  try {
    return inflate();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) throw new LimitExceeded(`${what} expands beyond the limit of ${maxBytes} bytes`);
    throw new ProtocolViolation(`${what} cannot be decoded: ${(error as Error).message}`);
  }
}
