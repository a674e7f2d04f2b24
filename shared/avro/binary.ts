/**
 * Avro's binary encoding (Apache Avro 1.12 specification, "Binary Encoding") of runtime values
 * (`avro-json.ts`), in plain TypeScript: the studio encodes and decodes typed payloads
 * (`spl.common.Payload`: Avro binary plus a `SchemaRef`) in the browser, where avsc's
 * Buffer-based types are not at hand. The RPC engine keeps avsc; the tests hold the two to
 * byte-for-byte equality.
 *
 * - int and long: zig-zag varints; longs beyond 2^53 are bigints, never rounded.
 * - float and double: IEEE 754, little-endian.
 * - bytes and string: a long length, then the bytes (strings as UTF-8).
 * - arrays and maps: one block (a long count, then the items) and the empty block `0`, as Java
 *   and avsc write them; decoding also takes several blocks and negative counts followed by the
 *   block's byte size.
 * - union: the branch index as a long; enum: the symbol index as an int; fixed: the bytes.
 *
 * Decoding trusts nothing: a truncated value, bytes left over, an index out of range, a
 * block announcing more items than the bytes left could hold, invalid UTF-8: each is an
 * `AvroBinaryError` naming the value's path and the byte offset.
 */
import { AvroValueError, MAX_VALUE_DEPTH, setOwn, unionBranchName, type RuntimeObject, type RuntimeValue } from './avro-json.js';
import { parsingCanonicalForm, schemaFingerprint } from './fingerprint.js';
import { childPath } from './located-json.js';
import { isNamed, type NamedSchema, type RecordSchema, type Schema } from './model.js';
import { validateValue } from './validate-value.js';

/** Bytes that are not a value of the schema, with where in the value (`path`) and in the bytes (`offset`). */
export class AvroBinaryError extends Error {
  constructor(
    /** Path of the value being read (`order.items[2].price`); `''` for the value itself. */
    readonly path: string,
    /** Byte offset where the problem was found. */
    readonly offset: number,
    message: string,
  ) {
    super(message);
    this.name = 'AvroBinaryError';
  }
}

/**
 * A map or array block may not announce more zero-byte items (`null`, empty records) than this:
 * such items take no bytes, so the bytes left cannot bound their count.
 */
export const MAX_EMPTY_ITEMS = 1_000_000;

/** Where zig-zag arithmetic on doubles stops being exact. */
const SMALL = 2 ** 52;

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

// ---- encoding -------------------------------------------------------------------------------------

/**
 * The Avro binary encoding of `value`, a runtime value of `schema`. The value is checked first:
 * one that does not fit throws an `AvroValueError` with its path (as `validateValue` finds it).
 */
export function encodeBinary(schema: Schema, value: RuntimeValue): Uint8Array {
  const problems = validateValue(schema, value);
  if (problems.length > 0) {
    const first = problems[0];
    throw new AvroValueError(first.path, first.expected, first.got, first.message);
  }
  const writer = new Writer();
  writer.value(schema, value);
  return writer.result();
}

class Writer {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  private pos = 0;

