/**
 * The call format (Apache Avro specification, "Call Format"). A request is metadata (a map of
 * bytes), the message name and the parameters; a response is metadata, an error flag, then the
 * response or the error. Over a stateless transport each is preceded by a handshake.
 */
import avsc from 'avsc';
import { ProtocolViolation } from './errors.js';
// Importing it bounds avsc's array and map readers: see there.
import './encoding-guard.js';

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

  /** Reads a value (through `resolver` when the bytes were written with another schema). */
  read<T>(type: avsc.Type, what: string, resolver?: avsc.Resolver): T {
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
