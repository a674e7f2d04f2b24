import { describe, expect, it } from 'vitest';
import type { NamedSchema, Schema } from '../avro/model.js';
import { readSchemaJson } from '../avro/schema-reader.js';
import { checkSchemaCompatibility } from './schema-compatibility.js';

/** A schema from Avro JSON; named types from `names` (shared between calls) may be referred to. */
function s(json: unknown, names = new Map<string, NamedSchema>()): Schema {
  return readSchemaJson(JSON.stringify(json), { file: 'test.avsc', names }).schema;
}

const check = (reader: unknown, writer: unknown) => checkSchemaCompatibility(s(reader), s(writer));

const record = (name: string, fields: unknown[], extra: object = {}) => ({ type: 'record', name, fields, ...extra });

describe('primitives and promotion', () => {
  it.each(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'])('reads %s as itself', (t) => {
    expect(check(t, t)).toEqual([]);
  });

  it.each([
    ['long', 'int'],
    ['float', 'int'],
    ['double', 'int'],
    ['float', 'long'],
    ['double', 'long'],
    ['double', 'float'],
    ['bytes', 'string'],
    ['string', 'bytes'],
  ])('reader %s reads writer %s (promotion)', (reader, writer) => {
    expect(check(reader, writer)).toEqual([]);
  });

  it.each([
    ['int', 'long'],
    ['int', 'float'],
    ['long', 'double'],
    ['float', 'double'],
    ['int', 'string'],
    ['boolean', 'int'],
    ['null', 'string'],
    ['string', 'null'],
    ['string', 'int'],
  ])('reader %s cannot read writer %s', (reader, writer) => {
    expect(check(reader, writer)).toEqual([{ path: '', message: `writer type ${writer} cannot be read as reader type ${reader}` }]);
  });

  it('ignores logical types, as Java does (they share the underlying type)', () => {
    expect(check({ type: 'long', logicalType: 'timestamp-micros' }, { type: 'int', logicalType: 'date' })).toEqual([]);
  });
});

describe('arrays and maps', () => {
  it('resolves items and values recursively', () => {
    expect(check({ type: 'array', items: 'long' }, { type: 'array', items: 'int' })).toEqual([]);
    expect(check({ type: 'map', values: 'double' }, { type: 'map', values: 'float' })).toEqual([]);
  });

  it('points at the items or values that differ', () => {
    expect(check({ type: 'array', items: 'int' }, { type: 'array', items: 'string' })).toEqual([{ path: '[]', message: 'writer type string cannot be read as reader type int' }]);
    expect(check({ type: 'map', values: { type: 'array', items: 'int' } }, { type: 'map', values: { type: 'array', items: 'long' } })).toEqual([
      { path: '{}[]', message: 'writer type long cannot be read as reader type int' },
    ]);
  });

  it('does not read a map as an array', () => {
    expect(check({ type: 'array', items: 'int' }, { type: 'map', values: 'int' })).toEqual([{ path: '', message: 'writer type map<int> cannot be read as reader type array<int>' }]);
  });
});

describe('records', () => {
  const v1 = record('Order', [
    { name: 'id', type: 'long' },
    { name: 'items', type: { type: 'array', items: record('Item', [{ name: 'price', type: 'float' }, { name: 'sku', type: 'string' }]) } },
  ]);

  it('reads a record as itself', () => {
    expect(check(v1, v1)).toEqual([]);
  });

  it('needs a default for a reader field the writer lacks', () => {
    const withDefault = record('Order', [{ name: 'id', type: 'long' }, { name: 'note', type: 'string', default: '' }]);
    expect(check(withDefault, v1)).toEqual([]);
    const withoutDefault = record('Order', [{ name: 'id', type: 'long' }, { name: 'note', type: 'string' }]);
    expect(check(withoutDefault, v1)).toEqual([{ path: 'Order.note', message: "reader field 'note' (string) has no default, and the writer record Order has no field 'note'" }]);
  });

  it('skips writer fields the reader lacks', () => {
    expect(check(record('Order', [{ name: 'id', type: 'long' }]), v1)).toEqual([]);
  });

  it('resolves field types, with paths through arrays', () => {
    const v2 = record('Order', [
      { name: 'id', type: 'int' },
      { name: 'items', type: { type: 'array', items: record('Item', [{ name: 'price', type: 'int' }]) } },
    ]);
    expect(check(v2, v1)).toEqual([
      { path: 'Order.id', message: 'writer type long cannot be read as reader type int' },
      { path: 'Order.items[].price', message: 'writer type float cannot be read as reader type int' },
    ]);
  });

  it('matches a renamed field through the reader field\'s aliases', () => {
    const renamed = record('Order', [{ name: 'orderId', type: 'long', aliases: ['id'] }]);
    expect(check(renamed, v1)).toEqual([]);
    const noAlias = record('Order', [{ name: 'orderId', type: 'long', aliases: ['ident'] }]);
    expect(check(noAlias, v1)).toEqual([
      { path: 'Order.orderId', message: "reader field 'orderId' (long) has no default, and the writer record Order has no field 'orderId' nor one named as its aliases (ident)" },
    ]);
  });

  it('refuses an alias that makes a field match two writer fields (Java and avsc do too)', () => {
    const ambiguous = record('R', [{ name: 'hash', type: 'int' }, { name: 'nullableHash', type: ['null', 'int'], default: null, aliases: ['hash'] }]);
    expect(check(ambiguous, ambiguous)).toEqual([
      {
        path: 'R.nullableHash',
        message: "reader field 'nullableHash' matches the writer fields hash (by alias) and nullableHash (by name); Java and avsc refuse such an ambiguous alias when resolving, so remove the alias or rename the other field",
      },
    ]);
  });

  it('reads errors and records as each other', () => {
    expect(check({ ...record('E', []), type: 'error' }, record('E', []))).toEqual([]);
  });
});