  result(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  // The value is valid (checked by encodeBinary), so each case only reads its shape.
  value(schema: Schema, value: RuntimeValue): void {
    switch (schema.type) {
      case 'null':
        return;
      case 'boolean':
        this.reserve(1);
        this.buf[this.pos++] = value ? 1 : 0;
        return;
      case 'int':
        return this.long(value as number);
      case 'long':
        return this.long(value as number | bigint);
      case 'float':
        this.reserve(4);
        this.view.setFloat32(this.pos, value as number, true);
        this.pos += 4;
        return;
      case 'double':
        this.reserve(8);
        this.view.setFloat64(this.pos, value as number, true);
        this.pos += 8;
        return;
      case 'string':
        return this.bytes(utf8Encoder.encode(value as string));
      case 'bytes':
        return this.bytes(value as Uint8Array);
      case 'fixed':
        return this.raw(value as Uint8Array);
      case 'enum':
        return this.long(schema.symbols.indexOf(value as string));
      case 'array': {
        const items = value as RuntimeValue[];
        if (items.length > 0) {
          this.long(items.length);
          for (const item of items) this.value(schema.items, item);
        }
        return this.long(0);
      }
      case 'map': {
        const entries = Object.entries(value as RuntimeObject);
        if (entries.length > 0) {
          this.long(entries.length);
          for (const [key, item] of entries) {
            this.bytes(utf8Encoder.encode(key));
            this.value(schema.values, item);
          }
        }
        return this.long(0);
      }
      case 'record':
      case 'error': {
        const record = value as RuntimeObject;
        for (const field of schema.fields) this.value(field.type, record[field.name]);
        return;
      }
      case 'union': {
        if (value === null) return this.long(schema.types.findIndex((t) => t.type === 'null'));
        const key = Object.keys(value as RuntimeObject)[0];
        const index = schema.types.findIndex((t) => t.type !== 'null' && unionBranchName(t) === key);
        this.long(index);
        return this.value(schema.types[index], (value as RuntimeObject)[key]);
      }
    }
  }

  private bytes(bytes: Uint8Array): void {
    this.long(bytes.length);
    this.raw(bytes);
  }

  private raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** A zig-zag varint, exact for every 64-bit value. */
  long(n: number | bigint): void {
    this.reserve(10);
    if (typeof n === 'number' && (n > SMALL || n < -SMALL)) n = BigInt(n);
    else if (typeof n === 'bigint' && n >= -SMALL && n <= SMALL) n = Number(n);
    if (typeof n === 'bigint') {
      let zigzag = BigInt.asUintN(64, (n << 1n) ^ (n >> 63n));
      while (zigzag > 0x7fn) {
        this.buf[this.pos++] = Number(zigzag & 0x7fn) | 0x80;
        zigzag >>= 7n;
      }
      this.buf[this.pos++] = Number(zigzag);
      return;
    }
    // Within ±2^52 the zig-zag value is at most 2^53: exact in a double, and so are the
    // divisions by 128. (avsc 5.7.9 uses doubles up to 2^53 and gets odd values beyond 2^52 wrong.)
    let zigzag = n >= 0 ? n * 2 : -n * 2 - 1;
    while (zigzag > 0x7f) {
      this.buf[this.pos++] = (zigzag % 128) | 0x80;
      zigzag = Math.floor(zigzag / 128);
    }
    this.buf[this.pos++] = zigzag;
  }
}

// ---- decoding -------------------------------------------------------------------------------------

/**
 * The runtime value that `bytes`, one value of `schema` in Avro's binary encoding, holds: all of
 * the bytes and nothing more. Anything else throws an `AvroBinaryError`; `path` names the value
 * itself in its messages (e.g. `payload`).
 */
export function decodeBinary(schema: Schema, bytes: Uint8Array, path = ''): RuntimeValue {
  const reader = new Reader(bytes, path);
  const value = reader.value(schema);
  reader.end();
  return value;
}

class Reader {
  private pos = 0;
  private readonly view: DataView;
  /** Steps below the root: field names, map keys, union branch names, array indices. */
  private readonly steps: (string | number)[] = [];

