/**
 * Checks runtime values (see `avro-json.ts`) against a schema without serializing them: the
 * in-process transport validates requests and responses with it, so a handler sees exactly
 * what the wire would have let through.
 *
 * It runs on every call, so the success path allocates nothing: no closures, no path strings.
 * The path is kept as a stack of steps in a module-level array and turned into text
 * (`order.items[2].price`) only when a problem is found; an all-good value gets the shared
 * frozen `NO_PROBLEMS` back. Validation is synchronous and never re-entered, so the shared
 * stack is safe. Each schema is compiled once into checkers (below) so the walk stays
 * monomorphic.
 */
import { childPath } from './located-json.js';
import type { EnumSchema, FixedSchema, RecordSchema, Schema, UnionSchema } from './model.js';
import { describeExpected, describeGot, findField, hasNullBranch, MAX_VALUE_DEPTH, unionBranchName, valueMessage } from './avro-json.js';

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

// ---- compiled checkers ---------------------------------------------------------------------------
//
// Each schema is compiled once (cached per schema object; the model is immutable) into checkers
// that all share one shape and are told apart by a small integer: the walk then reads the same
// properties at every site instead of switching on `schema.type` over a dozen schema shapes.

const NULL = 0;
const BOOLEAN = 1;
const INT = 2;
const LONG = 3;
const NUMBER = 4;
const STRING = 5;
const BYTES = 6;
const FIXED = 7;
const ENUM = 8;
const ARRAY = 9;
const MAP = 10;
const RECORD = 11;
const UNION = 12;

class Checker {
  /** For arrays their items, for maps their values. */
  inner: Checker | null = null;
  /** Record field names or union branch names (a null branch included, as `null`). */
  names: string[] = [];
  /** The checkers of those fields or branches. */
  parts: Checker[] = [];
  /** Fixed size; for unions 1 when there is a null branch. */
  size = 0;
  symbols: Set<string> | null = null;
  /** A record with a field named like a property of Object.prototype (`toString`, `__proto__`...): read fields as own properties only. */
  careful = false;

  constructor(
    readonly kind: number,
    readonly schema: Schema,
  ) {}
}

const checkers = new WeakMap<Schema, Checker>();

function checkerOf(schema: Schema): Checker {
  const known = checkers.get(schema);
  if (known !== undefined) return known;
  const kind = KINDS[schema.type];
  const checker = new Checker(kind, schema);
  checkers.set(schema, checker); // before the parts: a record may contain itself
  switch (schema.type) {
    case 'fixed':
      checker.size = schema.size;
      break;
    case 'enum':
      checker.symbols = new Set(schema.symbols);
      break;
    case 'array':
      checker.inner = checkerOf(schema.items);
      break;
    case 'map':
      checker.inner = checkerOf(schema.values);
      break;
    case 'record':
    case 'error':
      checker.names = schema.fields.map((f) => f.name);
      checker.parts = schema.fields.map((f) => checkerOf(f.type));
      checker.careful = checker.names.some((name) => name in Object.prototype);
      break;
    case 'union':
      checker.names = schema.types.map(unionBranchName);
      checker.parts = schema.types.map(checkerOf);
      checker.size = hasNullBranch(schema) ? 1 : 0;
      break;
    default:
      break;
  }
  return checker;
}

const KINDS: Record<Schema['type'], number> = {
  null: NULL,
  boolean: BOOLEAN,
  int: INT,
  long: LONG,
  float: NUMBER,
  double: NUMBER,
  string: STRING,
  bytes: BYTES,
  fixed: FIXED,
  enum: ENUM,
  array: ARRAY,
  map: MAP,
  record: RECORD,
  error: RECORD,
  union: UNION,
};

// ---- the walk -----------------------------------------------------------------------------------

/** The walk's state. Steps are field names, map keys, union branch names and array indices. */
const state = {
  steps: [] as (string | number)[],
  depth: 0,
  root: '',
  found: null as ValueProblem[] | null,
};

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
  const checker = checkerOf(schema);
  state.root = path;
  state.depth = 0;
  state.found = null;
  try {
    check(checker, value);
    return state.found ?? NO_PROBLEMS;
  } finally {
    state.found = null;
    state.depth = 0;
  }
}

