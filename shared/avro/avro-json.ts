/**
 * Avro's JSON encoding (Apache Avro 1.12 specification, "JSON Encoding") to and from runtime
 * values, the in-memory form the RPC engine works with (avsc types built with `wrapUnions`).
 *
 * | Avro           | runtime value                                         | JSON encoding                       |
 * |----------------|-------------------------------------------------------|-------------------------------------|
 * | null           | `null`                                                | `null`                              |
 * | boolean        | `boolean`                                             | `true` / `false`                    |
 * | int            | `number` (int32)                                      | number                              |
 * | long           | `number` when a safe integer, else `bigint` (exact)   | number (bigint beyond 2^53)         |
 * | float, double  | `number` (NaN and ±Infinity too)                      | number, or `"NaN"`, `"Infinity"`, `"-Infinity"` |
 * | bytes, fixed   | `Uint8Array` (a Buffer is one)                        | string, code points 0-255 = bytes   |
 * | string         | `string`                                              | string                              |
 * | enum           | the symbol                                            | the symbol                          |
 * | array, map     | array, plain object                                   | array, object                       |
 * | record         | plain object keyed by field name                      | object                              |
 * | union          | `null`, or `{ "<branch name>": value }`               | the same                            |
 *
 * A union branch is named by its full name when named, else by its type (`int`, `array`, `map`).
 * Logical types are their underlying types. Field defaults are the JSON encoding, except that a
 * union default is the bare value of the union's first branch (`defaultToRuntime`).
 *
 * Paths in errors are paths into the value as written (`childPath`): `order.items[2].price`,
 * with a union's branch key as a step (`x.string`, `x["org.acme.Item"]`), so they match the
 * JSON text, and `parseAvroJsonText` adds the line and column.
 */
import { shortName } from './describe.js';
import { toJsonText } from './json-text.js';
import { childPath, JsonSyntaxError, parseLocatedJson } from './located-json.js';
import type { EnumSchema, Field, JsonValue, RecordSchema, Schema, UnionSchema } from './model.js';

/** An Avro value as the runtime holds it (see the table above). */
export type RuntimeValue = null | boolean | number | bigint | string | Uint8Array | RuntimeValue[] | RuntimeObject;

/** A record, a map or a union value: a plain object. */
export interface RuntimeObject {
  [key: string]: RuntimeValue;
}

/** How deep a value may nest (each record field, array item, map value and union branch is a level). */
export const MAX_VALUE_DEPTH = 1000;

/** A value that does not fit its schema, with where (`path`), what was `expected` and what was found (`got`). */
export class AvroValueError extends Error {
  constructor(
    /** Path of the offending value (`order.items[2].price`); `''` for the value itself. */
    readonly path: string,
    /** What would be valid there: `an int (a whole number from -2147483648 to 2147483647)`. */
    readonly expected: string,
    /** What was found: `"QUX"`, `an object with keys "a", "b"`. */
    readonly got: string,
    message = valueMessage(path, expected, got),
    /** 1-based line and column in the JSON text, when the value came from text. */
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'AvroValueError';
  }
}

/** `at order.items[2].price: expected an int (...), got "x"`; no `at` for the value itself. */
export function valueMessage(path: string, expected: string, got: string): string {
  return `${at(path)}expected ${expected}, got ${got}`;
}

function at(path: string): string {
  return path === '' ? '' : `at ${path}: `;
}

// ---- descriptions shared with validate-value.ts ---------------------------------------------

const INT_RANGE = 'a whole number from -2147483648 to 2147483647';
const LONG_RANGE = 'a whole number from -9223372036854775808 to 9223372036854775807';
const MAX_LISTED = 30;

/**
 * What a schema's values look like, for "expected ..." in messages: as JSON (`json`, the Avro
 * JSON encoding) or as runtime values (`runtime`). Names named types, never expands them.
 */
