// Tests run in Node only: they use Buffer and avsc to cross-check the representation.
import avsc from 'avsc';
import { describe, expect, it } from 'vitest';
import {
  AvroValueError,
  defaultToRuntime,
  describeExpected,
  fromAvroJson,
  MAX_VALUE_DEPTH,
  parseAvroJsonText,
  toAvroJson,
  type RuntimeObject,
  type RuntimeValue,
} from './avro-json.js';
import { toJsonText } from './json-text.js';
import type { JsonValue, RecordSchema, Schema } from './model.js';
import { readProtocolJson, readSchemaJson } from './schema-reader.js';
import { schemaToJson } from './schema-writer.js';
import { fromAvsc, toAvsc } from '../../test/support/avsc-values.js';

/** A schema from its Avro JSON text (as text, so big integers in defaults stay exact). */
function schema(json: unknown): Schema {
  return readSchemaJson(typeof json === 'string' ? json : JSON.stringify(json), { file: 'test.avsc' }).schema;
}

/** The error `run` throws, for asserting on its fields. */
function thrown(run: () => unknown): AvroValueError {
  try {
    run();
  } catch (e) {
    if (e instanceof AvroValueError) return e;
    throw e;
  }
  throw new Error('expected an AvroValueError');
}

const RICH = schema({
  type: 'record',
  name: 'Rich',
  namespace: 'org.acme',
  fields: [
    { name: 'n', type: 'null' },
    { name: 'b', type: 'boolean' },
    { name: 'i', type: 'int' },
    { name: 'l', type: 'long' },
    { name: 'f', type: 'float' },
    { name: 'd', type: 'double' },
    { name: 'by', type: 'bytes' },
    { name: 's', type: 'string' },
    { name: 'date', type: { type: 'int', logicalType: 'date' } },
    { name: 'ts', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'dec', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 } },
    { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
    { name: 'dur', type: { type: 'fixed', name: 'Duration', size: 12, logicalType: 'duration' } },
    { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['FOO', 'BAR', 'BAZ'] } },
    { name: 'hash', type: { type: 'fixed', name: 'MD5', namespace: 'org.other', size: 16 } },
    {
      name: 'inner',
      type: { type: 'record', name: 'Inner', fields: [{ name: 'x', type: 'int' }, { name: 'tags', type: { type: 'array', items: 'string' } }] },
    },
    {
      name: 'mixed',
      type: { type: 'array', items: ['null', 'int', 'string', 'Inner', 'org.other.MD5', { type: 'array', items: 'long' }, { type: 'map', values: 'double' }, 'Kind', 'boolean', 'bytes'] },
    },
    { name: 'scores', type: { type: 'map', values: 'long' } },
    { name: 'nested', type: { type: 'map', values: { type: 'array', items: 'Inner' } } },
    {
      name: 'tree',
      type: {
        type: 'record',
        name: 'Tree',
        fields: [
          { name: 'label', type: 'string' },
          { name: 'children', type: { type: 'array', items: 'Tree' } },
          { name: 'next', type: ['null', 'Tree'], default: null },
        ],
      },
    },
    { name: 'opt', type: ['null', 'string'], default: null },
  ],
}) as RecordSchema;

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

/** A value of RICH; `big` makes longs beyond 2^53 (avsc's own long refuses them). */
function richValue(big: boolean): RuntimeObject {
  return {
    n: null,
    b: true,
    i: -2147483648,
    // avsc's own long stops at ±9007199254740990; the engine's exact long goes all the way.
    l: big ? 9007199254740993n : 9007199254740990,
    f: 1.5,
    d: -0.1,
    by: bytes(0, 1, 127, 128, 255),
    s: 'héllo "wörld"\n\u0000 €𝄞',
    date: 19000,
    ts: big ? -9223372036854775808n : -1700000000000,
    dec: bytes(0x01, 0xe2, 0x40),
    id: '123e4567-e89b-12d3-a456-426614174000',
    dur: bytes(1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0),
    kind: 'BAR',
    hash: new Uint8Array(16).map((_, i) => i * 17),
    inner: { x: 42, tags: ['a', 'b'] },
    mixed: [
      null,
      { int: 7 },
      { string: 'x' },
      { 'org.acme.Inner': { x: 1, tags: [] } },
      { 'org.other.MD5': new Uint8Array(16).fill(255) },
      { array: [1, big ? 9223372036854775807n : -5] },
      { map: { a: 0.25, b: -2 } },
      { 'org.acme.Kind': 'BAZ' },
      { boolean: false },
      { bytes: bytes() },
    ],
    scores: { alice: 3, 'with space': big ? -9007199254740993n : 0, __proto__x: 1 },
    nested: { k: [{ x: 2, tags: ['t'] }], empty: [] },
    tree: {
      label: 'root',
      children: [
        { label: 'a', children: [], next: null },
        { label: 'b', children: [{ label: 'b1', children: [], next: null }], next: { 'org.acme.Tree': { label: 'c', children: [], next: null } } },
      ],
      next: null,
    },
    opt: { string: 'set' },
  };
}

