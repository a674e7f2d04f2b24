import { describe, expect, it } from 'vitest';
import { checkDefault, type DefaultProblem } from './default-value.js';
import type { JsonValue, Schema } from './model.js';
import { readSchemaJson } from './schema-reader.js';

/** A schema from its Avro JSON. */
function schema(json: unknown): Schema {
  return readSchemaJson(JSON.stringify(json), { file: 'test.avsc' }).schema;
}

const errors = (problems: DefaultProblem[]) => problems.filter((p) => p.severity === 'error');
const warnings = (problems: DefaultProblem[]) => problems.filter((p) => p.severity === 'warning');

function expectValid(s: unknown, value: JsonValue): void {
  expect(checkDefault(schema(s), value)).toEqual([]);
}

function expectError(s: unknown, value: JsonValue, message: string | RegExp, path = ''): void {
  const problems = errors(checkDefault(schema(s), value));
  expect(problems.length, JSON.stringify(problems)).toBeGreaterThan(0);
  expect(problems[0].path).toBe(path);
  if (typeof message === 'string') expect(problems[0].message).toBe(message);
  else expect(problems[0].message).toMatch(message);
}

describe('primitives', () => {
  it('null takes only null', () => {
    expectValid('null', null);
    expectError('null', 0, 'expected null, got 0');
  });

  it('boolean takes only booleans', () => {
    expectValid('boolean', false);
    expectError('boolean', 'true', 'expected a boolean (true or false), got "true"');
  });

  it('int takes integers in the 32-bit range', () => {
    expectValid('int', 0);
    expectValid('int', -2147483648);
    expectValid('int', 2147483647);
    expectError('int', 2147483648, 'expected an int, got 2147483648, which is outside the 32-bit range -2147483648..2147483647');
    expectError('int', 1.5, 'expected an int (a whole number), got 1.5');
    expectError('int', '1', 'expected an int (a whole number), got "1"');
  });

  it('long takes integers in the 64-bit range, bigints included', () => {
    expectValid('long', 2147483648);
    expectValid('long', 9223372036854775807n);
    expectValid('long', -9223372036854775808n);
    expectError('long', 9223372036854775808n, /outside the 64-bit range/);
    expectError('long', 0.5, 'expected a long (a whole number), got 0.5');
  });

  it('float and double take numbers and the non-finite strings', () => {
    for (const type of ['float', 'double']) {
      expectValid(type, 1.5);
      expectValid(type, 3);
      expectValid(type, 12345678901234567890n);
      expectValid(type, 'NaN');
      expectValid(type, 'Infinity');
      expectValid(type, '-Infinity');
      expectError(type, 'nan', `expected a ${type} (a number, or "NaN", "Infinity" or "-Infinity"), got "nan"`);
      expectError(type, null, /got null/);
    }
  });

  it('string takes strings', () => {
    expectValid('string', '');
    expectError('string', 5, 'expected a string, got 5');
  });

  it('bytes takes strings, and warns about characters that are not bytes', () => {
    expectValid('bytes', '\u0000\u00ff');
    expectError('bytes', [1, 2], /expected bytes .*got an array/);
    const problems = checkDefault(schema('bytes'), 'h€llo');
    expect(errors(problems)).toEqual([]);
    expect(warnings(problems)[0].message).toContain("'€' (U+20AC) is not a byte");
  });
});