export function describeExpected(schema: Schema, form: 'json' | 'runtime'): string {
  switch (schema.type) {
    case 'null':
      return 'null';
    case 'boolean':
      return 'a boolean (true or false)';
    case 'int':
      return `an int (${INT_RANGE})`;
    case 'long':
      return form === 'json' ? `a long (${LONG_RANGE})` : `a long (a safe-integer number, or a bigint from -9223372036854775808 to 9223372036854775807)`;
    case 'float':
    case 'double':
      return form === 'json' ? `a ${schema.type} (a number, or "NaN", "Infinity" or "-Infinity")` : `a ${schema.type} (a number)`;
    case 'string':
      return 'a string';
    case 'bytes':
      return form === 'json' ? 'bytes (a string of characters \\u0000-\\u00ff, one per byte)' : 'bytes (a Uint8Array)';
    case 'fixed':
      return form === 'json'
        ? `fixed ${schema.name} (a string of ${schema.size} characters \\u0000-\\u00ff, one per byte)`
        : `fixed ${schema.name} (a Uint8Array of ${schema.size} bytes)`;
    case 'enum':
      return `one of ${listed(schema.symbols)} (enum ${schema.name})`;
    case 'array':
      return `an array of ${shortName(schema.items)}`;
    case 'map':
      return `an object (a map of ${shortName(schema.values)})`;
    case 'record':
    case 'error':
      return `an object (${schema.type} ${schema.name} with ${schema.fields.length === 0 ? 'no fields' : `fields ${listed(schema.fields.map((f) => f.name))}`})`;
    case 'union': {
      const keys = schema.types.filter((t) => t.type !== 'null').map((t) => JSON.stringify(unionBranchName(t)));
      const one = keys.length === 0 ? 'nothing else' : `an object with exactly one key, ${orList(keys)}`;
      return `${hasNullBranch(schema) ? 'null or ' : ''}${one} (${shortName(schema)})`;
    }
  }
}

function listed(items: string[]): string {
  return items.length <= MAX_LISTED ? items.join(', ') : `${items.slice(0, MAX_LISTED).join(', ')}, ... (${items.length} in all)`;
}

function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  const shown = items.length <= MAX_LISTED ? items : [...items.slice(0, MAX_LISTED - 1), `... (${items.length} in all)`];
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

/**
 * A value as messages show it, for "got ...": scalars literally (long strings shortened),
 * containers by kind and size, objects with their first keys. In the `runtime` form bigints
 * carry their `n` (an int given as `5n` is wrong there; in JSON a big integer is a bigint).
 */
export function describeGot(value: unknown, form: 'json' | 'runtime'): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return String(value);
    case 'number':
      if (Object.is(value, -0)) return '-0';
      // An integer beyond 2^53 as it really is (String gives 1152921504606847000 for 2^60).
      return Number.isInteger(value) && !Number.isSafeInteger(value) && Math.abs(value) < 1e21 ? BigInt(value).toString() : String(value);
    case 'bigint':
      return form === 'runtime' ? `${value}n` : String(value);
    case 'string': {
      const text = JSON.stringify(value);
      return text.length > 60 ? `${text.slice(0, 57)}..."` : text;
    }
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      break;
  }
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (value instanceof Uint8Array) return `a Uint8Array of ${value.length} byte${value.length === 1 ? '' : 's'}`;
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  if (proto !== null && proto !== Object.prototype) {
    const name = proto.constructor?.name;
    if (name && ['Map', 'Set', 'Date', 'Promise', 'ArrayBuffer', 'RegExp', 'WeakMap', 'WeakSet'].includes(name)) return `a ${name}`;
    if (ArrayBuffer.isView(value)) return `a ${name ?? 'typed array'}`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return 'an empty object';
  const shown = keys.slice(0, 5).map((k) => JSON.stringify(k)).join(', ');
  return `an object with key${keys.length === 1 ? '' : 's'} ${shown}${keys.length > 5 ? `, ... (${keys.length} keys)` : ''}`;
}

