/**
 * An avsc `long` that never rounds: values within ±2^53 are numbers (fast path), larger ones
 * bigints. avsc's own long refuses them, and its `LongType.__with` hook allocates a buffer per
 * value; this reads and writes the zigzag varint directly on avsc's tap.
 */
import avsc from 'avsc';

interface Tap {
  buf: Uint8Array;
  pos: number;
  readLong(): number;
  writeLong(n: number): void;
}

const MIN_LONG = -(2n ** 63n);
const MAX_LONG = 2n ** 63n - 1n;
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function isLongValue(value: unknown): value is number | bigint {
  if (typeof value === 'number') return Number.isSafeInteger(value);
  return typeof value === 'bigint' && value >= MIN_LONG && value <= MAX_LONG;
}

function readLong(tap: Tap): number | bigint {
  const buf = tap.buf;
  let end = tap.pos;
  while (end < buf.length && buf[end] & 0x80) end++;
  // Up to 7 bytes hold 49 bits: avsc's float arithmetic is exact there.
  if (end - tap.pos < 7) return tap.readLong();
  let zigzag = 0n;
  let shift = 0n;
  let b: number;
  do {
    b = buf[tap.pos++];
    zigzag |= BigInt(b & 0x7f) << shift;
    shift += 7n;
  } while (b & 0x80 && tap.pos < buf.length);
  if (b & 0x80) tap.pos = buf.length + 1; // truncated: let avsc see an invalid tap
  const n = (zigzag >> 1n) ^ -(zigzag & 1n);
  return n >= MIN_SAFE && n <= MAX_SAFE ? Number(n) : n;
}

/**
 * avsc zigzags in doubles: exact for every n ≥ -2^52 (2n fits), but -2n-1 rounds below that, so
 * -9007199254740991 would go out as 9007199254740990. Those take the bigint path.
 */
const MIN_DOUBLE_SAFE = -(2 ** 52);

function writeLong(tap: Tap, value: number | bigint): void {
  if (typeof value === 'number') {
    if (value >= MIN_DOUBLE_SAFE) {
      tap.writeLong(value);
      return;
    }
    value = BigInt(value);
  } else if (value >= BigInt(MIN_DOUBLE_SAFE) && value <= MAX_SAFE) {
    tap.writeLong(Number(value));
    return;
  }
  let zigzag = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
  const buf = tap.buf;
  while (zigzag > 0x7fn) {
    buf[tap.pos++] = Number(zigzag & 0x7fn) | 0x80;
    zigzag >>= 7n;
  }
  buf[tap.pos++] = Number(zigzag);
}

function define(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, writable: false, enumerable: false, configurable: false });
}

/**
 * avsc's `typeHook` that makes every `long` (bare, or with a logical type we don't interpret)
 * the exact long: `Type.forSchema(schema, { typeHook: exactLongHook() })`.
 */
export function exactLongHook(): (schema: unknown) => avsc.Type | undefined {
  const type = exactLong();
  return (schema) => (schema === 'long' || (typeof schema === 'object' && schema !== null && (schema as { type?: unknown }).type === 'long') ? type : undefined);
}

/** The exact long type. */
export function exactLong(): avsc.Type {
  const base = avsc.Type.forSchema('long');
  const type = Object.create(base) as avsc.Type;
  define(type, '_read', (tap: Tap) => readLong(tap));
  define(type, '_write', (tap: Tap, value: unknown) => {
    if (!isLongValue(value)) throw new Error(`invalid "long": ${typeof value === 'bigint' ? `${value}n` : JSON.stringify(value)}`);
    writeLong(tap, value);
  });
  define(type, '_check', (value: unknown, _flags: unknown, hook?: (v: unknown, t: unknown) => void) => {
    const ok = isLongValue(value);
    if (!ok && hook) hook(value, type);
    return ok;
  });
  define(type, '_copy', (value: unknown) => value);
  define(type, 'compare', (a: number | bigint, b: number | bigint) => (a < b ? -1 : a > b ? 1 : 0));
  define(type, '_update', (resolver: { _read: (tap: Tap) => unknown }, writer: { typeName: string; _read: (tap: Tap) => unknown }) => {
    if (writer.typeName === 'int') resolver._read = writer._read;
    else if (writer.typeName === 'long' || writer.typeName === 'abstract:long') resolver._read = readLong;
  });
  return type;
}
