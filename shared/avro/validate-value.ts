/**
 * Checks runtime values (see `avro-json.ts`) against a schema without serializing them: the
 * in-process transport validates requests and responses with it, so a handler sees exactly
 * what the wire would have let through.
 *
 * It runs on every call, so the success path allocates nothing: no closures, no path strings.
 * The path is kept as a stack of steps in a module-level array and turned into text
 * (`order.items[2].price`) only when a problem is found; an all-good value gets the shared
 * frozen `NO_PROBLEMS` back. Validation is synchronous and never re-entered, so the shared
 * stack is safe.
 */
import { childPath } from './located-json.js';
import type { EnumSchema, FixedSchema, RecordSchema, Schema, UnionSchema } from './model.js';
import {
  describeExpected,
  describeGot,
  findField,
  findUnionBranch,
  hasNullBranch,
  isEnumSymbol,
  MAX_VALUE_DEPTH,
  valueMessage,
} from './avro-json.js';

/** One thing wrong with a value. */
export interface ValueProblem {
  /** Where: `''` for the value itself (or the `path` given to `validateValue`), `order.items[2].price`. */
  path: string;
  /** What would be valid there, e.g. `an int (a whole number from -2147483648 to 2147483647)`. */
  expected: string;
  /** What was found, e.g. `"x"`, `12n`, `a Uint8Array of 3 bytes`, `nothing` (a missing field). */
  got: string;
  /** `at <path>: expected <expected>, got <got>` or a more specific sentence (missing or unknown field). */
  message: string;
}

/** What `validateValue` returns for a valid value: shared and frozen, never push to it. */
export const NO_PROBLEMS: ValueProblem[] = Object.freeze([]) as unknown as ValueProblem[];

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

// The walk's state. Steps are field names, map keys, union branch names and array indices.
const steps: (string | number)[] = [];
let depth = 0;
let root = '';
let found: ValueProblem[] | null = null;

/**
 * Every problem with `value` as a runtime value of `schema`, each with its path, what was
 * expected and what was found; `NO_PROBLEMS` when there are none. Checks int32 and int64
 * ranges (a long is a safe-integer number or a bigint), numbers for float and double,
 * `Uint8Array` for bytes and fixed (and fixed's size), enum symbols, unions (null for a null
 * branch, else an object with exactly one key naming a non-null branch), records (every field
 * present, even those with defaults: a runtime value is complete; no unknown fields), maps
 * (plain objects) and arrays. Values nested deeper than `MAX_VALUE_DEPTH` (only a cyclic value
 * could be) are reported there and not followed.
 *
 * `path` names the value itself in messages (e.g. `request`).
 */
export function validateValue(schema: Schema, value: unknown, path = ''): ValueProblem[] {
  root = path;
  depth = 0;
  found = null;
  try {
    check(schema, value);
    return found ?? NO_PROBLEMS;
  } finally {
    found = null;
    depth = 0;
  }
}

function check(schema: Schema, value: unknown): void {
  switch (schema.type) {
    case 'null':
      if (value !== null) problem(schema, value);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problem(schema, value);
      return;
    case 'int':
      if (typeof value !== 'number' || (value | 0) !== value) problem(schema, value);
      return;
    case 'long':
      if (typeof value === 'number' ? !Number.isSafeInteger(value) : typeof value !== 'bigint' || value < LONG_MIN || value > LONG_MAX) problem(schema, value);
      return;
    case 'float':
    case 'double':
      if (typeof value !== 'number') problem(schema, value);
      return;
    case 'string':
      if (typeof value !== 'string') problem(schema, value);
      return;
    case 'bytes':
      if (!(value instanceof Uint8Array)) problem(schema, value);
      return;
    case 'fixed':
      if (!(value instanceof Uint8Array) || value.length !== schema.size) problem(schema, value);
      return;
    case 'enum':
      if (typeof value !== 'string' || !isEnumSymbol(schema, value)) problem(schema, value);
      return;
    case 'array':
      if (!Array.isArray(value)) problem(schema, value);
      else if (enter()) {
        const items = schema.items;
        for (let i = 0; i < value.length; i++) {
          steps[depth - 1] = i;
          check(items, value[i]);
        }
        depth--;
      }
      return;
    case 'map':
      if (!isMapObject(value)) problem(schema, value);
      else if (enter()) {
        const values = schema.values;
        for (const key in value) {
          if (!hasOwn(value, key)) continue;
          steps[depth - 1] = key;
          check(values, (value as Record<string, unknown>)[key]);
        }
        depth--;
      }
      return;
    case 'record':
    case 'error':
      checkRecord(schema, value);
      return;
    case 'union':
      checkUnion(schema, value);
      return;
  }
}

/** Goes one level down (the caller sets `steps[depth - 1]` and ends with `depth--`); false, and a problem, past the limit. */
function enter(): boolean {
  if (depth >= MAX_VALUE_DEPTH) {
    report(`a value nested at most ${MAX_VALUE_DEPTH} levels deep`, 'deeper nesting (is the value cyclic?)');
    return false;
  }
  depth++;
  return true;
}