// ---- lookups, cached per schema object (the model is immutable) ------------------------------

const fieldTables = new WeakMap<RecordSchema, Map<string, Field>>();
const symbolSets = new WeakMap<EnumSchema, Set<string>>();
const branchTables = new WeakMap<UnionSchema, Map<string, Schema>>();

/** The name that selects a union branch: the full name of a named type, else the type (`int`, `array`, `map`). */
export function unionBranchName(schema: Schema): string {
  switch (schema.type) {
    case 'record':
    case 'error':
    case 'enum':
    case 'fixed':
      return schema.fullName;
    default:
      return schema.type;
  }
}

/** The branch of `union` that `name` selects (`undefined` if none). */
export function findUnionBranch(union: UnionSchema, name: string): Schema | undefined {
  let table = branchTables.get(union);
  if (table === undefined) {
    table = new Map(union.types.map((t) => [unionBranchName(t), t]));
    branchTables.set(union, table);
  }
  return table.get(name);
}

export function hasNullBranch(union: UnionSchema): boolean {
  const types = union.types;
  for (let i = 0; i < types.length; i++) if (types[i].type === 'null') return true;
  return false;
}

/** The field of `record` called `name`. */
export function findField(record: RecordSchema, name: string): Field | undefined {
  let table = fieldTables.get(record);
  if (table === undefined) {
    table = new Map(record.fields.map((f) => [f.name, f]));
    fieldTables.set(record, table);
  }
  return table.get(name);
}

