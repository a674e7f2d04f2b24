/**
 * Plain values: what module handlers and the seed's JavaScript API (`spl.execute`,
 * `spl.avro.getService(...)`) take and give. They are the engine's runtime values (see
 * shared/avro/avro-json.ts) with two differences that make hand-written JavaScript work:
 *
 * - a union's value is given bare (`schema: 'UserSchema'`, not `{"string": "UserSchema"}`); the
 *   branch is the first one the value fits. The engine's wrapped form (`{"string": "x"}`) is
 *   accepted too, so values read from the wire can be handed back unchanged;
 * - a record field that has a default may be left out (or be `undefined`).
 *
 * `toEngineValue` checks as it converts and says where a value does not fit (`at
 * request.data.age: expected an int (...), got "x"`), so a wrong payload fails with its field
 * path and the expected type through every entry point. `toPlainValue` is the reverse, and costs
 * nothing for schemas without unions (the engine's value is then already plain).
 */
import { AvroValueError, defaultToRuntime, describeExpected, describeGot, findField, findUnionBranch, isEnumSymbol, MAX_VALUE_DEPTH, setOwn, unionBranchName, valueMessage } from '../../../shared/avro/avro-json.js';
import { childPath } from '../../../shared/avro/located-json.js';
import type { Field, RecordSchema, Schema, UnionSchema } from '../../../shared/avro/model.js';
import { isLongValue } from '../rpc/exact-long.js';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** The engine's value (wrapped unions, defaults filled in, Buffers) for a plain value; throws AvroValueError. */
export function toEngineValue(schema: Schema, value: unknown, path = ''): unknown {
  return new ToEngine(path).convert(schema, value);
}

/** The plain value (unions unwrapped) of an engine value, which must be valid for `schema`. */
export function toPlainValue(schema: Schema, value: unknown): unknown {
  return containsUnion(schema) ? plain(schema, value) : value;
}

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

function isRecordLike(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) return false;
  return !(value instanceof Map || value instanceof Set || value instanceof Date || value instanceof Promise);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Which kinds of JavaScript value a branch could take: to try only branches that might fit. */
function mightFit(schema: Schema, value: unknown): boolean {
  switch (schema.type) {
    case 'null':
      return value === null || value === undefined;
    case 'boolean':
      return typeof value === 'boolean';
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      return typeof value === 'number' || (typeof value === 'bigint' && schema.type === 'long');
    case 'string':
    case 'enum':
      return typeof value === 'string';
    case 'bytes':
    case 'fixed':
      return value instanceof Uint8Array;
    case 'array':
      return Array.isArray(value);
    case 'map':
      return isPlainObject(value);
    case 'record':
    case 'error':
      return isRecordLike(value);
    case 'union':
      return false;
  }
}

class ToEngine {
  private readonly steps: (string | number)[] = [];

  constructor(private readonly root: string) {}

  private path(): string {
    let path = this.root;
    for (const step of this.steps) path = childPath(path, step);
    return path;
  }

  private fail(schema: Schema, value: unknown): never {
    const path = this.path();
    const expected = describeExpected(schema, 'runtime');
    const got = describeGot(value, 'runtime');
    throw new AvroValueError(path, expected, got);
  }

  private enter(step: string | number): void {
    if (this.steps.length >= MAX_VALUE_DEPTH) {
      const path = this.path();
      throw new AvroValueError(path, `a value nested at most ${MAX_VALUE_DEPTH} levels deep`, 'deeper nesting (is the value cyclic?)');
    }
    this.steps.push(step);
  }

  convert(schema: Schema, value: unknown): unknown {
    switch (schema.type) {
      case 'null':
        if (value === null || value === undefined) return null;
        break;
      case 'boolean':
        if (typeof value === 'boolean') return value;
        break;
      case 'int':
        if (typeof value === 'number' && Number.isInteger(value) && value >= INT_MIN && value <= INT_MAX) return value | 0;
        break;
      case 'long':
        if (isLongValue(value)) return value;
        break;
      case 'float':
      case 'double':
        if (typeof value === 'number') return value;
        break;
      case 'string':
        if (typeof value === 'string') return value;
        break;
      case 'bytes':
        if (value instanceof Uint8Array) return asBuffer(value);
        break;
      case 'fixed':
        if (value instanceof Uint8Array && value.length === schema.size) return asBuffer(value);
        break;
      case 'enum':
        if (typeof value === 'string' && isEnumSymbol(schema, value)) return value;
        break;
      case 'array':
        if (Array.isArray(value)) {
          const out = new Array<unknown>(value.length);
          for (let i = 0; i < value.length; i++) {
            this.enter(i);
            out[i] = this.convert(schema.items, value[i]);
            this.steps.pop();
          }
          return out;
        }
        break;
      case 'map':
        if (isPlainObject(value)) {
          const out: Record<string, unknown> = {};
          for (const key of Object.keys(value)) {
            this.enter(key);
            setOwn(out, key, this.convert(schema.values, value[key]));
            this.steps.pop();
          }
          return out;
        }
        break;
      case 'record':
      case 'error':
        if (isRecordLike(value)) return this.record(schema, value);
        break;
      case 'union':
        return this.union(schema, value);
    }
    return this.fail(schema, value);
  }