function checkRecord(schema: RecordSchema, value: unknown): void {
  if (!isObjectValue(value)) {
    problem(schema, value);
    return;
  }
  if (!enter()) return;
  const object = value as Record<string, unknown>;
  const fields = schema.fields;
  let own = 0;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const name = field.name;
    steps[depth - 1] = name;
    const isOwn = hasOwn(object, name);
    if (isOwn) own++;
    const item = isOwn ? object[name] : undefined;
    if (item === undefined) missingField(schema, field.type, name);
    else check(field.type, item);
  }
  // More own keys than own fields: some key is not a field.
  let keys = 0;
  for (const key in object) if (hasOwn(object, key)) keys++;
  if (keys > own) {
    for (const key in object) {
      if (!hasOwn(object, key) || findField(schema, key) !== undefined) continue;
      steps[depth - 1] = key;
      const path = currentPath();
      const names = schema.fields.map((f) => f.name).join(', ');
      add({
        path,
        expected: `one of the fields ${names} of ${schema.type} ${schema.name}`,
        got: `field ${JSON.stringify(key)}`,
        message: `${at(path)}${schema.type} ${schema.name} has no field ${JSON.stringify(key)}; ${schema.fields.length === 0 ? 'it has no fields' : `its fields are ${names}`}`,
      });
    }
  }
  depth--;
}

function missingField(schema: RecordSchema, type: Schema, name: string): void {
  const path = currentPath();
  const expected = describeExpected(type, 'runtime');
  add({ path, expected, got: 'nothing', message: `${at(path)}missing field ${JSON.stringify(name)} of ${schema.type} ${schema.name}: expected ${expected}` });
}

function checkUnion(schema: UnionSchema, value: unknown): void {
  if (value === null) {
    if (!hasNullBranch(schema)) problem(schema, value);
    return;
  }
  if (!isObjectValue(value)) {
    problem(schema, value);
    return;
  }
  let key: string | undefined;
  let count = 0;
  for (const k in value) {
    if (!hasOwn(value, k)) continue;
    if (count++ === 0) key = k;
  }
  const branch = count === 1 && key !== undefined ? findUnionBranch(schema, key) : undefined;
  if (branch === undefined || branch.type === 'null' || key === undefined) {
    problem(schema, value);
    return;
  }
  if (!enter()) return;
  steps[depth - 1] = key;
  check(branch, (value as Record<string, unknown>)[key]);
  depth--;
}

// ---- problems: everything below runs only when something is wrong ---------------------------

function problem(schema: Schema, value: unknown): void {
  report(describeExpected(schema, 'runtime'), describeGot(value, 'runtime') + detail(schema, value));
}

/** A few words more where the bare description would leave the reader guessing. */
function detail(schema: Schema, value: unknown): string {
  switch (schema.type) {
    case 'int':
      if (typeof value === 'number' && Number.isInteger(value)) return ', which is outside the 32-bit range';
      return '';
    case 'long':
      if (typeof value === 'number' && Number.isInteger(value)) return ', a number beyond 2^53 that may have been rounded (longs beyond 2^53 are bigints)';
      if (typeof value === 'bigint') return ', which is outside the 64-bit range';
      return '';
    case 'enum':
      return typeof value === 'string' ? ` (enum ${(schema as EnumSchema).name} has no such symbol)` : '';
    case 'fixed':
      return value instanceof Uint8Array ? ` (fixed ${(schema as FixedSchema).name} is ${(schema as FixedSchema).size} bytes)` : '';
    case 'union': {
      if (value === null) return ' (the union has no null branch)';
      if (typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array) return '; a union value names its branch, as in {"<branch>": value}';
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === 'null') return '; the null branch is plain null';
      if (keys.length === 1) {
        const key = keys[0];
        const near = (schema as UnionSchema).types.find((t) => t.type !== 'null' && 'fullName' in t && t.fullName !== key && t.fullName.endsWith(`.${key}`));
        if (near !== undefined && 'fullName' in near) return `; did you mean ${JSON.stringify(near.fullName)}? (a branch is named by its full name)`;
      }
      return '';
    }
    default:
      return '';
  }
}

function report(expected: string, got: string): void {
  const path = currentPath();
  add({ path, expected, got, message: valueMessage(path, expected, got) });
}

function add(p: ValueProblem): void {
  (found ??= []).push(p);
}

function currentPath(): string {
  let path = root;
  for (let i = 0; i < depth; i++) path = childPath(path, steps[i]);
  return path;
}

function at(path: string): string {
  return path === '' ? '' : `at ${path}: `;
}

// ---- helpers ------------------------------------------------------------------------------------

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/**
 * Records and union values: any object but an array, binary data or a built-in collection (a
 * record may be an instance of a class, as avsc's decoded records are).
 */
function isObjectValue(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return true;
  return !Array.isArray(value) && !ArrayBuffer.isView(value) && !(value instanceof Map) && !(value instanceof Set) && !(value instanceof Date);
}

/** Maps: plain objects only (a JS `Map` would silently look empty). */
function isMapObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * One readable message for a list of problems: the message itself for one, else a count and
 * the first `limit`, one per line, and how many more.
 */
export function describeProblems(problems: readonly ValueProblem[], limit = 5): string {
  if (problems.length === 0) return 'no problems';
  if (problems.length === 1) return problems[0].message;
  const shown = problems.slice(0, limit).map((p) => `  ${p.message}`);
  const more = problems.length > limit ? [`  ... and ${problems.length - limit} more`] : [];
  return [`${problems.length} problems:`, ...shown, ...more].join('\n');
}