export function isEnumSymbol(schema: EnumSchema, value: string): boolean {
  let set = symbolSets.get(schema);
  if (set === undefined) {
    set = new Set(schema.symbols);
    symbolSets.set(schema, set);
  }
  return set.has(value);
}

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** Sets `key` even when it is `__proto__` (an ordinary map key and a valid Avro name). */
export function setOwn(object: { [key: string]: unknown }, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

/** A JSON object; and as a runtime value, a record or union value (a class instance too, as avsc decodes records). */
function isJsonObject(value: unknown): value is { [key: string]: JsonValue } {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return true;
  return !Array.isArray(value) && !ArrayBuffer.isView(value) && !(value instanceof Map) && !(value instanceof Set) && !(value instanceof Date);
}

/** A runtime map: a plain object only (a JS `Map` would silently look empty). */
function isPlainObject(value: unknown): value is { [key: string]: JsonValue } {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const NON_FINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

// ---- the walk: paths are built only when something is wrong ----------------------------------

class Walk {
  /** Steps below `root`: field names, map keys, union branch names, array indices. */
  readonly steps: (string | number)[] = [];

  constructor(readonly root: string) {}

  path(): string {
    let path = this.root;
    for (const step of this.steps) path = childPath(path, step);
    return path;
  }

  fail(expected: string, got: string, message?: (path: string) => string): never {
    const path = this.path();
    throw new AvroValueError(path, expected, got, message ? message(path) : valueMessage(path, expected, got));
  }

  enter(step: string | number): void {
    if (this.steps.length >= MAX_VALUE_DEPTH) {
      this.fail(`a value nested at most ${MAX_VALUE_DEPTH} levels deep`, 'deeper nesting (is the value cyclic?)');
    }
    this.steps.push(step);
  }

  leave(): void {
    this.steps.pop();
  }
}

// ---- JSON -> runtime ----------------------------------------------------------------------------

/**
 * The runtime value of `json`, Avro's JSON encoding of a `schema` value. Strict: anything that
 * does not fit throws an `AvroValueError` saying where, what was expected and what was found.
 * Record fields that are absent take their defaults (`defaultToRuntime`); absent fields without
 * one, and fields the record does not have, are errors. Integers must be exact: a long beyond
 * 2^53 must come as a bigint (`parseAvroJsonText` parses them so), never as a rounded number.
 * `path` names the value itself in messages (e.g. `request`).
 */
export function fromAvroJson(schema: Schema, json: JsonValue, path = ''): RuntimeValue {
  return decode(schema, json, new Walk(path), false);
}

/**
 * The runtime value of a field default, `jsonDefault` as the schema holds it: Avro's JSON
 * encoding, except that a union default (at any depth) is the bare value of the union's first
 * branch, as the specification and Java's and avsc's encoders take it. Members of a record default
 * that the record does not have are ignored (the schema reader warns about them).
 */
export function defaultToRuntime(schema: Schema, jsonDefault: JsonValue, path = ''): RuntimeValue {
  return decode(schema, jsonDefault, new Walk(path), true);
}

function decode(schema: Schema, json: JsonValue, walk: Walk, isDefault: boolean): RuntimeValue {
  switch (schema.type) {
    case 'null':
      if (json === null) return null;
      break;
    case 'boolean':
      if (typeof json === 'boolean') return json;
      break;
    case 'int':
      if (typeof json === 'number' && (json | 0) === json) return json | 0; // `| 0` turns -0 into 0
      break;
    case 'long':
      return decodeLong(schema, json, walk);
    case 'float':
    case 'double':
      if (typeof json === 'number') return json;
      if (typeof json === 'bigint') return Number(json);
      if (typeof json === 'string' && hasOwn(NON_FINITE, json)) return NON_FINITE[json];
      break;
    case 'string':
      if (typeof json === 'string') return json;
      break;
    case 'bytes':
      if (typeof json === 'string') return bytesOf(schema, json, walk);
      break;
    case 'fixed':
      if (typeof json === 'string') {
        if (json.length !== schema.size) walk.fail(describeExpected(schema, 'json'), `${describeGot(json, 'json')} (${json.length} characters)`);
        return bytesOf(schema, json, walk);
      }
      break;
    case 'enum':
      if (typeof json === 'string' && isEnumSymbol(schema, json)) return json;
      break;
    case 'array':
      if (Array.isArray(json)) {
        const out: RuntimeValue[] = new Array<RuntimeValue>(json.length);
        for (let i = 0; i < json.length; i++) {
          walk.enter(i);
          out[i] = decode(schema.items, json[i], walk, isDefault);
          walk.leave();
        }
        return out;
      }
      break;
    case 'map':
      if (isJsonObject(json)) {
        const out: RuntimeObject = {};
        for (const key in json) {
          if (!hasOwn(json, key)) continue;
          walk.enter(key);
          setOwn(out, key, decode(schema.values, json[key], walk, isDefault));
          walk.leave();
        }
        return out;
      }
      break;
    case 'record':
    case 'error':
      if (isJsonObject(json)) return decodeRecord(schema, json, walk, isDefault);
      break;
    case 'union':
      return decodeUnion(schema, json, walk, isDefault);
  }
  return walk.fail(describeExpected(schema, 'json'), describeGot(json, 'json'));
}

function decodeLong(schema: Schema, json: JsonValue, walk: Walk): number | bigint {
  if (typeof json === 'number') {
    if (Number.isSafeInteger(json)) return json === 0 ? 0 : json;
    if (Number.isInteger(json)) {
      walk.fail(describeExpected(schema, 'json'), `${describeGot(json, 'json')}, a number beyond 2^53 that may have been rounded (write longs as exact integers; parseAvroJsonText keeps them exact as bigints)`);
    }
  } else if (typeof json === 'bigint') {
    if (json >= LONG_MIN && json <= LONG_MAX) return json >= Number.MIN_SAFE_INTEGER && json <= Number.MAX_SAFE_INTEGER ? Number(json) : json;
    walk.fail(describeExpected(schema, 'json'), `${json}, which is outside the 64-bit range`);
  }
  return walk.fail(describeExpected(schema, 'json'), describeGot(json, 'json'));
}

function bytesOf(schema: Schema, text: string, walk: Walk): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) {
      const char = String.fromCodePoint(text.codePointAt(i) ?? code);
      const hex = (char.codePointAt(0) ?? code).toString(16).toUpperCase().padStart(4, '0');
      walk.fail(describeExpected(schema, 'json'), `${describeGot(text, 'json')}, whose character '${char}' (U+${hex}) at index ${i} is not a byte`);
    }
    bytes[i] = code;
  }
  return bytes;
}