describe('named types match by unqualified name or reader alias', () => {
  it('matches across namespaces by unqualified name (Java 1.12)', () => {
    expect(check(record('a.R', []), record('b.R', []))).toEqual([]);
  });

  it('refuses different names', () => {
    expect(check(record('a.R', []), record('a.S', []))).toEqual([
      { path: 'R', message: 'reader record a.R cannot read writer record a.S: the names differ and it has no alias a.S' },
    ]);
  });

  it('matches through a reader alias, made full in the reader\'s namespace', () => {
    expect(check(record('a.R', [], { aliases: ['S'] }), record('a.S', []))).toEqual([]);
    expect(check(record('a.R', [], { aliases: ['b.S'] }), record('b.S', []))).toEqual([]);
    expect(check(record('a.R', [], { aliases: ['S'] }), record('b.S', []))).toEqual([
      { path: 'R', message: 'reader record a.R cannot read writer record b.S: the names differ and none of its aliases (a.S) is b.S' },
    ]);
  });

  it('does not use writer aliases', () => {
    expect(check(record('R', []), record('S', [], { aliases: ['R'] }))).toHaveLength(1);
  });
});

describe('enums', () => {
  const enumOf = (symbols: string[], extra: object = {}) => ({ type: 'enum', name: 'Kind', symbols, ...extra });

  it('reads a writer whose symbols the reader all has', () => {
    expect(check(enumOf(['A', 'B', 'C']), enumOf(['B', 'A']))).toEqual([]);
  });

  it('refuses writer symbols the reader lacks when it has no default', () => {
    expect(check(enumOf(['A']), enumOf(['A', 'B', 'C']))).toEqual([
      { path: 'Kind', message: 'writer enum Kind has the symbols B, C that reader enum Kind lacks, and reader has no default symbol to read them as' },
    ]);
    expect(check(enumOf(['A']), enumOf(['A', 'B']))[0].message).toBe('writer enum Kind has the symbol B that reader enum Kind lacks, and reader has no default symbol to read it as');
  });

  it('reads unknown symbols as the reader\'s default', () => {
    expect(check(enumOf(['A', 'UNKNOWN'], { default: 'UNKNOWN' }), enumOf(['A', 'B']))).toEqual([]);
  });

  it('needs matching names', () => {
    expect(check(enumOf(['A']), { type: 'enum', name: 'Other', symbols: ['A'] })).toHaveLength(1);
  });
});

describe('fixed', () => {
  it('needs the same size', () => {
    expect(check({ type: 'fixed', name: 'MD5', size: 16 }, { type: 'fixed', name: 'MD5', size: 16 })).toEqual([]);
    expect(check({ type: 'fixed', name: 'MD5', size: 16 }, { type: 'fixed', name: 'MD5', size: 8 })).toEqual([
      { path: 'MD5', message: 'reader fixed MD5 is 16 bytes but writer fixed MD5 is 8 bytes' },
    ]);
  });

  it('needs matching names', () => {
    expect(check({ type: 'fixed', name: 'A', size: 4 }, { type: 'fixed', name: 'B', size: 4 })).toHaveLength(1);
  });

  it('is not bytes', () => {
    expect(check('bytes', { type: 'fixed', name: 'A', size: 4 })).toEqual([{ path: '', message: 'writer type fixed A (4 bytes) cannot be read as reader type bytes' }]);
  });
});