  private record(schema: RecordSchema, value: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const field of schema.fields) {
      const given = hasOwn(value, field.name) ? value[field.name] : undefined;
      this.enter(field.name);
      if (given !== undefined) setOwn(out, field.name, this.convert(field.type, given));
      else if (field.hasDefault) setOwn(out, field.name, defaultOf(field));
      else {
        const path = this.path();
        throw new AvroValueError(path, describeExpected(field.type, 'runtime'), 'nothing', `at ${path}: missing field '${field.name}' of ${schema.name} (expected ${describeExpected(field.type, 'runtime')})`);
      }
      this.steps.pop();
    }
    for (const key of Object.keys(value)) {
      if (value[key] === undefined || findField(schema, key)) continue;
      this.enter(key);
      const path = this.path();
      const known = schema.fields.map((f) => f.name).join(', ') || 'none';
      throw new AvroValueError(path, `no such field (${schema.name} has ${known})`, describeGot(value[key], 'runtime'), `at ${path}: ${schema.name} has no field '${key}'; its fields are ${known}`);
    }
    return out;
  }

  private union(schema: UnionSchema, value: unknown): unknown {
    if (value === null || value === undefined) {
      if (schema.types.some((t) => t.type === 'null')) return null;
      return this.fail(schema, value);
    }
    // The engine's wrapped form: one key naming a branch, whose value fits that branch.
    if (isPlainObject(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1) {
        const branch = findUnionBranch(schema, keys[0]);
        if (branch && branch.type !== 'null' && !canTakeObject(schema)) {
          this.enter(keys[0]);
          const inner = this.convert(branch, value[keys[0]]);
          this.steps.pop();
          return { [keys[0]]: inner };
        }
        if (branch && branch.type !== 'null') {
          const wrapped = this.attempt(branch, value[keys[0]]);
          if (wrapped.ok) return { [keys[0]]: wrapped.value };
        }
      }
    }
    const candidates = schema.types.filter((t) => t.type !== 'null' && mightFit(t, value));
    // One branch the value could be: its own error is the precise one (a field deep inside).
    if (candidates.length === 1) return { [unionBranchName(candidates[0])]: this.convert(candidates[0], value) };
    for (const branch of candidates) {
      const attempt = this.attempt(branch, value);
      if (attempt.ok) return { [unionBranchName(branch)]: attempt.value };
    }
    const path = this.path();
    const branches = schema.types.map((t) => unionBranchName(t)).join(', ');
    const expected = `a value of one of the union's branches (${branches})`;
    throw new AvroValueError(path, expected, describeGot(value, 'runtime'), valueMessage(path, expected, describeGot(value, 'runtime')));
  }

  private attempt(branch: Schema, value: unknown): { ok: true; value: unknown } | { ok: false } {
    const depth = this.steps.length;
    try {
      return { ok: true, value: this.convert(branch, value) };
    } catch (error) {
      if (!(error instanceof AvroValueError)) throw error;
      this.steps.length = depth;
      return { ok: false };
    }
  }
}

/** A union with a record or map branch: a one-key object could be that branch's value, so the wrapped reading is only tried. */
function canTakeObject(schema: UnionSchema): boolean {
  return schema.types.some((t) => t.type === 'record' || t.type === 'error' || t.type === 'map');
}

/** Scalar defaults are shared; a container default is built afresh, since handlers may change it. */
const scalarDefaults = new WeakMap<Field, unknown>();

function defaultOf(field: Field): unknown {
  if (scalarDefaults.has(field)) return scalarDefaults.get(field);
  const value = engineShape(defaultToRuntime(field.type, field.default ?? null));
  if (value === null || typeof value !== 'object') scalarDefaults.set(field, value);
  return value;
}

/** A runtime value from shared/ holds bytes as Uint8Array; the engine wants Buffers. */
function engineShape(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return asBuffer(value);
  if (Array.isArray(value)) return value.map(engineShape);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(out, key, engineShape((value as Record<string, unknown>)[key]));
  return out;
}

const unionInside = new WeakMap<Schema, boolean>();

/** Whether any union is reachable from `schema` (named types followed once each). */
function containsUnion(schema: Schema): boolean {
  const known = unionInside.get(schema);
  if (known !== undefined) return known;
  const seen = new Set<Schema>();
  const walk = (s: Schema): boolean => {
    if (seen.has(s)) return false;
    seen.add(s);
    switch (s.type) {
      case 'union':
        return true;
      case 'array':
        return walk(s.items);
      case 'map':
        return walk(s.values);
      case 'record':
      case 'error':
        return s.fields.some((f) => walk(f.type));
      default:
        return false;
    }
  };
  const found = walk(schema);
  unionInside.set(schema, found);
  return found;
}

function plain(schema: Schema, value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  switch (schema.type) {
    case 'union': {
      const key = Object.keys(value as object)[0];
      const branch = findUnionBranch(schema, key);
      return branch ? plain(branch, (value as Record<string, unknown>)[key]) : value;
    }
    case 'array':
      return containsUnion(schema.items) ? (value as unknown[]).map((item) => plain(schema.items, item)) : value;
    case 'map': {
      if (!containsUnion(schema.values)) return value;
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) setOwn(out, key, plain(schema.values, item));
      return out;
    }
    case 'record':
    case 'error': {
      if (!containsUnion(schema)) return value;
      const out: Record<string, unknown> = {};
      for (const field of schema.fields) setOwn(out, field.name, plain(field.type, (value as Record<string, unknown>)[field.name]));
      return out;
    }
    default:
      return value;
  }
}