function decodeRecord(schema: RecordSchema, json: { [key: string]: JsonValue }, walk: Walk, isDefault: boolean): RuntimeObject {
  if (!isDefault) {
    for (const key in json) {
      if (hasOwn(json, key) && findField(schema, key) === undefined) {
        walk.enter(key);
        walk.fail(
          `one of the fields ${listed(schema.fields.map((f) => f.name))} of ${schema.type} ${schema.name}`,
          `field ${JSON.stringify(key)}`,
          (path) => `${at(path)}${schema.type} ${schema.name} has no field ${JSON.stringify(key)}; ${fieldsAre(schema)}`,
        );
      }
    }
  }
  const out: RuntimeObject = {};
  for (const field of schema.fields) {
    walk.enter(field.name);
    let value: RuntimeValue;
    if (hasOwn(json, field.name)) value = decode(field.type, json[field.name], walk, isDefault);
    else if (field.hasDefault) value = decodeDefault(schema, field, walk);
    else {
      const expected = describeExpected(field.type, 'json');
      walk.fail(expected, 'nothing', (path) => `${at(path)}missing field ${JSON.stringify(field.name)} of ${schema.type} ${schema.name}, which has no default: expected ${expected}`);
    }
    setOwn(out, field.name, value);
    walk.leave();
  }
  return out;
}

function fieldsAre(schema: RecordSchema): string {
  return schema.fields.length === 0 ? 'it has no fields' : `its fields are ${listed(schema.fields.map((f) => f.name))}`;
}

function decodeDefault(record: RecordSchema, field: Field, walk: Walk): RuntimeValue {
  try {
    return decode(field.type, field.default as JsonValue, walk, true);
  } catch (e) {
    if (!(e instanceof AvroValueError)) throw e;
    throw new AvroValueError(e.path, e.expected, e.got, `${e.message} (in the default of field ${JSON.stringify(field.name)} of ${record.type} ${record.name})`);
  }
}

function decodeUnion(schema: UnionSchema, json: JsonValue, walk: Walk, isDefault: boolean): RuntimeValue {
  if (isDefault) {
    // A union default is the bare value of the first branch.
    const first = schema.types[0];
    if (first === undefined) return walk.fail('nothing (the union has no branches)', describeGot(json, 'json'));
    try {
      const value = decode(first, json, walk, true);
      return first.type === 'null' ? null : wrap(first, value);
    } catch (e) {
      if (!(e instanceof AvroValueError)) throw e;
      throw new AvroValueError(e.path, e.expected, e.got, `${e.message} (a union default is a value of the union's first branch, ${shortName(first)})`);
    }
  }
  if (json === null) {
    if (hasNullBranch(schema)) return null;
  } else if (isJsonObject(json)) {
    let key: string | undefined;
    let count = 0;
    for (const k in json) {
      if (hasOwn(json, k)) {
        count++;
        key ??= k;
      }
    }
    if (count === 1 && key !== undefined) {
      const branch = findUnionBranch(schema, key);
      if (branch !== undefined && branch.type !== 'null') {
        walk.enter(key);
        const value = decode(branch, json[key], walk, false);
        walk.leave();
        return wrap(branch, value);
      }
    }
  }
  const expected = describeExpected(schema, 'json');
  const hint = unionHint(schema, json);
  return walk.fail(expected, describeGot(json, 'json'), (path) => `${valueMessage(path, expected, describeGot(json, 'json'))}${hint}`);
}

