/**
 * Valid values of a schema that servers tend to get wrong, for contract tests: the boundaries of
 * every type (empty strings, arrays and maps; the extreme ints and longs, −2^63 and 2^63−1 as
 * bigints; NaN and ±Infinity; every enum symbol; every union branch; fixed of all ones).
 *
 * Values vary one spot at a time: a record is its example value (`exampleValue`: defaults,
 * zeros, the first branch) with one field replaced by one of that field's edge values, and so on
 * down. The number of variants thus grows with the size of the schema, not with the product of
 * its parts. Every variant is valid for the schema: a server must answer each with its response
 * or a declared error.
 */
import { exampleValue } from '../../../shared/avro/example-value.js';
import { setOwn, unionBranchName, type RuntimeObject, type RuntimeValue } from '../../../shared/avro/avro-json.js';
import { childPath } from '../../../shared/avro/located-json.js';
import { logicalTypeOf, type RecordSchema, type Schema } from '../../../shared/avro/model.js';

/** One valid value, and where it differs from the example value (`path`) and how (`shown`). */
export interface Variant {
  value: RuntimeValue;
  /** The path of the varied spot (`request.value.bytes`); `''` for the value as a whole. */
  path: string;
  /** The edge value at that spot, for people (`""`, `-9223372036854775808n`, `256 bytes`). */
  shown: string;
}

export interface EdgeOptions {
  /** Extra strings to try wherever a string goes (e.g. names the server itself listed). */
  strings?: string[];
  /** How many records deep variation goes; deeper, records keep their example value. */
  maxDepth?: number;
}

const INTS = [0, 1, -1, 2147483647, -2147483648];
const LONGS: (number | bigint)[] = [0, -1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2n ** 53n, 2n ** 63n - 1n, -(2n ** 63n)];
const FLOATS = [0, -0, 1.5, 3.4028234663852886e38, -3.4028234663852886e38, 1.401298464324817e-45, NaN, Infinity, -Infinity];
const DOUBLES = [0, -0, 0.1, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity];
const STRINGS = ['', ' ', 'a', 'ünïcödé ✓ 𝄞 日本語', 'nul\u0000byte', 'x'.repeat(1000)];
const UUIDS = ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '123e4567-e89b-12d3-a456-426614174000'];
const MAP_KEYS = ['', 'key', 'ключ ✓'];

/** Every edge variant of `schema`, the example value first, duplicates removed. */
export function variants(schema: Schema, path = '', options: EdgeOptions = {}): Variant[] {
  const all = new Walker(options).variants(schema, path);
  const seen = new Set<string>();
  return all.filter((v) => {
    const key = valueKey(v.value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

class Walker {
  private readonly inside = new Set<RecordSchema>();
  private readonly maxDepth: number;

  constructor(private readonly options: EdgeOptions) {
    this.maxDepth = options.maxDepth ?? 4;
  }

  variants(schema: Schema, path: string): Variant[] {
    const at = (value: RuntimeValue): Variant => ({ value, path, shown: show(value) });
    switch (schema.type) {
      case 'null':
        return [at(null)];
      case 'boolean':
        return [at(false), at(true)];
      case 'int':
        return INTS.map(at);
      case 'long':
        return LONGS.map(at);
      case 'float':
        return FLOATS.map(at);
      case 'double':
        return DOUBLES.map(at);
      case 'string':
        // A uuid that is not a UUID would be an invalid request, not an edge.
        return (logicalTypeOf(schema) === 'uuid' ? UUIDS : [...STRINGS, ...(this.options.strings ?? [])]).map(at);
      case 'bytes':
        // A decimal is at least one byte; these are 0, the largest and smallest one-byte values.
        return (logicalTypeOf(schema) === 'decimal' ? [[0], [0x7f], [0x80]] : [[], [0], [...Array(256).keys()]]).map((b) => at(new Uint8Array(b)));
      case 'fixed':
        return [0, 0xff].map((fill) => at(new Uint8Array(schema.size).fill(fill))).concat(at(Uint8Array.from({ length: schema.size }, (_, i) => i & 0xff)));
      case 'enum':
        return schema.symbols.map(at);
      case 'array': {
        const items = this.variants(schema.items, childPath(path, 0));
        const base = items[0].value;
        return [at([]), at([base, base, base]), ...items.map((v) => ({ ...v, value: [v.value] }))];
      }
      case 'map': {
        const values = this.variants(schema.values, childPath(path, 'key'));
        const base = values[0].value;
        const keyed = MAP_KEYS.map((key) => {
          const value: RuntimeObject = {};
          setOwn(value, key, base);
          return { value, path: childPath(path, key), shown: `a map with the key ${JSON.stringify(key)}` };
        });
        return [at({}), ...keyed, ...values.map((v) => ({ ...v, value: { key: v.value } }))];
      }
      case 'union':
        return schema.types.flatMap((branch) => {
          if (branch.type === 'null') return [at(null)];
          const name = unionBranchName(branch);
          return this.variants(branch, childPath(path, name)).map((v) => {
            const value: RuntimeObject = {};
            setOwn(value, name, v.value);
            return { ...v, value };
          });
        });
      case 'record':
      case 'error':
        return this.record(schema, path);
    }
  }

  private record(schema: RecordSchema, path: string): Variant[] {
    const base = exampleValue(schema) as RuntimeObject;
    const example: Variant = { value: base, path, shown: 'the example value' };
    // A record within itself, or too deep: its example value only, so variation ends.
    if (this.inside.has(schema) || this.inside.size >= this.maxDepth) return [example];
    this.inside.add(schema);
    const out = [example];
    for (const field of schema.fields) {
      for (const v of this.variants(field.type, childPath(path, field.name))) {
        const value: RuntimeObject = { ...base };
        setOwn(value, field.name, v.value);
        out.push({ ...v, value });
      }
    }
    this.inside.delete(schema);
    return out;
  }
}

/** A value for messages: scalars as written (bigints with `n`), bytes by size, containers by kind. */
export function show(value: RuntimeValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'bigint':
      return `${value}n`;
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'string':
      return value.length > 40 ? `${JSON.stringify(value.slice(0, 20))}... (${value.length} characters)` : JSON.stringify(value);
    case 'boolean':
      return String(value);
    default:
      break;
  }
  if (value instanceof Uint8Array) {
    if (value.length === 0) return 'empty bytes';
    // Short ones by content (they differ by nothing else), long ones by size.
    return value.length <= 16 ? `bytes ${Buffer.from(value).toString('hex')}` : `${value.length} bytes`;
  }
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `an array of ${value.length}`;
  const keys = Object.keys(value);
  return keys.length === 0 ? 'an empty object' : `an object with ${keys.map((k) => JSON.stringify(k)).join(', ')}`;
}

/** A key that tells values apart exactly (NaN, -0, bigints and bytes included), for removing duplicates. */
function valueKey(value: RuntimeValue): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return Object.is(v, -0) ? '-0' : String(v);
    if (v instanceof Uint8Array) return `bytes:${Buffer.from(v).toString('hex')}`;
    return v;
  });
}