describe('fromAvroJson and toAvroJson', () => {
  it('round-trip a rich value through JSON text', () => {
    const value = richValue(true);
    const json = toAvroJson(RICH, value);
    const text = toJsonText(json);
    expect(parseAvroJsonText(RICH, text)).toEqual(value);
    expect(fromAvroJson(RICH, json)).toEqual(value);
    expect(toAvroJson(RICH, fromAvroJson(RICH, json))).toEqual(json);
  });

  it('keep longs exact through text: 2^53 + 1 and -2^63', () => {
    const long = schema('"long"');
    for (const [value, text] of [
      [9007199254740993n, '9007199254740993'],
      [-9223372036854775808n, '-9223372036854775808'],
      [9223372036854775807n, '9223372036854775807'],
    ] as const) {
      expect(toJsonText(toAvroJson(long, value))).toBe(text);
      expect(parseAvroJsonText(long, text)).toBe(value);
    }
    // Safe integers are numbers, whichever way they come in.
    expect(parseAvroJsonText(long, '9007199254740991')).toBe(9007199254740991);
    expect(fromAvroJson(long, 12n)).toBe(12);
    expect(toAvroJson(long, 12n)).toBe(12);
  });

  it('refuse longs that are not exact or out of range', () => {
    const long = schema('"long"');
    expect(thrown(() => fromAvroJson(long, 2 ** 60)).message).toBe(
      'expected a long (a whole number from -9223372036854775808 to 9223372036854775807), got 1152921504606846976, a number beyond 2^53 that may have been rounded (write longs as exact integers; parseAvroJsonText keeps them exact as bigints)',
    );
    expect(thrown(() => parseAvroJsonText(long, '9223372036854775808')).message).toBe(
      '1:1: expected a long (a whole number from -9223372036854775808 to 9223372036854775807), got 9223372036854775808, which is outside the 64-bit range',
    );
    expect(() => parseAvroJsonText(long, '1.5')).toThrow(AvroValueError);
    expect(() => parseAvroJsonText(long, '"1"')).toThrow(AvroValueError);
    expect(() => toAvroJson(long, 2 ** 60)).toThrow(AvroValueError);
    expect(() => toAvroJson(long, 2n ** 63n)).toThrow(AvroValueError);
  });

  it('carry bytes with all 256 byte values as code points 0-255', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const text = toJsonText(toAvroJson(schema('"bytes"'), all));
    expect(JSON.parse(text)).toBe(String.fromCharCode(...all));
    expect(parseAvroJsonText(schema('"bytes"'), text)).toEqual(all);
    const md5 = schema({ type: 'fixed', name: 'Block', size: 256 });
    expect(parseAvroJsonText(md5, toJsonText(toAvroJson(md5, all)))).toEqual(all);
    // Large values go through in chunks.
    const large = new Uint8Array(100_000).map((_, i) => i % 251);
    const back = fromAvroJson(schema('"bytes"'), toAvroJson(schema('"bytes"'), large)) as Uint8Array;
    expect(Buffer.from(back).equals(large)).toBe(true);
  });

  it('refuse characters beyond \\u00ff in bytes, and fixed of the wrong size', () => {
    expect(thrown(() => fromAvroJson(schema('"bytes"'), 'ab€')).message).toBe(
      'expected bytes (a string of characters \\u0000-\\u00ff, one per byte), got "ab€", whose character \'€\' (U+20AC) at index 2 is not a byte',
    );
    expect(thrown(() => fromAvroJson(schema({ type: 'fixed', name: 'MD5', size: 16 }), 'abc')).message).toBe(
      'expected fixed MD5 (a string of 16 characters \\u0000-\\u00ff, one per byte), got "abc" (3 characters)',
    );
    expect(() => toAvroJson(schema({ type: 'fixed', name: 'MD5', size: 16 }), new Uint8Array(15))).toThrow('expected fixed MD5 (a Uint8Array of 16 bytes), got a Uint8Array of 15 bytes');
  });

  it('write NaN and infinities as Java does, and read them back', () => {
    for (const type of ['float', 'double']) {
      const s = schema(JSON.stringify(type));
      expect(toAvroJson(s, NaN)).toBe('NaN');
      expect(toAvroJson(s, Infinity)).toBe('Infinity');
      expect(toAvroJson(s, -Infinity)).toBe('-Infinity');
      expect(toJsonText(toAvroJson(s, -Infinity))).toBe('"-Infinity"');
      expect(parseAvroJsonText(s, '"NaN"')).toBeNaN();
      expect(parseAvroJsonText(s, '"Infinity"')).toBe(Infinity);
      expect(parseAvroJsonText(s, '"-Infinity"')).toBe(-Infinity);
      expect(parseAvroJsonText(s, '1e400')).toBe(Infinity);
      expect(parseAvroJsonText(s, '123456789012345678901234567890')).toBe(1.2345678901234568e29);
      expect(() => parseAvroJsonText(s, '"nan"')).toThrow(`expected a ${type} (a number, or "NaN", "Infinity" or "-Infinity"), got "nan"`);
    }
  });

  it('check every primitive', () => {
    const ok: [string, JsonValue, RuntimeValue][] = [
      ['null', null, null],
      ['boolean', false, false],
      ['int', 2147483647, 2147483647],
      ['int', -2147483648, -2147483648],
      ['long', -1, -1],
      ['float', 0.5, 0.5],
      ['double', 3, 3],
      ['string', '', ''],
      ['bytes', '', new Uint8Array(0)],
    ];
    expect(fromAvroJson(schema('"int"'), -0)).toBe(0);
    expect(toAvroJson(schema('"long"'), -0)).toBe(0);
    for (const [type, json, value] of ok) {
      expect(fromAvroJson(schema(JSON.stringify(type)), json)).toEqual(value);
      expect(toAvroJson(schema(JSON.stringify(type)), value)).toEqual(json);
    }
    const bad: [string, JsonValue, string][] = [
      ['null', 0, 'expected null, got 0'],
      ['boolean', 'true', 'expected a boolean (true or false), got "true"'],
      ['int', 2147483648, 'expected an int (a whole number from -2147483648 to 2147483647), got 2147483648'],
      ['int', 1.5, 'expected an int (a whole number from -2147483648 to 2147483647), got 1.5'],
      ['int', '1', 'expected an int (a whole number from -2147483648 to 2147483647), got "1"'],
      ['float', null, 'expected a float (a number, or "NaN", "Infinity" or "-Infinity"), got null'],
      ['string', 5, 'expected a string, got 5'],
      ['string', ['x'], 'expected a string, got an array of 1 item'],
      ['bytes', [1, 2], 'expected bytes (a string of characters \\u0000-\\u00ff, one per byte), got an array of 2 items'],
    ];
    for (const [type, json, message] of bad) expect(thrown(() => fromAvroJson(schema(JSON.stringify(type)), json)).message).toBe(message);
  });

  it('say where, what and what would be valid: the enum example', () => {
    const simple = readProtocolJson(
      JSON.stringify({
        protocol: 'Simple',
        namespace: 'org.apache.avro.test',
        types: [
          { name: 'Kind', type: 'enum', symbols: ['FOO', 'BAR', 'BAZ'] },
          { name: 'MD5', type: 'fixed', size: 16 },
          { name: 'TestRecord', type: 'record', fields: [{ name: 'name', type: 'string' }, { name: 'kind', type: 'Kind' }, { name: 'hash', type: 'MD5' }] },
        ],
        messages: {},
      }),
      { file: 'simple.avpr' },
    );
    const record = simple.types[2];
    const error = thrown(() => fromAvroJson(record, { name: 'x', kind: 'QUX', hash: '0123456789abcdef' }, 'record'));
    expect(error.message).toBe('at record.kind: expected one of FOO, BAR, BAZ (enum Kind), got "QUX"');
    expect(error).toMatchObject({ path: 'record.kind', expected: 'one of FOO, BAR, BAZ (enum Kind)', got: '"QUX"' });
    expect(error.name).toBe('AvroValueError');
  });

  it('name the path through records, arrays, maps and union branches', () => {
    const value = toAvroJson(RICH, richValue(false)) as { [key: string]: JsonValue };
    const at = (patch: (v: { [key: string]: JsonValue }) => void): string => {
      const copy = structuredClone(value);
      patch(copy);
      return thrown(() => fromAvroJson(RICH, copy, 'rich')).message;
    };
    expect(at((v) => ((v.mixed as JsonValue[])[3] = { 'org.acme.Inner': { x: 'one', tags: [] } }))).toBe(
      'at rich.mixed[3]["org.acme.Inner"].x: expected an int (a whole number from -2147483648 to 2147483647), got "one"',
    );
    expect(at((v) => ((v.nested as { [key: string]: JsonValue[] }).k[0] = { x: 1, tags: [1] }))).toBe('at rich.nested.k[0].tags[0]: expected a string, got 1');
    expect(at((v) => ((v.scores as { [key: string]: JsonValue })['with space'] = 'x'))).toBe(
      'at rich.scores["with space"]: expected a long (a whole number from -9223372036854775808 to 9223372036854775807), got "x"',
    );
    expect(at((v) => ((v.mixed as JsonValue[])[1] = { int: 1, string: 'a' }))).toBe(
      'at rich.mixed[1]: expected null or an object with exactly one key, "int", "string", "org.acme.Inner", "org.other.MD5", "array", "map", "org.acme.Kind", "boolean" or "bytes" (union {null, int, string, Inner, MD5, array<long>, map<double>, Kind, boolean, bytes}), got an object with keys "int", "string"',
    );
    expect(at((v) => (v.opt = 'hi'))).toBe('at rich.opt: expected null or an object with exactly one key, "string" (union {null, string}), got "hi"; a union value names its branch: write {"string": "hi"}');
    expect(at((v) => (v.opt = { null: null }))).toBe('at rich.opt: expected null or an object with exactly one key, "string" (union {null, string}), got an object with key "null"; the null branch is written as plain null');
    expect(at((v) => ((v.mixed as JsonValue[])[0] = { Inner: { x: 1, tags: [] } }))).toMatch(/got an object with key "Inner"; did you mean "org.acme.Inner"\? \(a branch is named by its full name\)$/);
    expect(at((v) => ((v.tree as { [key: string]: JsonValue }).next = { 'org.acme.Tree': { label: 'x', children: {} } }))).toBe(
      'at rich.tree.next["org.acme.Tree"].children: expected an array of Tree, got an empty object',
    );
    expect(at((v) => (v.kind = 'QUX'))).toBe('at rich.kind: expected one of FOO, BAR, BAZ (enum Kind), got "QUX"');
    expect(at((v) => (v.inner = [1]))).toBe('at rich.inner: expected an object (record Inner with fields x, tags), got an array of 1 item');
    expect(at((v) => (v.scores = []))).toBe('at rich.scores: expected an object (a map of long), got an empty array');
  });

  it('report missing fields without default, and unknown fields', () => {
    const inner = (RICH.fields.find((f) => f.name === 'inner') as { type: RecordSchema }).type;
    const missing = thrown(() => fromAvroJson(inner, { x: 1 }, 'inner'));
    expect(missing.message).toBe('at inner.tags: missing field "tags" of record Inner, which has no default: expected an array of string');
    expect(missing).toMatchObject({ path: 'inner.tags', expected: 'an array of string', got: 'nothing' });
    const unknown = thrown(() => fromAvroJson(inner, { x: 1, tags: [], tgas: [] }));
    expect(unknown.message).toBe('at tgas: record Inner has no field "tgas"; its fields are x, tags');
    expect(unknown).toMatchObject({ path: 'tgas', got: 'field "tgas"' });
    expect(thrown(() => toAvroJson(inner, { x: 1 })).message).toBe('at tags: missing field "tags" of record Inner: expected an array of string');
    expect(thrown(() => toAvroJson(inner, { x: 1, tags: [], extra: 1 })).message).toBe('at extra: record Inner has no field "extra"; its fields are x, tags');
  });

  it('fill missing fields from their defaults', () => {
    const s = schema(`{"type": "record", "name": "D", "fields": [
      {"name": "a", "type": "int", "default": 7},
      {"name": "b", "type": ["string", "null"], "default": "first"},
      {"name": "c", "type": ["null", "string"], "default": null},
      {"name": "d", "type": "long", "default": 9007199254740993},
      {"name": "e", "type": "bytes", "default": "\\u0000\\u00ff"},
      {"name": "f", "type": "double", "default": "NaN"},
      {"name": "g", "type": {"type": "enum", "name": "E", "symbols": ["X", "Y"]}, "default": "Y"},
      {"name": "h", "type": {"type": "record", "name": "H", "fields": [
        {"name": "u", "type": ["int", "string"]},
        {"name": "v", "type": "string", "default": "vee"}
      ]}, "default": {"u": 3}},
      {"name": "i", "type": {"type": "map", "values": ["long", "null"]}, "default": {"k": 1}},
      {"name": "j", "type": {"type": "fixed", "name": "F", "size": 2}, "default": "ab"}
    ]}`);
    const value = fromAvroJson(s, {}) as RuntimeObject;
    expect(value).toEqual({
      a: 7,
      b: { string: 'first' },
      c: null,
      d: 9007199254740993n,
      e: bytes(0, 255),
      f: NaN,
      g: 'Y',
      h: { u: { int: 3 }, v: 'vee' },
      i: { k: { long: 1 } },
      j: bytes(97, 98),
    });
    // A given value overrides the default, and is read as a value (wrapped union), not as a default.
    expect((fromAvroJson(s, { b: null }) as RuntimeObject).b).toBeNull();
    expect((fromAvroJson(s, { b: { string: 'x' } }) as RuntimeObject).b).toEqual({ string: 'x' });
  });

  it('defaultToRuntime takes a union default as its first branch only', () => {
    const u = schema('["string", "null"]');
    expect(defaultToRuntime(u, 'x')).toEqual({ string: 'x' });
    expect(thrown(() => defaultToRuntime(u, null)).message).toBe("expected a string, got null (a union default is a value of the union's first branch, string)");
    expect(defaultToRuntime(schema('["null", "string"]'), null)).toBeNull();
    expect(defaultToRuntime(schema('[{"type": "array", "items": ["int", "null"]}, "null"]'), [1, 2])).toEqual({ array: [{ int: 1 }, { int: 2 }] });
    // The schema reader warns about such a default (Java takes it); converting it says why it fails.
    const record = schema('{"type": "record", "name": "W", "fields": [{"name": "w", "type": ["null", "int"], "default": 5}]}');
    expect(thrown(() => fromAvroJson(record, {})).message).toBe(
      `at w: expected null, got 5 (a union default is a value of the union's first branch, null) (in the default of field "w" of record W)`,
    );
  });

  it('parse text with positions for syntax and value errors', () => {
    const error = thrown(() => parseAvroJsonText(RICH, '{\n  "n": null,\n  "b": tru\n}'));
    expect(error.message).toBe("3:8: invalid JSON: expected a JSON value, found 't'");
    expect(error).toMatchObject({ line: 3, column: 8, path: '' });
    const text = toJsonText(toAvroJson(RICH, richValue(false))).replace('"kind": "BAR"', '"kind": "QUX"');
    const line = text.split('\n').findIndex((l) => l.includes('"QUX"')) + 1;
    const column = text.split('\n')[line - 1].indexOf('"QUX"') + 1;
    const valueError = thrown(() => parseAvroJsonText(RICH, text));
    expect(valueError.message).toBe(`${line}:${column}: at kind: expected one of FOO, BAR, BAZ (enum Kind), got "QUX"`);
    // A missing field points at its object.
    expect(thrown(() => parseAvroJsonText(RICH, '\n  {"n": null}')).message).toMatch(/^2:3: at b: missing field "b" of record Rich/);
    expect(thrown(() => parseAvroJsonText(schema('"int"'), '')).message).toBe('1:1: invalid JSON: expected a JSON value, found the end of the text');
  });

  it('refuse a JS Map for a map, and take class instances for records (as avsc decodes them)', () => {
    const map = schema('{"type": "map", "values": "int"}');
    expect(thrown(() => toAvroJson(map, new Map([['a', 1]]) as unknown as RuntimeValue)).message).toBe('expected an object (a map of int), got a Map');
    class Point {
      constructor(
        public x: number,
        public y: number,
      ) {}
    }
    const point = schema('{"type": "record", "name": "Point", "fields": [{"name": "x", "type": "int"}, {"name": "y", "type": "int"}]}');
    expect(toAvroJson(point, new Point(1, 2) as unknown as RuntimeValue)).toEqual({ x: 1, y: 2 });
  });

  it('keep __proto__ as an ordinary map key', () => {
    const map = schema('{"type": "map", "values": "int"}');
    const value = parseAvroJsonText(map, '{"__proto__": 1, "a": 2}') as RuntimeObject;
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(toJsonText(toAvroJson(map, value), 0)).toBe('{"__proto__":1,"a":2}');
  });

  it('stop at a cyclic runtime value instead of looping', () => {
    const list = schema('{"type": "record", "name": "L", "fields": [{"name": "next", "type": ["null", "L"]}]}');
    const cyclic: RuntimeObject = { next: null };
    cyclic.next = { L: cyclic };
    const error = thrown(() => toAvroJson(list, cyclic));
    expect(error.message).toMatch(new RegExp(`expected a value nested at most ${MAX_VALUE_DEPTH} levels deep, got deeper nesting \\(is the value cyclic\\?\\)$`));
    // A deep but finite value within the limit is fine.
    let deep: RuntimeValue = null;
    for (let i = 0; i < MAX_VALUE_DEPTH / 2 - 1; i++) deep = { L: { next: deep } };
    const value = { next: deep };
    expect(fromAvroJson(list, toAvroJson(list, value))).toEqual(value);
  });

  it('describe what is expected for every kind of schema', () => {
    expect(describeExpected(RICH, 'json')).toBe('an object (record Rich with fields n, b, i, l, f, d, by, s, date, ts, dec, id, dur, kind, hash, inner, mixed, scores, nested, tree, opt)');
    expect(describeExpected(schema('["null", "int"]'), 'runtime')).toBe('null or an object with exactly one key, "int" (union {null, int})');
    expect(describeExpected(schema('["int", "string"]'), 'json')).toBe('an object with exactly one key, "int" or "string" (union {int, string})');
    expect(describeExpected(schema('"long"'), 'runtime')).toBe('a long (a safe-integer number, or a bigint from -9223372036854775808 to 9223372036854775807)');
  });
});