describe('unions', () => {
  it('a writer union needs every branch readable', () => {
    expect(check('string', ['null', 'string'])).toEqual([{ path: '(null)', message: 'writer type null cannot be read as reader type string' }]);
    expect(check('long', ['int', 'long'])).toEqual([]);
  });

  it('a reader union needs some branch that reads the writer type', () => {
    expect(check(['null', 'string'], 'string')).toEqual([]);
    expect(check(['null', 'long'], 'int')).toEqual([]);
    expect(check(['null', 'string'], 'int')).toEqual([{ path: '', message: 'reader union {null, string} has no branch that can read writer type int' }]);
  });

  it('both unions: every writer branch must find a reader branch', () => {
    expect(check(['null', 'long', 'string'], ['string', 'int', 'null'])).toEqual([]);
    expect(check(['null', 'int'], ['null', 'string', 'boolean'])).toEqual([
      { path: '(string)', message: 'reader union {null, int} has no branch that can read writer type string' },
      { path: '(boolean)', message: 'reader union {null, int} has no branch that can read writer type boolean' },
    ]);
  });

  it('explains the failing branch of the same name', () => {
    const names = new Map<string, NamedSchema>();
    const reader = s(record('R', [{ name: 'f', type: ['null', record('Card', [{ name: 'number', type: 'string' }, { name: 'cvc', type: 'int' }])] }]));
    const writer = s(record('R', [{ name: 'f', type: ['null', record('Card', [{ name: 'number', type: 'string' }])] }]), names);
    expect(checkSchemaCompatibility(reader, writer)).toEqual([
      { path: 'R.f(Card).cvc', message: "reader field 'cvc' (int) has no default, and the writer record Card has no field 'cvc'" },
    ]);
  });

  it('reads a union branch of named types by name', () => {
    const a = record('A', [{ name: 'x', type: 'int' }]);
    const b = record('B', [{ name: 'x', type: 'string' }]);
    expect(check([a, b], b)).toEqual([]);
    expect(check([a], b)).toEqual([{ path: '', message: 'reader union {A} has no branch that can read writer type record B' }]);
  });
});

describe('recursive types', () => {
  const list = (fields: unknown[]) => record('List', [{ name: 'value', type: 'int' }, { name: 'next', type: ['null', 'List'] }, ...fields]);

  it('terminates and accepts a compatible evolution', () => {
    expect(check(list([{ name: 'label', type: 'string', default: '' }]), list([]))).toEqual([]);
  });

  it('reports a problem inside a recursive type once, where it is first met', () => {
    expect(check(list([{ name: 'label', type: 'string' }]), list([]))).toEqual([
      { path: 'List.label', message: "reader field 'label' (string) has no default, and the writer record List has no field 'label'" },
    ]);
  });

  it('handles mutual recursion', () => {
    const tree = (leafExtra: unknown[]) => [
      record('Node', [{ name: 'children', type: { type: 'array', items: 'Node' } }, { name: 'leaf', type: ['null', 'Leaf'] }]),
      record('Leaf', [{ name: 'owner', type: ['null', 'Node'] }, ...leafExtra]),
    ];
    expect(check(tree([{ name: 'w', type: 'double', default: 0 }]), tree([{ name: 'w', type: 'float' }]))).toEqual([]);
    // The one cause (Leaf.w) is met along several paths through the cycle; it is reported once.
    expect(check(tree([{ name: 'w', type: 'int' }]), tree([{ name: 'w', type: 'float' }]))).toEqual([
      { path: '(Node).leaf(Leaf).w', message: 'writer type float cannot be read as reader type int' },
    ]);
  });

  it('reports a shared type\'s problem once, at the first place it is met', () => {
    const point = (t: string) => record('Point', [{ name: 'x', type: t }]);
    const names1 = new Map<string, NamedSchema>();
    const names2 = new Map<string, NamedSchema>();
    const reader = s(record('Line', [{ name: 'from', type: point('int') }, { name: 'to', type: 'Point' }]), names1);
    const writer = s(record('Line', [{ name: 'from', type: point('long') }, { name: 'to', type: 'Point' }]), names2);
    expect(checkSchemaCompatibility(reader, writer).map((p) => p.path)).toEqual(['Line.from.x']);
  });
});

describe('options', () => {
  it('uses the given root and labels', () => {
    expect(checkSchemaCompatibility(s('int'), s('long'), { root: 'response', labels: { reader: 'old', writer: 'new' } })).toEqual([
      { path: 'response', message: 'new type long cannot be read as old type int' },
    ]);
  });
});
