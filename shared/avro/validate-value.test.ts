import { PerformanceObserver } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { MAX_VALUE_DEPTH, type RuntimeObject, type RuntimeValue } from './avro-json.js';
import type { RecordSchema, Schema } from './model.js';
import { readSchemaJson } from './schema-reader.js';
import { describeProblems, NO_PROBLEMS, validateValue, type ValueProblem } from './validate-value.js';

function schema(json: unknown): Schema {
  return readSchemaJson(typeof json === 'string' ? json : JSON.stringify(json), { file: 'test.avsc' }).schema;
}

const messages = (problems: ValueProblem[]): string[] => problems.map((p) => p.message);

const ORDER = schema({
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] } },
    {
      name: 'items',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'Item',
          fields: [
            { name: 'sku', type: 'string' },
            { name: 'qty', type: 'int' },
            { name: 'price', type: 'double' },
            { name: 'note', type: ['null', 'string'], default: null },
          ],
        },
      },
    },
    { name: 'attrs', type: { type: 'map', values: ['null', 'string', 'long'] } },
    { name: 'digest', type: ['null', { type: 'fixed', name: 'MD5', size: 16 }], default: null },
    { name: 'raw', type: 'bytes' },
    { name: 'parent', type: ['null', 'Order'], default: null },
  ],
}) as RecordSchema;

function order(): RuntimeObject {
  return {
    id: 9007199254740993n,
    status: 'PAID',
    items: [
      { sku: 'a', qty: 1, price: 2.5, note: null },
      { sku: 'b', qty: 2, price: NaN, note: { string: 'gift' } },
    ],
    attrs: { colour: { string: 'red' }, weight: { long: 3 }, none: null },
    digest: { 'shop.MD5': new Uint8Array(16) },
    raw: new Uint8Array([1, 2, 3]),
    parent: { 'shop.Order': { id: 1, status: 'NEW', items: [], attrs: {}, digest: null, raw: new Uint8Array(0), parent: null } },
  };
}