function wrap(branch: Schema, value: RuntimeValue): RuntimeObject {
  const out: RuntimeObject = {};
  setOwn(out, unionBranchName(branch), value);
  return out;
}

/** What the writer of a wrong union value probably meant, when it can be told. */
function unionHint(schema: UnionSchema, json: JsonValue): string {
  if (isJsonObject(json)) {
    const keys = Object.keys(json);
    if (keys.length === 1) {
      const key = keys[0];
      if (key === 'null' && hasNullBranch(schema)) return '; the null branch is written as plain null';
      const named = schema.types.find((t) => t.type !== 'null' && unionBranchName(t) !== key && (unionBranchName(t).endsWith(`.${key}`) || unionBranchName(t).toLowerCase() === key.toLowerCase()));
      if (named !== undefined) return `; did you mean ${JSON.stringify(unionBranchName(named))}? (a branch is named by its full name)`;
      return '';
    }
  }
  // A bare value that one branch would take: the writer forgot to name the branch.
  for (const branch of schema.types) {
    if (branch.type === 'null') continue;
    try {
      decode(branch, json, new Walk(''), false);
    } catch {
      continue;
    }
    const text = toJsonText(json, 0);
    const shown = text.length <= 40 ? text : Array.isArray(json) ? '[...]' : isJsonObject(json) ? '{...}' : `${text.slice(0, 37)}...`;
    return `; a union value names its branch: write {${JSON.stringify(unionBranchName(branch))}: ${shown}}`;
  }
  return '';
}

// ---- runtime -> JSON ----------------------------------------------------------------------------

/**
 * Avro's JSON encoding of `value`, a runtime value of `schema`: bytes and fixed as strings of
 * code points 0-255, NaN and ±Infinity as the strings Java writes, longs beyond 2^53 as bigints
 * (write the result with `toJsonText`, which keeps them exact). A value that does not fit throws
 * an `AvroValueError` with its path. `fromAvroJson` is the inverse.
 */
export function toAvroJson(schema: Schema, value: RuntimeValue, path = ''): JsonValue {
  return encode(schema, value, new Walk(path));
}

function encode(schema: Schema, value: unknown, walk: Walk): JsonValue {
  switch (schema.type) {
    case 'null':
      if (value === null) return null;
      break;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      break;
    case 'int':
      if (typeof value === 'number' && (value | 0) === value) return value | 0;
      break;
    case 'long':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return value === 0 ? 0 : value;
      if (typeof value === 'bigint' && value >= LONG_MIN && value <= LONG_MAX) {
        return value >= Number.MIN_SAFE_INTEGER && value <= Number.MAX_SAFE_INTEGER ? Number(value) : value;
      }
      break;
    case 'float':
    case 'double':
      if (typeof value === 'number') {
        if (Number.isFinite(value)) return value;
        return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
      }
      break;
    case 'string':
      if (typeof value === 'string') return value;
      break;
    case 'bytes':
      if (value instanceof Uint8Array) return byteString(value);
      break;
    case 'fixed':
      if (value instanceof Uint8Array && value.length === schema.size) return byteString(value);
      break;
    case 'enum':
      if (typeof value === 'string' && isEnumSymbol(schema, value)) return value;
      break;
    case 'array':
      if (Array.isArray(value)) {
        const out: JsonValue[] = new Array<JsonValue>(value.length);
        for (let i = 0; i < value.length; i++) {
          walk.enter(i);
          out[i] = encode(schema.items, value[i], walk);
          walk.leave();
        }
        return out;
      }
      break;
    case 'map':
      if (isPlainObject(value)) {
        const out: { [key: string]: JsonValue } = {};
        for (const key in value) {
          if (!hasOwn(value, key)) continue;
          walk.enter(key);
          setOwn(out, key, encode(schema.values, value[key], walk));
          walk.leave();
        }
        return out;
      }
      break;
    case 'record':
    case 'error':
      if (isJsonObject(value)) return encodeRecord(schema, value, walk);
      break;
    case 'union':
      return encodeUnion(schema, value, walk);
  }
  return walk.fail(describeExpected(schema, 'runtime'), describeGot(value, 'runtime'));
}

