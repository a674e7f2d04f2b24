/**
 * Checks a default value (a field's `default`, a request parameter's default) against its
 * schema. Errors follow Apache Avro 1.12 Java's `Schema.isValidDefault`, which decides whether
 * Java accepts the schema at all; warnings flag what Java accepts but the specification or
 * other implementations (avsc, Python) reject, since a contract must work for every peer.
 */
import { describeValue, shortName } from './describe.js';
import { childPath } from './located-json.js';
import type { EnumSchema, FixedSchema, JsonValue, RecordSchema, Schema, UnionSchema } from './model.js';

export interface DefaultProblem {
  /** Where in the value: `''` for the value itself, `kind`, `items[2]`, `tags.a.name` (paths as `childPath` makes them). */
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** Strings that stand for non-finite floats: JSON has no literal for them, so the IDL writes these. */
const NON_FINITE = ['NaN', 'Infinity', '-Infinity'];

/**
 * All problems with `value` as a default for `schema`; no error means Java accepts it.
 * The value is finite JSON, so the walk terminates even on recursive schemas.
 *
 * One limit: the value is already parsed, so `1.0` and `1` look alike here; Java would reject
 * `1.0` as an int default.
 */
export function checkDefault(schema: Schema, value: JsonValue): DefaultProblem[] {
  const problems: DefaultProblem[] = [];
  check(schema, value, '', false, problems);
  return problems;
}

function check(schema: Schema, value: JsonValue, path: string, isField: boolean, out: DefaultProblem[]): void {
  const at = where(path, isField);
  const error = (expected: string): void => {
    out.push({ path, severity: 'error', message: `${at}expected ${expected}, got ${describeValue(value)}` });
  };
  switch (schema.type) {
    case 'null':
      if (value !== null) error('null');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') error('a boolean (true or false)');
      return;
    case 'int':
      return checkInteger(value, INT_MIN, INT_MAX, 'an int', '32-bit', path, at, out);
    case 'long':
      return checkInteger(value, LONG_MIN, LONG_MAX, 'a long', '64-bit', path, at, out);
    case 'float':
    case 'double':
      if (typeof value === 'number' || typeof value === 'bigint') return;
      if (typeof value === 'string' && NON_FINITE.includes(value)) return;
      error(`a ${schema.type} (a number, or "NaN", "Infinity" or "-Infinity")`);
      return;
    case 'string':
      if (typeof value !== 'string') error('a string');
      return;
    case 'bytes':
      if (typeof value !== 'string') error('bytes (a string whose characters \\u0000-\\u00ff are the byte values)');
      else checkByteString(value, path, at, out);
      return;
    case 'fixed':
      return checkFixed(schema, value, path, at, out);
    case 'enum':
      return checkEnum(schema, value, path, at, out);
    case 'array':
      if (!Array.isArray(value)) return error(`an array of ${shortName(schema.items)}`);
      value.forEach((item, i) => check(schema.items, item, childPath(path, i), false, out));
      return;
    case 'map':
      if (!isObject(value)) return error(`an object (a map of ${shortName(schema.values)})`);
      for (const [key, item] of Object.entries(value)) check(schema.values, item, childPath(path, key), false, out);
      return;
    case 'record':
    case 'error':
      return checkRecord(schema, value, path, at, out);
    case 'union':
      return checkUnion(schema, value, path, isField, out);
  }
}

/** `default for field 'a.b': ` before a message about a nested value, nothing for the value itself. */
function where(path: string, isField: boolean): string {
  if (path === '') return '';
  return isField ? `default for field '${path}': ` : `default at '${path}': `;
}

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkInteger(value: JsonValue, min: bigint, max: bigint, what: string, bits: string, path: string, at: string, out: DefaultProblem[]): void {
  const isInteger = typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
  if (!isInteger) {
    out.push({ path, severity: 'error', message: `${at}expected ${what} (a whole number), got ${describeValue(value)}` });
    return;
  }
  const big = BigInt(value);
  if (big < min || big > max) {
    out.push({ path, severity: 'error', message: `${at}expected ${what}, got ${describeValue(value)}, which is outside the ${bits} range ${min}..${max}` });
  }
}

/** Avro JSON writes bytes as a string of code points 0-255, one per byte. */
function checkByteString(value: string, path: string, at: string, out: DefaultProblem[]): void {
  const wide = [...value].find((c) => (c.codePointAt(0) ?? 0) > 0xff);
  if (wide !== undefined) {
    const code = (wide.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    out.push({
      path,
      severity: 'warning',
      message: `${at}'${wide}' (U+${code}) is not a byte: bytes defaults are strings of characters \\u0000-\\u00ff, one per byte; Java turns it into '?', avsc and Python reject it`,
    });
  }
}

function checkFixed(schema: FixedSchema, value: JsonValue, path: string, at: string, out: DefaultProblem[]): void {
  if (typeof value !== 'string') {
    out.push({ path, severity: 'error', message: `${at}expected a string of ${schema.size} bytes for fixed ${schema.name}, got ${describeValue(value)}` });
    return;
  }
  checkByteString(value, path, at, out);
  // Java only checks that the default is a string; the spec, avsc and Python need the exact size.
  if (value.length !== schema.size) {
    out.push({
      path,
      severity: 'warning',
      message: `${at}fixed ${schema.name} is ${schema.size} bytes but the default has ${value.length}; Java accepts it, but avsc and Python reject it`,
    });
  }
}

function checkEnum(schema: EnumSchema, value: JsonValue, path: string, at: string, out: DefaultProblem[]): void {
  if (typeof value === 'string' && schema.symbols.includes(value)) return;
  out.push({
    path,
    severity: 'error',
    message: `${at}expected one of the enum symbols ${schema.symbols.join(', ')} of enum ${schema.name}, got ${describeValue(value)}`,
  });
}

function checkRecord(schema: RecordSchema, value: JsonValue, path: string, at: string, out: DefaultProblem[]): void {
  if (!isObject(value)) {
    out.push({ path, severity: 'error', message: `${at}expected an object with the fields of ${schema.type} ${schema.name}, got ${describeValue(value)}` });
    return;
  }
  const fieldNames = new Set(schema.fields.map((f) => f.name));
  for (const field of schema.fields) {
    const fieldPath = childPath(path, field.name);
    if (Object.prototype.hasOwnProperty.call(value, field.name)) check(field.type, value[field.name], fieldPath, true, out);
    // An absent field takes its own default (checked where it is declared); without one the value is incomplete.
    else if (!field.hasDefault) {
      out.push({ path: fieldPath, severity: 'error', message: `${where(fieldPath, true)}missing, and field '${field.name}' of ${schema.type} ${schema.name} has no default of its own` });
    }
  }
  for (const key of Object.keys(value)) {
    if (!fieldNames.has(key)) {
      const keyPath = childPath(path, key);
      out.push({ path: keyPath, severity: 'warning', message: `${where(keyPath, true)}${schema.type} ${schema.name} has no field '${key}'; the value is ignored` });
    }
  }
}

function checkUnion(schema: UnionSchema, value: JsonValue, path: string, isField: boolean, out: DefaultProblem[]): void {
  const at = where(path, isField);
  const results = schema.types.map((branch) => {
    const problems: DefaultProblem[] = [];
    check(branch, value, path, isField, problems);
    return { branch, problems, ok: !problems.some((p) => p.severity === 'error') };
  });
  const index = results.findIndex((r) => r.ok);
  if (index === 0) {
    out.push(...results[0].problems);
    return;
  }
  const branches = schema.types.map(shortName);
  if (index > 0) {
    // Java takes a default of any branch; the spec (and so avsc and Python) only the first.
    out.push({
      path,
      severity: 'warning',
      message: `${at}${describeValue(value)} matches union branch ${branches[index]}, but the Avro specification requires a union default to match the first branch (${branches[0]}); Java accepts it, avsc and Python reject it. Put ${branches[index]} first or change the default`,
    });
    out.push(...results[index].problems);
    return;
  }
  // No branch fits. When exactly one branch has the value's JSON shape, its own problems say more.
  const sameShape = results.filter((r) => shapeFits(r.branch, value));
  if (sameShape.length === 1) {
    out.push(...sameShape[0].problems);
    return;
  }
  out.push({ path, severity: 'error', message: `${at}expected a value of one of the union branches ${branches.join(', ')}, got ${describeValue(value)}` });
}

/** Whether a value has the JSON kind a schema's values have (an object for a record, ...). */
function shapeFits(schema: Schema, value: JsonValue): boolean {
  switch (schema.type) {
    case 'null': return value === null;
    case 'boolean': return typeof value === 'boolean';
    case 'int':
    case 'long': return typeof value === 'number' || typeof value === 'bigint';
    case 'float':
    case 'double': return typeof value === 'number' || typeof value === 'bigint' || (typeof value === 'string' && NON_FINITE.includes(value));
    case 'string':
    case 'bytes':
    case 'enum':
    case 'fixed': return typeof value === 'string';
    case 'array': return Array.isArray(value);
    case 'map':
    case 'record':
    case 'error': return isObject(value);
    case 'union': return false;
  }
}