describe('named types', () => {
  const kind = { type: 'enum', name: 'Kind', symbols: ['FOO', 'BAR', 'BAZ'] };

  it('enum takes one of its symbols', () => {
    expectValid(kind, 'BAR');
    expectError(kind, 'QUX', 'expected one of the enum symbols FOO, BAR, BAZ of enum Kind, got "QUX"');
    expectError(kind, 1, /got 1$/);
  });

  it('fixed takes a string; a wrong length is a warning, as Java accepts it', () => {
    const md5 = { type: 'fixed', name: 'MD5', size: 4 };
    expectValid(md5, 'abcd');
    expectError(md5, 1234, 'expected a string of 4 bytes for fixed MD5, got 1234');
    const problems = checkDefault(schema(md5), 'abc');
    expect(errors(problems)).toEqual([]);
    expect(warnings(problems)).toEqual([
      { path: '', severity: 'warning', message: 'fixed MD5 is 4 bytes but the default has 3; Java accepts it, but avsc and Python reject it' },
    ]);
  });

  const record = {
    type: 'record',
    name: 'TestRecord',
    fields: [
      { name: 'name', type: 'string', default: 'foo' },
      { name: 'kind', type: kind },
      { name: 'tags', type: { type: 'map', values: 'int' }, default: {} },
    ],
  };

  it('record takes an object whose fields are valid or have defaults', () => {
    expectValid(record, { kind: 'FOO' });
    expectValid(record, { name: 'x', kind: 'BAR', tags: { a: 1 } });
  });

  it('names the field whose value is invalid', () => {
    expectError(record, { kind: 'QUX' }, `default for field 'kind': expected one of the enum symbols FOO, BAR, BAZ of enum Kind, got "QUX"`, 'kind');
    expectError(record, { kind: 'FOO', tags: { a: 'x' } }, `default at 'tags.a': expected an int (a whole number), got "x"`, 'tags.a');
  });

  it('requires a value for a field without a default of its own', () => {
    expectError(record, { name: 'x' }, "default for field 'kind': missing, and field 'kind' of record TestRecord has no default of its own", 'kind');
  });

  it('rejects a non-object', () => {
    expectError(record, [], 'expected an object with the fields of record TestRecord, got an empty array');
  });

  it('warns about values for fields the record does not have', () => {
    const problems = checkDefault(schema(record), { kind: 'FOO', colour: 'red' });
    expect(problems).toEqual([{ path: 'colour', severity: 'warning', message: "default for field 'colour': record TestRecord has no field 'colour'; the value is ignored" }]);
  });

  it('checks nested records with full paths', () => {
    const outer = { type: 'record', name: 'Outer', fields: [{ name: 'inner', type: record }] };
    expectError(outer, { inner: { kind: 1 } }, /^default for field 'inner.kind': expected one of/, 'inner.kind');
  });

  it('terminates on recursive records', () => {
    const list = { type: 'record', name: 'List', fields: [{ name: 'value', type: 'int' }, { name: 'next', type: ['null', 'List'], default: null }] };
    expectValid(list, { value: 1, next: null });
    // Nested union values follow the first-branch rule too (avsc applies it all the way down).
    const nested = checkDefault(schema(list), { value: 1, next: { value: 2, next: { value: 3 } } });
    expect(errors(nested)).toEqual([]);
    expect(warnings(nested).map((w) => w.path)).toEqual(['next', 'next.next']);
    expectError(list, { value: 1, next: { value: 'x' } }, /default for field 'next.value': expected an int/, 'next.value');
  });
});

describe('arrays and maps', () => {
  it('array takes an array of valid items', () => {
    expectValid({ type: 'array', items: 'int' }, []);
    expectValid({ type: 'array', items: 'int' }, [1, 2]);
    expectError({ type: 'array', items: 'int' }, [1, 'x'], `default at '[1]': expected an int (a whole number), got "x"`, '[1]');
    expectError({ type: 'array', items: 'int' }, {}, 'expected an array of int, got an object');
  });

  it('map takes an object of valid values', () => {
    expectValid({ type: 'map', values: 'string' }, { a: 'x' });
    expectError({ type: 'map', values: 'string' }, { 'a-b': 1 }, `default at '["a-b"]': expected a string, got 1`, '["a-b"]');
    expectError({ type: 'map', values: 'string' }, ['x'], 'expected an object (a map of string), got an array');
  });
});

describe('unions', () => {
  it('accepts a default of the first branch', () => {
    expectValid(['null', 'string'], null);
    expectValid(['string', 'null'], 'x');
  });

  it('warns when the default only fits a later branch (Java accepts, the spec does not)', () => {
    const problems = checkDefault(schema(['null', 'string']), 'x');
    expect(errors(problems)).toEqual([]);
    expect(warnings(problems)).toHaveLength(1);
    expect(warnings(problems)[0].message).toBe(
      '"x" matches union branch string, but the Avro specification requires a union default to match the first branch (null); Java accepts it, avsc and Python reject it. Put string first or change the default',
    );
  });

  it('rejects a default that fits no branch', () => {
    expectError(['null', 'string'], 5, 'expected a value of one of the union branches null, string, got 5');
  });

  it('explains the branch of the same shape when only one has it', () => {
    const rec = { type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }] };
    expectError(['null', rec], { a: 'x' }, "default for field 'a': expected an int (a whole number), got \"x\"", 'a');
  });

  it('passes on warnings of the matching branch', () => {
    const problems = checkDefault(schema([{ type: 'fixed', name: 'F', size: 2 }, 'null']), 'abc');
    expect(errors(problems)).toEqual([]);
    expect(warnings(problems)[0].message).toContain('fixed F is 2 bytes');
  });
});
