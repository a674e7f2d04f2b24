import { describe, expect, it } from 'vitest';
import type { ArraySchema, EnumSchema, FixedSchema, MapSchema, NamedSchema, RecordSchema, UnionSchema } from './model.js';
import { readProtocolJson, readSchemaJson, SchemaReadError, type SchemaReadProblem } from './schema-reader.js';

const read = (json: unknown, names?: Map<string, NamedSchema>) => readSchemaJson(typeof json === 'string' ? json : JSON.stringify(json), { file: 'test.avsc', names });
const schemaOf = (json: unknown) => read(json).schema;
const record = (json: unknown) => schemaOf(json) as RecordSchema;

/** The SchemaReadError reading `text` throws. */
function readError(text: unknown, kind: 'schema' | 'protocol' = 'schema', names?: Map<string, NamedSchema>): SchemaReadError {
  const source = typeof text === 'string' ? text : JSON.stringify(text, null, 1);
  try {
    if (kind === 'schema') readSchemaJson(source, { file: 'bad.avsc', names });
    else readProtocolJson(source, { file: 'bad.avpr', names });
  } catch (error) {
    if (error instanceof SchemaReadError) return error;
    throw error;
  }
  throw new Error('expected a SchemaReadError');
}

describe('primitives', () => {
  it('reads a primitive name', () => {
    expect(schemaOf('"int"')).toEqual({ type: 'int', props: {} });
  });

  it('reads a primitive object with its properties in order', () => {
    const s = schemaOf({ type: 'long', logicalType: 'timestamp-millis', 'x.y': [1], doc: 'dropped, as in Java' });
    expect(s).toEqual({ type: 'long', props: { logicalType: 'timestamp-millis', 'x.y': [1] } });
    expect(Object.keys((s as { props: object }).props)).toEqual(['logicalType', 'x.y']);
  });

  it('keeps decimal properties on bytes', () => {
    expect(schemaOf({ type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 })).toEqual({ type: 'bytes', props: { logicalType: 'decimal', precision: 9, scale: 2 } });
  });
});

describe('records', () => {
  const text = {
    type: 'record',
    name: 'TestRecord',
    namespace: 'org.test',
    doc: 'A record.',
    aliases: ['Old', 'other.Older'],
    javaAnnotation: 'x.Y',
    fields: [
      { name: 'name', type: 'string', default: 'foo', order: 'ignore', doc: 'the name', aliases: ['nom'], customProp: 'v' },
      { name: 'kind', type: 'int', order: 'DESCENDING' },
      { name: 'opt', type: ['null', 'string'], default: null },
    ],
  };

  it('reads names, doc, aliases made full, properties', () => {
    const r = record(text);
    expect(r).toMatchObject({ type: 'record', name: 'TestRecord', namespace: 'org.test', fullName: 'org.test.TestRecord', doc: 'A record.' });
    expect(r.aliases).toEqual(['org.test.Old', 'other.Older']);
    expect(r.props).toEqual({ javaAnnotation: 'x.Y' });
  });

  it('reads fields with defaults, order, aliases, doc and properties', () => {
    const [name, kind, opt] = record(text).fields;
    expect(name).toMatchObject({ name: 'name', type: { type: 'string' }, default: 'foo', hasDefault: true, order: 'ignore', doc: 'the name', aliases: ['nom'], props: { customProp: 'v' } });
    expect(kind).toMatchObject({ name: 'kind', hasDefault: false, order: 'descending', aliases: [], props: {} });
    expect('default' in kind).toBe(false);
    expect(opt).toMatchObject({ hasDefault: true, default: null });
  });

  it('records where each definition is', () => {
    const source = '{"type": "record", "name": "R", "fields": [\n  {"name": "a", "type": "int"}\n]}';
    const r = schemaOf(source) as RecordSchema;
    expect(r.origin).toEqual({ file: 'test.avsc', start: 0, end: source.length });
    expect(source.slice(r.fields[0].origin!.start, r.fields[0].origin!.end)).toBe('{"name": "a", "type": "int"}');
  });

  it('reads an error type', () => {
    expect(schemaOf({ type: 'error', name: 'Oops', fields: [] }).type).toBe('error');
  });

  it('resolves a recursive reference to the record itself', () => {
    const r = record({ type: 'record', name: 'Node', fields: [{ name: 'children', type: { type: 'array', items: 'Node' } }] });
    expect((r.fields[0].type as ArraySchema).items).toBe(r);
  });
});