describe('validateValue', () => {
  it('accepts a valid value and returns the shared empty list', () => {
    const problems = validateValue(ORDER, order());
    expect(problems).toEqual([]);
    expect(problems).toBe(NO_PROBLEMS);
    expect(Object.isFrozen(problems)).toBe(true);
  });

  it('checks every primitive', () => {
    const cases: [string, unknown, string | null][] = [
      ['null', null, null],
      ['null', undefined, 'expected null, got undefined'],
      ['boolean', true, null],
      ['boolean', 0, 'expected a boolean (true or false), got 0'],
      ['int', -2147483648, null],
      ['int', 2147483647, null],
      ['int', 2147483648, 'expected an int (a whole number from -2147483648 to 2147483647), got 2147483648, which is outside the 32-bit range'],
      ['int', 1.5, 'expected an int (a whole number from -2147483648 to 2147483647), got 1.5'],
      ['int', 5n, 'expected an int (a whole number from -2147483648 to 2147483647), got 5n'],
      ['int', NaN, 'expected an int (a whole number from -2147483648 to 2147483647), got NaN'],
      ['long', 9007199254740991, null],
      ['long', -9223372036854775808n, null],
      ['long', 9223372036854775807n, null],
      ['long', 12n, null],
      ['long', 2 ** 53, 'expected a long (a safe-integer number, or a bigint from -9223372036854775808 to 9223372036854775807), got 9007199254740992, a number beyond 2^53 that may have been rounded (longs beyond 2^53 are bigints)'],
      ['long', 2n ** 63n, 'expected a long (a safe-integer number, or a bigint from -9223372036854775808 to 9223372036854775807), got 9223372036854775808n, which is outside the 64-bit range'],
      ['long', '1', 'expected a long (a safe-integer number, or a bigint from -9223372036854775808 to 9223372036854775807), got "1"'],
      ['float', NaN, null],
      ['float', -Infinity, null],
      ['double', 1e300, null],
      ['double', 'NaN', 'expected a double (a number), got "NaN"'],
      ['string', '', null],
      ['string', new Uint8Array(1), 'expected a string, got a Uint8Array of 1 byte'],
      ['bytes', new Uint8Array(0), null],
      ['bytes', '\u0001', 'expected bytes (a Uint8Array), got "\\u0001"'],
      ['bytes', [1, 2], 'expected bytes (a Uint8Array), got an array of 2 items'],
      ['bytes', new Uint16Array(2), 'expected bytes (a Uint8Array), got a Uint16Array'],
    ];
    for (const [type, value, message] of cases) {
      expect(messages(validateValue(schema(JSON.stringify(type)), value)), `${type} ${String(value)}`).toEqual(message === null ? [] : [message]);
    }
  });

  it('accepts Buffers for bytes (a Buffer is a Uint8Array)', () => {
    expect(validateValue(schema('"bytes"'), Buffer.from('abc'))).toEqual([]);
  });

  it('checks fixed sizes, enum symbols, arrays and maps', () => {
    const md5 = schema({ type: 'fixed', name: 'MD5', namespace: 'x', size: 16 });
    expect(validateValue(md5, new Uint8Array(16))).toEqual([]);
    expect(messages(validateValue(md5, new Uint8Array(15)))).toEqual(['expected fixed MD5 (a Uint8Array of 16 bytes), got a Uint8Array of 15 bytes (fixed MD5 is 16 bytes)']);
    const kind = schema({ type: 'enum', name: 'Kind', symbols: ['FOO', 'BAR', 'BAZ'] });
    expect(validateValue(kind, 'BAR')).toEqual([]);
    expect(messages(validateValue(kind, 'QUX', 'record.kind'))).toEqual(['at record.kind: expected one of FOO, BAR, BAZ (enum Kind), got "QUX" (enum Kind has no such symbol)']);
    const ints = schema({ type: 'array', items: 'int' });
    expect(messages(validateValue(ints, [1, 'two', 3, 4.5]))).toEqual([
      'at [1]: expected an int (a whole number from -2147483648 to 2147483647), got "two"',
      'at [3]: expected an int (a whole number from -2147483648 to 2147483647), got 4.5',
    ]);
    expect(messages(validateValue(ints, { 0: 1 }))).toEqual(['expected an array of int, got an object with key "0"']);
    const map = schema({ type: 'map', values: 'string' });
    expect(validateValue(map, { a: 'x', 'b c': 'y' })).toEqual([]);
    expect(validateValue(map, Object.assign(Object.create(null) as object, { a: 'x' }))).toEqual([]);
    expect(messages(validateValue(map, { a: 'x', 'b c': 1 }, 'm'))).toEqual(['at m["b c"]: expected a string, got 1']);
    expect(messages(validateValue(map, new Map([['a', 'x']])))).toEqual(['expected an object (a map of string), got a Map']);
    expect(messages(validateValue(map, ['x']))).toEqual(['expected an object (a map of string), got an array of 1 item']);
  });

  it('checks unions: null only with a null branch, else one key naming a branch', () => {
    const u = schema({ type: 'array', items: ['null', 'int', { type: 'record', name: 'R', namespace: 'ns', fields: [] }] });
    expect(validateValue(u, [null, { int: 1 }, { 'ns.R': {} }])).toEqual([]);
    const union = 'null or an object with exactly one key, "int" or "ns.R" (union {null, int, R})';
    expect(messages(validateValue(u, [5, { int: 1, 'ns.R': {} }, {}, { R: {} }, { null: null }, { string: 'x' }, { int: 'x' }]))).toEqual([
      `at [0]: expected ${union}, got 5; a union value names its branch, as in {"<branch>": value}`,
      `at [1]: expected ${union}, got an object with keys "int", "ns.R"`,
      `at [2]: expected ${union}, got an empty object`,
      `at [3]: expected ${union}, got an object with key "R"; did you mean "ns.R"? (a branch is named by its full name)`,
      `at [4]: expected ${union}, got an object with key "null"; the null branch is plain null`,
      `at [5]: expected ${union}, got an object with key "string"`,
      'at [6].int: expected an int (a whole number from -2147483648 to 2147483647), got "x"',
    ]);
    expect(messages(validateValue(schema('["int", "string"]'), null))).toEqual(['expected an object with exactly one key, "int" or "string" (union {int, string}), got null (the union has no null branch)']);
  });

  it('reports every problem in a record with its path: missing fields, unknown fields, wrong values', () => {
    const value = order();
    delete value.raw;
    value.extra = 1;
    const items = value.items as RuntimeObject[];
    items[1].qty = 2 ** 31;
    delete items[0].note; // a default does not make a runtime field optional
    (value.attrs as RuntimeObject).weight = { long: 1.5 };
    const problems = validateValue(ORDER, value, 'order');
    expect(problems.map((p) => p.path)).toEqual(['order.items[0].note', 'order.items[1].qty', 'order.attrs.weight.long', 'order.raw', 'order.extra']);
    expect(messages(problems)).toEqual([
      'at order.items[0].note: missing field "note" of record Item: expected null or an object with exactly one key, "string" (union {null, string})',
      'at order.items[1].qty: expected an int (a whole number from -2147483648 to 2147483647), got 2147483648, which is outside the 32-bit range',
      'at order.attrs.weight.long: expected a long (a safe-integer number, or a bigint from -9223372036854775808 to 9223372036854775807), got 1.5',
      'at order.raw: missing field "raw" of record Order: expected bytes (a Uint8Array)',
      'at order.extra: record Order has no field "extra"; its fields are id, status, items, attrs, digest, raw, parent',
    ]);
    expect(problems[3]).toMatchObject({ expected: 'bytes (a Uint8Array)', got: 'nothing' });
    expect(messages(validateValue(ORDER, 'x'))).toEqual(['expected an object (record Order with fields id, status, items, attrs, digest, raw, parent), got "x"']);
  });

  it('does not mistake inherited properties for fields named like them', () => {
    const odd = schema({ type: 'record', name: 'Odd', fields: [{ name: 'toString', type: 'string' }, { name: '__proto__', type: 'int' }, { name: 'constructor', type: 'boolean' }] });
    expect(messages(validateValue(odd, {}))).toEqual([
      'at toString: missing field "toString" of record Odd: expected a string',
      'at __proto__: missing field "__proto__" of record Odd: expected an int (a whole number from -2147483648 to 2147483647)',
      'at constructor: missing field "constructor" of record Odd: expected a boolean (true or false)',
    ]);
    const value = JSON.parse('{"toString": "s", "__proto__": 1, "constructor": true}') as RuntimeObject;
    expect(validateValue(odd, value)).toEqual([]);
  });

  it('treats a field set to undefined as missing', () => {
    const value = { ...order(), raw: undefined };
    expect(messages(validateValue(ORDER, value))).toEqual(['at raw: missing field "raw" of record Order: expected bytes (a Uint8Array)']);
  });

  it('accepts records that are class instances, as avsc decodes them', () => {
    class Item {
      constructor(
        public sku: string,
        public qty: number,
        public price: number,
        public note: RuntimeValue,
      ) {}
    }
    const value = { ...order(), items: [new Item('a', 1, 1, null)] };
    expect(validateValue(ORDER, value)).toEqual([]);
  });

  it('stops at the depth limit on a cyclic value', () => {
    const list = schema({ type: 'record', name: 'L', fields: [{ name: 'next', type: ['null', 'L'] }] });
    const cyclic: RuntimeObject = { next: null };
    cyclic.next = { L: cyclic };
    const problems = validateValue(list, cyclic);
    expect(problems).toHaveLength(1);
    expect(problems[0].expected).toBe(`a value nested at most ${MAX_VALUE_DEPTH} levels deep`);
    expect(problems[0].path.startsWith('next.L.next.L.next')).toBe(true);
    // Finite but deep within the limit: fine.
    let deep: RuntimeValue = null;
    for (let i = 0; i < MAX_VALUE_DEPTH / 2 - 1; i++) deep = { L: { next: deep } };
    expect(validateValue(list, { next: deep })).toEqual([]);
  });

  it('is reusable after a problem and after an exception in a getter', () => {
    expect(validateValue(ORDER, {})).toHaveLength(7);
    const hostile = { ...order() };
    Object.defineProperty(hostile, 'status', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(() => validateValue(ORDER, hostile)).toThrow('boom');
    expect(validateValue(ORDER, order())).toBe(NO_PROBLEMS);
    expect(messages(validateValue(schema('"int"'), 'x'))).toEqual(['expected an int (a whole number from -2147483648 to 2147483647), got "x"']);
  });

  it('allocates nothing on the success path (no garbage collection in 300,000 validations)', async () => {
    // No fractional numbers here: V8 keeps a fractional number held in an object's field unboxed
    // and boxes it afresh whenever the field is read by a computed key, as any generic walk must
    // (and once any object of a shape held one, all objects of that shape do). That allocation
    // is the engine's, not ours; this measures ours. Field names are unique to this test for that reason.
    const events = schema({
      type: 'record',
      name: 'Event',
      fields: [
        { name: 'evId', type: 'long' },
        { name: 'evKind', type: { type: 'enum', name: 'EvKind', symbols: ['A', 'B'] } },
        { name: 'evParts', type: { type: 'array', items: { type: 'record', name: 'EvPart', fields: [{ name: 'evName', type: 'string' }, { name: 'evCount', type: 'int' }, { name: 'evNote', type: ['null', 'string'] }] } } },
        { name: 'evTags', type: { type: 'map', values: ['null', 'long', 'string'] } },
        { name: 'evHash', type: ['null', { type: 'fixed', name: 'EvHash', size: 4 }] },
        { name: 'evRaw', type: 'bytes' },
        { name: 'evNext', type: ['null', 'Event'] },
      ],
    });
    const leaf = { evId: 1, evKind: 'A', evParts: [], evTags: {}, evHash: null, evRaw: new Uint8Array(0), evNext: null };
    const value = {
      evId: 9007199254740993n,
      evKind: 'B',
      evParts: [{ evName: 'a', evCount: 1, evNote: null }, { evName: 'b', evCount: 2, evNote: { string: 'x' } }],
      evTags: { one: { long: 1 }, two: { string: 'II' }, none: null },
      evHash: { EvHash: new Uint8Array(4) },
      evRaw: new Uint8Array(3),
      evNext: { Event: leaf },
    };
    expect(validateValue(events, value)).toBe(NO_PROBLEMS);
    for (let i = 0; i < 20_000; i++) validateValue(events, value); // warm up: compile the checkers, optimize
    await new Promise((resolve) => setTimeout(resolve, 20));
    let collections = 0;
    const observer = new PerformanceObserver((list) => (collections += list.getEntries().length));
    observer.observe({ entryTypes: ['gc'] });
    for (let i = 0; i < 300_000; i++) validateValue(events, value);
    await new Promise((resolve) => setTimeout(resolve, 20));
    observer.disconnect();
    // Building even the paths would allocate hundreds of megabytes here: hundreds of collections.
    expect(collections).toBeLessThanOrEqual(2);
  });

  it('validates a large valid value quickly', () => {
    const big = order();
    big.items = Array.from({ length: 10_000 }, (_, i) => ({ sku: `s${i}`, qty: i, price: i / 2, note: i % 2 ? null : { string: 'n' } }));
    const start = performance.now();
    for (let i = 0; i < 20; i++) expect(validateValue(ORDER, big)).toBe(NO_PROBLEMS);
    // 200,000 records with 4 fields each; generous, to catch an accidental quadratic walk only.
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('describeProblems', () => {
  it('gives one message, or a count and the first few', () => {
    expect(describeProblems([])).toBe('no problems');
    const one = validateValue(schema('"int"'), 'x');
    expect(describeProblems(one)).toBe(one[0].message);
    const many = validateValue(schema({ type: 'array', items: 'int' }), ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(describeProblems(many, 3)).toBe(
      [
        '7 problems:',
        '  at [0]: expected an int (a whole number from -2147483648 to 2147483647), got "a"',
        '  at [1]: expected an int (a whole number from -2147483648 to 2147483647), got "b"',
        '  at [2]: expected an int (a whole number from -2147483648 to 2147483647), got "c"',
        '  ... and 4 more',
      ].join('\n'),
    );
    expect(describeProblems(many).split('\n')).toHaveLength(7);
  });
});