// ---- avsc: the engine's view of the same values ------------------------------------------------

describe('the representation matches avsc with wrapUnions', () => {
  const cases: [string, Schema, RuntimeValue][] = [
    ['the rich record', RICH, richValue(false)],
    ['a bare union', schema('["null", "int", {"type": "record", "name": "a.R", "fields": []}]'), { 'a.R': {} }],
    ['a union null', schema('["null", "int"]'), null],
    ['a map of unions', schema('{"type": "map", "values": ["string", {"type": "array", "items": "int"}]}'), { a: { string: 'x' }, b: { array: [1] } }],
    ['an enum', schema('{"type": "enum", "name": "E", "symbols": ["A", "B"]}'), 'B'],
    ['a fixed', schema('{"type": "fixed", "name": "F", "size": 3}'), bytes(1, 2, 3)],
    ['a float (float32-exact)', schema('"float"'), 0.375],
    ['a double NaN', schema('"double"'), NaN],
  ];

  it.each(cases)('%s: avsc takes our value and gives it back', (_name, s, value) => {
    const type = avsc.Type.forSchema(schemaToJson(s) as avsc.Schema, { wrapUnions: true });
    const forAvsc = toAvsc(value);
    expect(type.isValid(forAvsc)).toBe(true);
    expect(fromAvsc(type.fromBuffer(type.toBuffer(forAvsc)))).toEqual(value);
  });

  it.each(cases.filter(([name]) => !name.includes('NaN')))('%s: our JSON encoding is avsc\'s', (_name, s, value) => {
    const type = avsc.Type.forSchema(schemaToJson(s) as avsc.Schema, { wrapUnions: true });
    const ours = toJsonText(toAvroJson(s, value), 0);
    expect(JSON.parse(type.toString(toAvsc(value)))).toEqual(JSON.parse(ours));
    expect(fromAvsc(type.fromString(ours))).toEqual(value);
  });

  it('avsc rejects what we reject', () => {
    const type = avsc.Type.forSchema(schemaToJson(RICH) as avsc.Schema, { wrapUnions: true });
    const value = richValue(false);
    expect(type.isValid(toAvsc({ ...value, opt: 'bare' }))).toBe(false);
    expect(type.isValid(toAvsc({ ...value, mixed: [{ Inner: { x: 1, tags: [] } }] }))).toBe(false);
    expect(type.isValid(toAvsc({ ...value, i: 2 ** 31 }))).toBe(false);
    expect(type.isValid(toAvsc({ ...value, kind: 'QUX' }))).toBe(false);
  });
});