function check(c: Checker, value: unknown): void {
  switch (c.kind) {
    case NULL:
      if (value !== null) problem(c, value);
      return;
    case BOOLEAN:
      if (typeof value !== 'boolean') problem(c, value);
      return;
    case INT:
      if (typeof value !== 'number' || (value | 0) !== value) problem(c, value);
      return;
    case LONG:
      if (typeof value === 'number' ? !Number.isSafeInteger(value) : typeof value !== 'bigint' || value < LONG_MIN || value > LONG_MAX) problem(c, value);
      return;
    case NUMBER:
      if (typeof value !== 'number') problem(c, value);
      return;
    case STRING:
      if (typeof value !== 'string') problem(c, value);
      return;
    case BYTES:
      if (!(value instanceof Uint8Array)) problem(c, value);
      return;
    case FIXED:
      if (!(value instanceof Uint8Array) || value.length !== c.size) problem(c, value);
      return;
    case ENUM:
      if (typeof value !== 'string' || !(c.symbols as Set<string>).has(value)) problem(c, value);
      return;
    case ARRAY:
      if (!Array.isArray(value)) problem(c, value);
      else if (enter()) {
        const items = c.inner as Checker;
        const steps = state.steps;
        const at = state.depth - 1;
        for (let i = 0; i < value.length; i++) {
          steps[at] = i;
          check(items, value[i]);
        }
        state.depth--;
      }
      return;
    case MAP:
      if (!isMapObject(value)) problem(c, value);
      else if (enter()) {
        const values = c.inner as Checker;
        const steps = state.steps;
        const at = state.depth - 1;
        // A plain object: for-in yields only its own keys.
        for (const key in value) {
          steps[at] = key;
          check(values, (value as Record<string, unknown>)[key]);
        }
        state.depth--;
      }
      return;
    case RECORD:
      checkRecord(c, value);
      return;
    default:
      checkUnion(c, value);
  }
}

/** Goes one level down (the caller sets `steps[depth - 1]` and ends with `depth--`); false, and a problem, past the limit. */
function enter(): boolean {
  if (state.depth >= MAX_VALUE_DEPTH) {
    report(`a value nested at most ${MAX_VALUE_DEPTH} levels deep`, 'deeper nesting (is the value cyclic?)');
    return false;
  }
  state.depth++;
  return true;
}

function checkRecord(c: Checker, value: unknown): void {
  const kind = objectKind(value);
  if (kind === NOT_OBJECT) {
    problem(c, value);
    return;
  }
  if (!enter()) return;
  const object = value as Record<string, unknown>;
  const names = c.names;
  const parts = c.parts;
  const steps = state.steps;
  const at = state.depth - 1;
  let present = 0;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    steps[at] = name;
    const item = c.careful && !hasOwn(object, name) ? undefined : object[name];
    if (item === undefined) missingField(c.schema as RecordSchema, i);
    else {
      present++;
      check(parts[i], item);
    }
  }
  // More keys than fields with values: some key is not a field (or holds undefined, reported above).
  let keys = 0;
  if (kind === PLAIN) for (const _ in object) keys++;
  else for (const key in object) if (hasOwn(object, key)) keys++;
  if (keys > present) unknownFields(c.schema as RecordSchema, object);
  state.depth--;
}

function checkUnion(c: Checker, value: unknown): void {
  if (value === null) {
    if (c.size === 0) problem(c, value);
    return;
  }
  const kind = objectKind(value);
  if (kind === NOT_OBJECT) {
    problem(c, value);
    return;
  }
  let key = '';
  let count = 0;
  for (const k in value as object) {
    if (kind !== PLAIN && !hasOwn(value as object, k)) continue;
    if (count++ === 0) key = k;
  }
  const names = c.names;
  let index = -1;
  if (count === 1 && key !== 'null') {
    for (let i = 0; i < names.length; i++) {
      if (names[i] === key) {
        index = i;
        break;
      }
    }
  }
  if (index < 0) {
    problem(c, value);
    return;
  }
  if (!enter()) return;
  state.steps[state.depth - 1] = key;
  check(c.parts[index], (value as Record<string, unknown>)[key]);
  state.depth--;
}

// ---- problems: everything below runs only when something is wrong ---------------------------

function problem(c: Checker, value: unknown): void {
  report(describeExpected(c.schema, 'runtime'), describeGot(value, 'runtime') + detail(c.schema, value));
}

function missingField(schema: RecordSchema, index: number): void {
  const field = schema.fields[index];
  const path = currentPath();
  const expected = describeExpected(field.type, 'runtime');
  add({ path, expected, got: 'nothing', message: `${at(path)}missing field ${JSON.stringify(field.name)} of ${schema.type} ${schema.name}: expected ${expected}` });
}

function unknownFields(schema: RecordSchema, object: Record<string, unknown>): void {
  const steps = state.steps;
  for (const key in object) {
    if (!hasOwn(object, key) || findField(schema, key) !== undefined) continue;
    steps[state.depth - 1] = key;
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
  (state.found ??= []).push(p);
}

function currentPath(): string {
  let path = state.root;
  for (let i = 0; i < state.depth; i++) path = childPath(path, state.steps[i]);
  return path;
}

function at(path: string): string {
  return path === '' ? '' : `at ${path}: `;
}

// ---- helpers ------------------------------------------------------------------------------------

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

const NOT_OBJECT = 0;
const PLAIN = 1;
const INSTANCE = 2;

/**
 * Records and union values: a plain object (its for-in keys are its own), or any other object
 * but an array, binary data or a built-in collection (a record may be an instance of a class,
 * as avsc's decoded records and union wrappers are).
 */
function objectKind(value: unknown): number {
  if (typeof value !== 'object' || value === null) return NOT_OBJECT;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return PLAIN;
  if (Array.isArray(value) || ArrayBuffer.isView(value) || value instanceof Map || value instanceof Set || value instanceof Date) return NOT_OBJECT;
  return INSTANCE;
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