  constructor(
    private readonly bytes: Uint8Array,
    private readonly root: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  end(): void {
    const left = this.bytes.length - this.pos;
    if (left > 0) {
      this.fail(`${left} byte${left === 1 ? '' : 's'} left over after the value (it ends at byte ${this.pos} of ${this.bytes.length}): the bytes hold more than one value, or were written with another schema`, this.pos, true);
    }
  }

  private path(): string {
    let path = this.root;
    for (const step of this.steps) path = childPath(path, step);
    return path;
  }

  private fail(message: string, offset = this.pos, whole = false): never {
    const path = whole ? this.root : this.path();
    const where = path === '' ? '' : `at ${path}: `;
    throw new AvroBinaryError(path, offset, `${where}${message} (byte offset ${offset})`);
  }

  private enter(step: string | number): void {
    if (this.steps.length >= MAX_VALUE_DEPTH) this.fail(`the value nests deeper than ${MAX_VALUE_DEPTH} levels`);
    this.steps.push(step);
  }

  private leave(): void {
    this.steps.pop();
  }

  private need(n: number, what: string): void {
    const left = this.bytes.length - this.pos;
    if (n > left) this.fail(`truncated: ${what} needs ${n} byte${n === 1 ? '' : 's'}, only ${left} left`);
  }

  value(schema: Schema): RuntimeValue {
    switch (schema.type) {
      case 'null':
        return null;
      case 'boolean': {
        this.need(1, 'a boolean');
        const b = this.bytes[this.pos];
        if (b > 1) this.fail(`a boolean is the byte 0 or 1, found ${b}`);
        this.pos++;
        return b === 1;
      }
      case 'int':
        return this.int('an int');
      case 'long':
        return this.long('a long');
      case 'float': {
        this.need(4, 'a float');
        const value = this.view.getFloat32(this.pos, true);
        this.pos += 4;
        return value;
      }
      case 'double': {
        this.need(8, 'a double');
        const value = this.view.getFloat64(this.pos, true);
        this.pos += 8;
        return value;
      }
      case 'string':
        return this.text(this.bytesValue('a string'));
      // Copies into plain Uint8Arrays: the value must not alias the input (a Buffer's slice would).
      case 'bytes':
        return new Uint8Array(this.bytesValue('bytes'));
      case 'fixed':
        return new Uint8Array(this.raw(schema.size, `fixed ${schema.name} (${schema.size} bytes)`));
      case 'enum': {
        const start = this.pos;
        const index = this.int(`the symbol index of enum ${schema.name}`);
        if (index < 0 || index >= schema.symbols.length) {
          this.fail(`enum ${schema.name} has ${schema.symbols.length} symbols (index 0 to ${schema.symbols.length - 1}), found index ${index}`, start);
        }
        return schema.symbols[index];
      }
      case 'array': {
        const out: RuntimeValue[] = [];
        const min = minSize(schema.items);
        this.blocks(min, `items of ${schema.type}`, () => {
          this.enter(out.length);
          out.push(this.value(schema.items));
          this.leave();
        });
        return out;
      }
      case 'map': {
        const out: RuntimeObject = {};
        const min = 1 + minSize(schema.values);
        this.blocks(min, 'map entries', () => {
          const key = this.text(this.bytesValue('a map key'));
          this.enter(key);
          setOwn(out, key, this.value(schema.values));
          this.leave();
        });
        return out;
      }
      case 'record':
      case 'error': {
        const out: RuntimeObject = {};
        for (const field of schema.fields) {
          this.enter(field.name);
          setOwn(out, field.name, this.value(field.type));
          this.leave();
        }
        return out;
      }
      case 'union': {
        const start = this.pos;
        const index = this.long('a union branch index');
        if (typeof index !== 'number' || index < 0 || index >= schema.types.length) {
          this.fail(`the union has ${schema.types.length} branches (index 0 to ${schema.types.length - 1}), found index ${index}`, start);
        }
        const branch = schema.types[index];
        if (branch.type === 'null') return null;
        const name = unionBranchName(branch);
        this.enter(name);
        const value = this.value(branch);
        this.leave();
        const out: RuntimeObject = {};
        setOwn(out, name, value);
        return out;
      }
    }
  }

  /**
   * Reads blocks until the empty one. Each block's count is bounded by the bytes left, given
   * that every item takes at least `min` bytes, so a few bytes cannot announce 2^60 items.
   */
  private blocks(min: number, what: string, item: () => void): void {
    let total = 0;
    for (;;) {
      const start = this.pos;
      let count = this.long(`the count of a block of ${what}`);
      if (count === 0) return;
      if (typeof count === 'bigint') this.fail(`a block announces ${count} ${what}, more than any value can hold`, start);
      if (count < 0) {
        count = -count;
        const size = this.long(`the byte size of a block of ${what}`);
        const left = this.bytes.length - this.pos;
        if (typeof size === 'bigint' || size < 0 || size > left) this.fail(`truncated: a block of ${count} ${what} says it takes ${size} bytes, only ${left} left`, start);
      }
      const left = this.bytes.length - this.pos;
      if (min > 0 && count * min > left) {
        this.fail(`a block announces ${count} ${what}, which need at least ${count * min} bytes, but only ${left} are left`, start);
      }
      total += count;
      if (min === 0 && total > MAX_EMPTY_ITEMS) {
        this.fail(`a block announces ${count} ${what} that take no bytes; more than ${MAX_EMPTY_ITEMS} in one value are refused`, start);
      }
      for (let i = 0; i < count; i++) item();
    }
  }

  private raw(n: number, what: string): Uint8Array {
    this.need(n, what);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  private bytesValue(what: string): Uint8Array {
    const start = this.pos;
    const length = this.long(`the length of ${what}`);
    if (typeof length === 'bigint' || length < 0) this.fail(`${what} cannot have length ${length}`, start);
    return this.raw(length, `${what} of ${length} bytes`);
  }

  private text(bytes: Uint8Array): string {
    try {
      return utf8Decoder.decode(bytes);
    } catch {
      return this.fail(`a string of ${bytes.length} bytes is not valid UTF-8`, this.pos - bytes.length);
    }
  }

  private int(what: string): number {
    const start = this.pos;
    const value = this.long(what);
    if (typeof value === 'bigint' || value < -2147483648 || value > 2147483647) this.fail(`${what} is outside the 32-bit range: ${value}`, start);
    return value;
  }

  /** A zig-zag varint of at most 10 bytes (64 bits): a number when safe, else a bigint. */
  private long(what: string): number | bigint {
    const start = this.pos;
    const bytes = this.bytes;
    let zigzag = 0;
    let scale = 1;
    let b: number;
    // Up to 7 bytes (49 bits): exact in doubles.
    do {
      if (this.pos >= bytes.length) this.fail(`truncated: ${what} ends before its last byte`, start);
      b = bytes[this.pos++];
      zigzag += (b & 0x7f) * scale;
      scale *= 128;
    } while (b & 0x80 && this.pos - start < 7);
    if (!(b & 0x80)) return zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
    let big = BigInt(zigzag);
    let shift = 49n;
    do {
      if (this.pos >= bytes.length) this.fail(`truncated: ${what} ends before its last byte`, start);
      if (this.pos - start >= 10) this.fail(`${what} takes more than 10 bytes: not a 64-bit varint`, start);
      b = bytes[this.pos++];
      big |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    } while (b & 0x80);
    if (big > 0xffffffffffffffffn) this.fail(`${what} is beyond 64 bits`, start);
    const n = (big >> 1n) ^ -(big & 1n);
    return n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER ? Number(n) : n;
  }
}

/** The fewest bytes a value of `schema` takes, for bounding block counts. */
function minSize(schema: Schema, visiting = new Set<RecordSchema>()): number {
  switch (schema.type) {
    case 'null':
      return 0;
    case 'float':
      return 4;
    case 'double':
      return 8;
    case 'fixed':
      return schema.size;
    case 'record':
    case 'error': {
      // A record within itself can only be reached through a union, array or map (1 byte each).
      if (visiting.has(schema)) return 0;
      visiting.add(schema);
      let sum = 0;
      for (const field of schema.fields) sum += minSize(field.type, visiting);
      visiting.delete(schema);
      return sum;
    }
    default:
      // boolean, int, long, bytes, string, enum, union, array, map: at least one byte.
      return 1;
  }
}

// ---- schema references ----------------------------------------------------------------------------

/**
 * The `spl.common.SchemaRef` of a writer schema, as a Payload carries it: the full name (null
 * for unnamed schemas), the CRC-64-AVRO fingerprint of its Parsing Canonical Form, and that
 * canonical form as `json`, so a reader can check the fingerprint against it.
 */
export function schemaRefFor(schema: NamedSchema | Schema): { name: string | null; fingerprint: Uint8Array; json: string } {
  return {
    name: isNamed(schema) ? schema.fullName : null,
    fingerprint: schemaFingerprint(schema),
    json: parsingCanonicalForm(schema),
  };
}