describe('enums, fixed, arrays, maps, unions', () => {
  it('reads an enum with symbols, default and properties', () => {
    const e = schemaOf({ type: 'enum', name: 'Kind', symbols: ['FOO', 'BAR'], default: 'BAR', doc: 'd', x: 1 }) as EnumSchema;
    expect(e).toMatchObject({ type: 'enum', name: 'Kind', symbols: ['FOO', 'BAR'], default: 'BAR', doc: 'd', props: { x: 1 } });
  });

  it('reads a fixed with its size and logical type', () => {
    const f = schemaOf({ type: 'fixed', name: 'Dec', size: 8, logicalType: 'decimal', precision: 4 }) as FixedSchema;
    expect(f).toMatchObject({ type: 'fixed', size: 8, props: { logicalType: 'decimal', precision: 4 } });
  });

  it('reads arrays and maps with properties', () => {
    expect(schemaOf({ type: 'array', items: 'string', 'foo.bar': 'x' })).toEqual({ type: 'array', items: { type: 'string', props: {} }, props: { 'foo.bar': 'x' } });
    expect((schemaOf({ type: 'map', values: { type: 'array', items: 'int' } }) as MapSchema).values.type).toBe('array');
  });

  it('reads a union', () => {
    const u = schemaOf(['null', { type: 'int', logicalType: 'date' }]) as UnionSchema;
    expect(u.types.map((t) => t.type)).toEqual(['null', 'int']);
  });
});

describe('namespaces and references', () => {
  it('passes the enclosing namespace to nested definitions and references', () => {
    const r = record({
      type: 'record', name: 'Outer', namespace: 'a.b',
      fields: [
        { name: 'in', type: { type: 'enum', name: 'Inner', symbols: ['X'] } },
        { name: 'again', type: 'Inner' },
        { name: 'full', type: 'a.b.Inner' },
        { name: 'other', type: { type: 'fixed', name: 'c.F', size: 1 } },
        { name: 'root', type: { type: 'fixed', name: 'G', namespace: '', size: 1 } },
      ],
    });
    const [inner, again, full, other, root] = r.fields.map((f) => f.type as NamedSchema);
    expect(inner.fullName).toBe('a.b.Inner');
    expect(again).toBe(inner);
    expect(full).toBe(inner);
    expect(other).toMatchObject({ name: 'F', namespace: 'c', fullName: 'c.F' });
    expect(root).toMatchObject({ name: 'G', namespace: undefined, fullName: 'G' });
  });

  it('uses the namespace of a dotted name for what is nested inside it', () => {
    const r = record({ type: 'record', name: 'x.y.R', namespace: 'ignored', fields: [{ name: 'e', type: { type: 'enum', name: 'E', symbols: ['A'] } }] });
    expect(r.fullName).toBe('x.y.R');
    expect((r.fields[0].type as EnumSchema).fullName).toBe('x.y.E');
  });

  it('reads in the namespace the caller gives', () => {
    const r = readSchemaJson('{"type": "record", "name": "R", "fields": [{"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A"]}}]}', { file: 't.avsc', namespace: 'given' }).schema as RecordSchema;
    expect(r.fullName).toBe('given.R');
    expect((r.fields[0].type as EnumSchema).fullName).toBe('given.E');
  });

  it('falls back to the null namespace for a short name, as Java does', () => {
    const names = new Map<string, NamedSchema>();
    read({ type: 'fixed', name: 'Hash', size: 4 }, names);
    const r = read({ type: 'record', name: 'R', namespace: 'ns', fields: [{ name: 'h', type: 'Hash' }] }, names).schema as RecordSchema;
    expect(r.fields[0].type).toBe(names.get('Hash'));
  });

  it('resolves forward references within the document', () => {
    const u = schemaOf([
      { type: 'record', name: 'A', fields: [{ name: 'b', type: 'B' }] },
      { type: 'record', name: 'B', fields: [{ name: 'a', type: ['null', 'A'] }] },
    ]) as UnionSchema;
    const [a, b] = u.types as RecordSchema[];
    expect(a.fields[0].type).toBe(b);
    expect((b.fields[0].type as UnionSchema).types[1]).toBe(a);
  });

  it('treats {"type": "Name"} as a reference', () => {
    const u = schemaOf([{ type: 'enum', name: 'E', symbols: ['A'] }, { type: 'record', name: 'R', fields: [{ name: 'e', type: { type: 'E' } }] }]) as UnionSchema;
    expect((u.types[1] as RecordSchema).fields[0].type).toBe(u.types[0]);
  });

  it('uses names the caller registered, and adds the new ones to its map', () => {
    const names = new Map<string, NamedSchema>();
    const position = read({ type: 'enum', name: 'Position', namespace: 'avro.examples.baseball', symbols: ['P', 'C'] }, names);
    expect([...names.keys()]).toEqual(['avro.examples.baseball.Position']);
    const player = read({ type: 'record', name: 'Player', namespace: 'avro.examples.baseball', fields: [{ name: 'position', type: { type: 'array', items: 'Position' } }] }, names);
    expect(((player.schema as RecordSchema).fields[0].type as ArraySchema).items).toBe(position.schema);
    expect([...names.keys()]).toEqual(['avro.examples.baseball.Position', 'avro.examples.baseball.Player']);
  });

  it('leaves the caller\'s map alone when reading fails', () => {
    const names = new Map<string, NamedSchema>();
    expect(() => read({ type: 'record', name: 'R', fields: [{ name: 'x', type: { type: 'enum', name: 'E', symbols: ['A'] } }, { name: 'y', type: 'Nope' }] }, names)).toThrow(SchemaReadError);
    expect(names.size).toBe(0);
  });

  it('lists defined types as Java registers them: nested types before their container', () => {
    const result = read({ type: 'record', name: 'Outer', fields: [{ name: 'a', type: { type: 'record', name: 'Inner', fields: [{ name: 'e', type: { type: 'enum', name: 'E', symbols: ['X'] } }] } }, { name: 'f', type: { type: 'fixed', name: 'F', size: 1 } }] });
    expect(result.defined.map((t) => t.name)).toEqual(['E', 'Inner', 'F', 'Outer']);
  });

  it('accepts an identical redefinition, which stands for the first', () => {
    const e = { type: 'enum', name: 'E', symbols: ['A', 'B'] };
    const r = record({ type: 'record', name: 'R', fields: [{ name: 'a', type: e }, { name: 'b', type: { ...e, doc: 'docs do not count' } }] });
    expect(r.fields[1].type).toBe(r.fields[0].type);
  });
});

