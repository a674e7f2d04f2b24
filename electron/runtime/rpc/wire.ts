/**
 * The call format (Apache Avro specification, "Call Format"). A request is metadata (a map of
 * bytes), the message name and the parameters; a response is metadata, an error flag, then the
 * response or the error. Over a stateless transport each is preceded by a handshake.
 */
import avsc from 'avsc';
import { ProtocolViolation } from './errors.js';
import { checkEncoding } from './encoding-guard.js';

export const metaType = avsc.Type.forSchema({ type: 'map', values: 'bytes' });
export const stringType = avsc.Type.forSchema('string');
export const booleanType = avsc.Type.forSchema('boolean');

export type Meta = Record<string, Buffer>;

const EMPTY_META = metaType.toBuffer({});

export function encodeMeta(meta: Meta | undefined): Buffer {
  return meta && Object.keys(meta).length > 0 ? metaType.toBuffer(meta) : EMPTY_META;
}

/** A read position over one message body; every read says what it was reading when it fails. */
export class Reader {
  pos = 0;

  constructor(readonly buf: Buffer) {}

  /**
   * Reads a value after checking that its encoding is bounded: avsc believes an array's or map's
   * item count, so 10 bytes claiming 2^60 items would spin for ever (or allocate until the process
   * dies). `writer` is the type the bytes were written with, when a resolver reads them as `type`.
   */
  read<T>(type: avsc.Type, what: string, resolver?: avsc.Resolver, writer: avsc.Type = type): T {
    checkEncoding(writer, this.buf, this.pos, what);
    let result: { value: unknown; offset: number };
    try {
      result = type.decode(this.buf, this.pos, resolver);
    } catch (error) {
      throw new ProtocolViolation(`cannot read ${what} at byte ${this.pos}: ${(error as Error).message}`);
    }
    if (result.offset < 0) throw new ProtocolViolation(`truncated message: ${what} at byte ${this.pos} runs past the end (${this.buf.length} bytes)`);
    this.pos = result.offset;
    return result.value as T;
  }

  get atEnd(): boolean {
    return this.pos >= this.buf.length;
  }
}

/** One value of a handshake's meta: own keys only (a map read from the wire may name `__proto__`). */
export function metaValue(meta: Meta | null, key: string): Buffer | undefined {
  if (!meta || !Object.prototype.hasOwnProperty.call(meta, key)) return undefined;
  const value = meta[key];
  return Buffer.isBuffer(value) ? value : undefined;
}