const CHUNK = 8192;

function byteString(bytes: Uint8Array): string {
  let text = '';
  // `apply` with a typed array is several times faster than spreading it.
  for (let i = 0; i < bytes.length; i += CHUNK) text += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  return text;
}

function encodeRecord(schema: RecordSchema, value: { [key: string]: unknown }, walk: Walk): JsonValue {
  const out: { [key: string]: JsonValue } = {};
  for (const field of schema.fields) {
    walk.enter(field.name);
    const item = hasOwn(value, field.name) ? value[field.name] : undefined;
    if (item === undefined) {
      const expected = describeExpected(field.type, 'runtime');
      walk.fail(expected, 'nothing', (path) => `${at(path)}missing field ${JSON.stringify(field.name)} of ${schema.type} ${schema.name}: expected ${expected}`);
    }
    setOwn(out, field.name, encode(field.type, item, walk));
    walk.leave();
  }
  for (const key in value) {
    if (hasOwn(value, key) && findField(schema, key) === undefined) {
      walk.enter(key);
      walk.fail(
        `one of the fields ${listed(schema.fields.map((f) => f.name))} of ${schema.type} ${schema.name}`,
        `field ${JSON.stringify(key)}`,
        (path) => `${at(path)}${schema.type} ${schema.name} has no field ${JSON.stringify(key)}; ${fieldsAre(schema)}`,
      );
    }
  }
  return out;
}

function encodeUnion(schema: UnionSchema, value: unknown, walk: Walk): JsonValue {
  if (value === null) {
    if (hasNullBranch(schema)) return null;
  } else if (isJsonObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const branch = findUnionBranch(schema, keys[0]);
      if (branch !== undefined && branch.type !== 'null') {
        walk.enter(keys[0]);
        const out: { [key: string]: JsonValue } = {};
        setOwn(out, keys[0], encode(branch, value[keys[0]], walk));
        walk.leave();
        return out;
      }
    }
  }
  return walk.fail(describeExpected(schema, 'runtime'), describeGot(value, 'runtime'));
}

// ---- text ---------------------------------------------------------------------------------------

/**
 * Parses `text` (JSON, integers beyond 2^53 kept exact) as Avro's JSON encoding of a `schema`
 * value. Errors, syntax and value alike, are `AvroValueError`s whose message starts with
 * `line:col: ` (the value's position; for a missing field, its object's).
 */
export function parseAvroJsonText(schema: Schema, text: string): RuntimeValue {
  let located;
  try {
    located = parseLocatedJson(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const { line, column } = lineColumn(text, e.offset);
    throw new AvroValueError('', 'JSON text', e.message, `${line}:${column}: invalid JSON: ${e.message}`, line, column);
  }
  try {
    return fromAvroJson(schema, located.value);
  } catch (e) {
    if (!(e instanceof AvroValueError)) throw e;
    let path: string | undefined = e.path;
    while (path !== undefined && !located.ranges.has(path)) path = parentPath(path);
    const range = located.ranges.get(path ?? '');
    if (range === undefined) throw e;
    const { line, column } = lineColumn(text, range.start);
    throw new AvroValueError(e.path, e.expected, e.got, `${line}:${column}: ${e.message}`, line, column);
  }
}

/** The last step of a `childPath` path: `.name`, `[2]` or `["a key"]`. */
const LAST_STEP = /(?:\.[^.[\]]+|\[(?:\d+|"(?:[^"\\]|\\.)*")\])$/;

function parentPath(path: string): string | undefined {
  if (path === '') return undefined;
  const match = LAST_STEP.exec(path);
  return match ? path.slice(0, match.index) : '';
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