describe('top-level arrays', () => {
  it('gives a list when every item is a named type (as Java writes several schemas)', () => {
    const result = read([{ type: 'enum', name: 'A', symbols: ['X'] }, { type: 'fixed', name: 'B', size: 2 }]);
    expect(result.schema.type).toBe('union');
    expect(result.list?.map((t) => t.name)).toEqual(['A', 'B']);
  });

  it('gives no list for an ordinary union', () => {
    expect(read(['null', 'string']).list).toBeUndefined();
  });
});

describe('errors say what and where', () => {
  it('reports JSON syntax errors with line and column', () => {
    const error = readError('{\n  "type": "record",\n  "name": "R"\n  "fields": []\n}');
    expect(error.offset).toBe(38);
    expect(error.message).toBe("bad.avsc:4:3: invalid JSON: expected ',' or '}' in object, found '\"'");
  });

  it('reports unknown types with where it looked, and a suggestion', () => {
    const text = '{"type": "record", "name": "R", "namespace": "ns", "fields": [\n  {"name": "a", "type": "Missing"}\n]}';
    const error = readError(text);
    expect(error.path).toBe('fields[0].type');
    expect(error.message).toBe("bad.avsc:2:25: fields[0].type: unknown type 'Missing' (looked for 'ns.Missing' and 'Missing'); define it before use or import the file that defines it");
    const names = new Map<string, NamedSchema>();
    read({ type: 'fixed', name: 'other.Hash', size: 1 }, names);
    expect(readError({ type: 'array', items: 'hash' }, 'schema', names).detail).toBe("unknown type 'hash'; did you mean 'other.Hash'?");
  });

  it('reports a bare complex type keyword', () => {
    expect(readError({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'array' }] }).detail).toBe(`'array' is not a type name; write an object: {"type": "array", "items": ...}`);
  });

  it('reports duplicate names', () => {
    const error = readError([{ type: 'enum', name: 'E', symbols: ['A'] }, { type: 'enum', name: 'E', symbols: ['B'] }]);
    expect(error.path).toBe('[1].name');
    expect(error.detail).toBe("duplicate definition of 'E' (first defined in bad.avsc at line 2); a name may be defined only once");
  });

  it('reports a name already registered by the caller', () => {
    const names = new Map<string, NamedSchema>();
    readSchemaJson('{"type": "fixed", "name": "F", "size": 1}', { file: 'first.avsc', names });
    expect(readError({ type: 'fixed', name: 'F', size: 2 }, 'schema', names).detail).toBe("duplicate definition of 'F' (first defined in first.avsc); a name may be defined only once");
  });

  it.each([
    [{ type: 'record', name: '1R', fields: [] }, 'name', "record name '1R' must start with a letter or '_', not '1'"],
    [{ type: 'record', name: 'R', namespace: 'a..b', fields: [] }, 'namespace', "namespace 'a..b' is invalid: part '' is empty"],
    [{ type: 'record', name: 'a.-.R', fields: [] }, 'name', "namespace 'a.-' is invalid: part '-' must start with a letter or '_', not '-'"],
    [{ type: 'record', name: 'R', fields: [{ name: 'a-b', type: 'int' }] }, 'fields[0].name', "field name 'a-b' may only contain letters, digits and '_' (found '-')"],
    [{ type: 'enum', name: 'E', symbols: ['OK', 'NOT OK'] }, 'symbols[1]', "enum symbol 'NOT OK' may only contain letters, digits and '_' (found ' ')"],
    [{ type: 'fixed', name: 'F', size: 1, aliases: ['9'] }, 'aliases[0]', "alias '9' must start with a letter or '_', not '9'"],
    [{ type: 'record', name: 'int', fields: [] }, 'name', "a named type may not be called 'int', the name of a primitive type"],
  ])('reports an invalid name in %j', (json, path, detail) => {
    const error = readError(json);
    expect(error.path).toBe(path);
    expect(error.detail).toBe(detail);
  });

  it('reports duplicate field names and enum symbols', () => {
    const field = readError({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }, { name: 'b', type: 'int' }, { name: 'a', type: 'string' }] });
    expect([field.path, field.detail]).toEqual(['fields[2].name', "record R already has a field 'a' (fields[0])"]);
    const symbol = readError({ type: 'enum', name: 'E', symbols: ['A', 'B', 'A'] });
    expect([symbol.path, symbol.detail]).toEqual(['symbols[2]', 'enum E already has the symbol A (symbols[0])']);
  });

  it.each([
    [-1, '-1'],
    [1.5, '1.5'],
    ['16', 'a string'],
    [2 ** 31, '2147483648'],
  ])('reports a bad fixed size %j', (size, shown) => {
    const error = readError({ type: 'fixed', name: 'F', size });
    expect(error.path).toBe('size');
    expect(error.detail).toBe(`the size of fixed F must be a whole number of bytes from 0 to 2147483647, got ${shown}`);
  });

  it.each([
    [{ type: 'fixed', name: 'F' }, '', "fixed F has no 'size'"],
    [{ type: 'record', fields: [] }, '', "record definition has no 'name'"],
    [{ type: 'record', name: 'R' }, '', "record R has no 'fields'"],
    [{ type: 'record', name: 'R', fields: {} }, 'fields', "'fields' must be an array, got an object"],
    [{ type: 'record', name: 'R', fields: [{ name: 'a' }] }, 'fields[0]', "field 'a' has no 'type'"],
    [{ type: 'record', name: 'R', fields: ['a'] }, 'fields[0]', "a field must be an object with 'name' and 'type', got a string"],
    [{ type: 'enum', name: 'E' }, '', "enum E has no 'symbols'"],
    [{ type: 'enum', name: 'E', symbols: ['A'], default: 'B' }, 'default', 'the default "B" of enum E is not one of its symbols A'],
    [{ type: 'array' }, '', "an array schema needs 'items'"],
    [{ type: 'map' }, '', "a map schema needs 'values'"],
    [{ items: 'int' }, '', "a schema object needs a 'type'"],
    [{ type: ['null', 'int'] }, 'type', "'type' must be a type name, got an array; write a union directly as the array, not inside {\"type\": ...}"],
    [['null', ['int']], '[1]', 'a union may not directly contain another union'],
    [['int', 'string', 'int'], '[2]', 'the union already has a int branch (branch 0); each type may appear once'],
    [[{ type: 'fixed', name: 'F', size: 1 }, 'F'], '[1]', 'the union already has a branch named F (branch 0); each type may appear once'],
    [42, '', 'expected a schema (a type name, an object or an array for a union), got a number'],
    [{ type: 'record', name: 'R', doc: 5, fields: [] }, 'doc', "'doc' must be a string, got a number"],
    [{ type: 'record', name: 'R', aliases: 'A', fields: [] }, 'aliases', "'aliases' must be an array of names, got a string"],
    [{ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int', order: 'up' }] }, 'fields[0].order', '\'order\' must be "ascending", "descending" or "ignore", got "up"'],
  ])('reports %j', (json, path, detail) => {
    const error = readError(json);
    expect(error.detail).toBe(detail);
    expect(error.path).toBe(path);
  });

  it('reports an invalid default, pointing into it', () => {
    const text = JSON.stringify({ type: 'record', name: 'R', fields: [{ name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['FOO', 'BAR', 'BAZ'] }, default: 'QUX' }] });
    const error = readError(text);
    expect(error.path).toBe('fields[0].default');
    expect(error.detail).toBe('invalid default for field \'kind\' (enum Kind): expected one of the enum symbols FOO, BAR, BAZ of enum Kind, got "QUX"');
    expect(text.slice(error.offset)).toMatch(/^"QUX"/);
    const nested = readError({ type: 'record', name: 'R', fields: [{ name: 'a', type: { type: 'array', items: 'int' }, default: [1, 'two'] }] });
    expect(nested.detail).toBe(`invalid default for field 'a' (array<int>): default at '[1]': expected an int (a whole number), got "two"`);
  });

  it('checks defaults of forward-referenced types once they resolve', () => {
    const error = readError([{ type: 'record', name: 'R', fields: [{ name: 'e', type: 'E', default: 'Z' }] }, { type: 'enum', name: 'E', symbols: ['A'] }]);
    expect(error.path).toBe('[0].fields[0].default');
  });

  it('passes warnings to onWarning', () => {
    const warnings: SchemaReadProblem[] = [];
    readSchemaJson(JSON.stringify({ type: 'record', name: 'R', fields: [{ name: 'h', type: { type: 'fixed', name: 'H', size: 4 }, default: 'abc' }] }), { file: 'w.avsc', onWarning: (w) => warnings.push(w) });
    expect(warnings).toHaveLength(1);
    expect(Object.keys(warnings[0]).sort()).toEqual(['column', 'detail', 'file', 'line', 'message', 'offset', 'path']);
    expect(warnings[0].path).toBe('fields[0].default');
    expect(warnings[0].message).toMatch(/^w\.avsc:1:\d+: fields\[0\]\.default: invalid default for field 'h' \(fixed H \(4 bytes\)\): fixed H is 4 bytes but the default has 3/);
  });
});

describe('protocols', () => {
  const protocolText = {
    protocol: 'org.test.Simple',
    doc: 'Protocol used for testing.',
    version: '1.6.2',
    messages: {
      hello: { doc: 'Send a greeting', request: [{ name: 'greeting', type: 'string', aliases: ['salute'], customProp: 'customValue', order: 'ignore' }], response: 'string' },
      fail: { request: [], response: 'null', errors: ['org.test.errors.TestError'], specialProp: 'test' },
      ack: { request: [], response: 'null', 'one-way': true },
      quiet: { request: [], 'one-way': true },
      inline: { request: [{ name: 'p', type: { type: 'record', name: 'Param', fields: [] } }], response: 'Kind' },
    },
    types: [
      { type: 'enum', name: 'Kind', symbols: ['FOO'] },
      { type: 'error', name: 'TestError', namespace: 'org.test.errors', fields: [{ name: 'message', type: 'string' }] },
    ],
  };

  it('reads the name, namespace, doc and properties', () => {
    const p = readProtocolJson(JSON.stringify(protocolText), { file: 'p.avpr' });
    expect(p).toMatchObject({ protocol: 'Simple', namespace: 'org.test', doc: 'Protocol used for testing.', props: { version: '1.6.2' } });
  });

  it('reads types before messages, wherever they are in the text, and lists inline ones too', () => {
    const p = readProtocolJson(JSON.stringify(protocolText), { file: 'p.avpr' });
    expect(p.types.map((t) => t.fullName)).toEqual(['org.test.Kind', 'org.test.errors.TestError', 'org.test.Param']);
  });

  it('reads messages: request, response, errors without the implicit string, one-way', () => {
    const p = readProtocolJson(JSON.stringify(protocolText), { file: 'p.avpr' });
    const [hello, fail, ack, quiet, inline] = p.messages;
    expect(hello).toMatchObject({ name: 'hello', doc: 'Send a greeting', oneWay: false, errors: [], response: { type: 'string' } });
    expect(hello.request[0]).toMatchObject({ name: 'greeting', aliases: ['salute'], order: 'ascending', props: { customProp: 'customValue', order: 'ignore' } });
    expect(fail.errors).toEqual([p.types[1]]);
    expect(fail.props).toEqual({ specialProp: 'test' });
    expect(ack).toMatchObject({ oneWay: true, response: { type: 'null' } });
    expect(quiet).toMatchObject({ oneWay: true, response: { type: 'null' } });
    expect(inline.response).toBe(p.types[0]);
  });

  it.each([
    [{ types: [] }, '', "the protocol has no 'protocol'"],
    [{ protocol: 'P', types: {} }, 'types', "'types' must be an array of named types, got an object"],
    [{ protocol: 'P', types: ['string'] }, 'types[0]', 'expected a named type definition (record, error, enum or fixed), got a string'],
    [{ protocol: 'P', types: [{ type: 'array', items: 'int' }] }, 'types[0]', 'expected a named type definition (record, error, enum or fixed), got a schema of type "array"'],
    [{ protocol: 'P', messages: [] }, 'messages', "'messages' must be an object from message name to message, got an array"],
    [{ protocol: 'P', messages: { m: { response: 'null' } } }, 'messages.m', "message 'm' has no 'request' (use [] for no parameters)"],
    [{ protocol: 'P', messages: { m: { request: [] } } }, 'messages.m', "message 'm' has no 'response' (use \"null\" for none)"],
    [{ protocol: 'P', messages: { m: { request: [], response: 'int', 'one-way': true } } }, 'messages.m.response', "one-way message 'm' must have response \"null\", not int"],
    [{ protocol: 'P', types: [{ type: 'error', name: 'E', fields: [] }], messages: { m: { request: [], response: 'null', 'one-way': true, errors: ['E'] } } }, 'messages.m.errors', "one-way message 'm' cannot declare errors: nobody receives them"],
    [{ protocol: 'P', messages: { m: { request: [], response: 'null', 'one-way': 'yes' } } }, 'messages.m["one-way"]', "'one-way' must be true or false, got a string"],
    [{ protocol: 'P', types: [{ type: 'record', name: 'R', fields: [] }], messages: { m: { request: [], response: 'null', errors: ['R'] } } }, 'messages.m.errors[0]', "'R' is record R, not an error type; declare it with \"type\": \"error\""],
    [{ protocol: 'P', messages: { m: { request: [], response: 'null', errors: ['string'] } } }, 'messages.m.errors[0]', "'string' is the implicit system error of every message; do not declare it"],
    [{ protocol: 'P', messages: { m: { request: [], response: 'null', errors: ['Nope'] } } }, 'messages.m.errors[0]', "unknown type 'Nope'; define it before use or import the file that defines it"],
    [{ protocol: 'P', messages: { m: { request: [], response: 'null', errors: [{ type: 'error', name: 'E', fields: [] }] } } }, 'messages.m.errors[0]', 'expected the name of an error type, got an object'],
    [{ protocol: 'P', messages: { m: { request: [{ name: 'a', type: 'int' }, { name: 'a', type: 'int' }], response: 'null' } } }, 'messages.m.request[1].name', "message 'm' already has a field 'a' (messages.m.request[0])"],
    [{ protocol: 'P', messages: { m: { request: [{ name: 'a', type: 'int', default: 'x' }], response: 'null' } } }, 'messages.m.request[0].default', "invalid default for field 'a' (int): expected an int (a whole number), got \"x\""],
    [[], '', "expected a protocol object with 'protocol', 'types' and 'messages', got an array"],
  ])('reports %j', (json, path, detail) => {
    const error = readError(json, 'protocol');
    expect(error.detail).toBe(detail);
    expect(error.path).toBe(path);
  });

  it('reports with file, line and column', () => {
    const error = readError('{"protocol": "P",\n "messages": {"m": {"request": [], "response": "Nope"}}}', 'protocol');
    expect(error.message).toBe("bad.avpr:2:48: messages.m.response: unknown type 'Nope'; define it before use or import the file that defines it");
  });
});
