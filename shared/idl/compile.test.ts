/** The IDL compiler feature by feature, and every diagnostic it gives, on small in-memory files. */
import { describe, expect, it } from 'vitest';
import { compileIdl, compileIdlText, compileResultToJson, formatDiagnostics, type CompileResult } from './compile.js';
import { toJsonText } from '../avro/json-text.js';
import { memoryReader } from '../../test/support/memory-reader.js';

type Json = ReturnType<typeof JSON.parse>;

async function compile(text: string, others: Record<string, string> = {}, importPaths?: string[]): Promise<CompileResult> {
  return compileIdlText('/w/main.avdl', text, { reader: memoryReader(others), importPaths });
}

/** The compiled JSON, failing the test on any error. */
async function json(text: string, others: Record<string, string> = {}): Promise<Json> {
  const result = await compile(text, others);
  expect(formatDiagnostics(result).filter((l) => !l.includes('warning:'))).toEqual([]);
  return JSON.parse(toJsonText(compileResultToJson(result)));
}

/** Diagnostics as `line:col: message` (main file) or `file:line:col: message`. */
async function problems(text: string, others: Record<string, string> = {}): Promise<string[]> {
  const result = await compile(text, others);
  return formatDiagnostics(result, (f) => (f === '/w/main.avdl' ? '' : f)).map((l) => l.replace(/^:/, ''));
}

const field = (protocol: Json, record: string, name: string) =>
  protocol.types.find((t: Json) => t.name === record).fields.find((f: Json) => f.name === name);

describe('protocol files', () => {
  it('names, namespaces, docs and properties of the protocol', async () => {
    const p = await json('/** The doc. */ @namespace("a.b") @version("1.0") protocol P { }');
    expect(p).toEqual({ protocol: 'P', namespace: 'a.b', doc: 'The doc.', version: '1.0', types: [], messages: {} });
    expect((await json('protocol x.y.P { }')).namespace).toBe('x.y');
  });

  it('messages: parameters, defaults, void, oneway, throws, docs and properties', async () => {
    const p = await json(`protocol P {
      error Oops { string why; }
      /** Says hi. */ @idempotent(true) string hello(string name, int times = 1);
      void fire(string what) oneway;
      void risky() throws Oops;
      string? maybe();
    }`);
    expect(p.messages.hello).toEqual({ doc: 'Says hi.', idempotent: true, request: [{ name: 'name', type: 'string' }, { name: 'times', type: 'int', default: 1 }], response: 'string' });
    expect(p.messages.fire).toEqual({ request: [{ name: 'what', type: 'string' }], response: 'null', 'one-way': true });
    expect(p.messages.risky).toEqual({ request: [], response: 'null', errors: ['Oops'] });
    expect(p.messages.maybe.response).toEqual(['null', 'string']);
  });

  it('a void message is two-way unless it says oneway (as Java reads it)', async () => {
    const p = await json('protocol P { void ping(); }');
    expect(p.messages.ping['one-way']).toBeUndefined();
  });
});

describe('schema syntax files', () => {
  it('namespace, main schema and named types', async () => {
    const s = await json('namespace org.x;\nschema array<Item>;\nrecord Item { string id; }');
    expect(s).toEqual({ type: 'array', items: { type: 'record', name: 'Item', namespace: 'org.x', fields: [{ name: 'id', type: 'string' }] } });
  });

  it('without a main schema: the list of named types', async () => {
    const s = await json('namespace org.x;\nenum E { A, B } = A;\nfixed F(4);');
    expect(s).toEqual([
      { type: 'enum', name: 'E', namespace: 'org.x', symbols: ['A', 'B'], default: 'A' },
      { type: 'fixed', name: 'F', namespace: 'org.x', size: 4 },
    ]);
  });
});

describe('types', () => {
  it('primitives, logical-type keywords and decimal', async () => {
    const p = await json(`protocol P { record R {
      boolean a; int b; long c; float d; double e; bytes f; string g; null h;
      date i; time_ms j; timestamp_ms k; local_timestamp_ms l; uuid m; decimal(10, 3) n; decimal(4) o;
    } }`);
    const types = p.types[0].fields.map((f: Json) => f.type);
    expect(types).toEqual([
      'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string', 'null',
      { type: 'int', logicalType: 'date' }, { type: 'int', logicalType: 'time-millis' },
      { type: 'long', logicalType: 'timestamp-millis' }, { type: 'long', logicalType: 'local-timestamp-millis' },
      { type: 'string', logicalType: 'uuid' }, { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 3 },
      { type: 'bytes', logicalType: 'decimal', precision: 4, scale: 0 },
    ]);
  });

  it('T? puts null first, or last when the default is not null (Avro 1.12)', async () => {
    const p = await json('protocol P { record R { string? a; string? b = null; string? c = "x"; array<int?> d; } }');
    expect(field(p, 'R', 'a').type).toEqual(['null', 'string']);
    expect(field(p, 'R', 'b').type).toEqual(['null', 'string']);
    expect(field(p, 'R', 'c').type).toEqual(['string', 'null']);
    expect(field(p, 'R', 'd').type).toEqual({ type: 'array', items: ['null', 'int'] });
  });

  it('forward references and recursive types', async () => {
    const p = await json('protocol P { record A { B b; array<A> children = []; } record B { union { null, A } back = null; } }');
    expect(p.types.map((t: Json) => t.name)).toEqual(['A']);
    expect(field(p, 'A', 'b').type).toMatchObject({ type: 'record', name: 'B', fields: [{ name: 'back', type: ['null', 'A'] }] });
  });

  it('names resolve in the enclosing record\'s namespace; dotted names are full', async () => {
    const p = await json(`@namespace("p") protocol P {
      @namespace("q") record Q { Inner i; p.Outer o; }
      @namespace("q") record Inner { }
      record Outer { q.Q q; }
    }`);
    // Outer is written inline where Q first uses it, so it is not listed again (as Java writes it).
    expect(p.types.map((t: Json) => `${t.namespace}.${t.name}`)).toEqual(['q.Q']);
    expect(field(p, 'Q', 'i').type).toMatchObject({ name: 'Inner' });
    expect(field(p, 'Q', 'o').type).toMatchObject({ name: 'Outer', namespace: 'p', fields: [{ name: 'q', type: 'q.Q' }] });
  });

  it('annotations become properties of types, fields, named types and messages', async () => {
    const p = await json(`protocol P {
      @aliases(["Old"]) @custom({"k": [1, 2]}) record R {
        @java-class("java.math.BigDecimal") string @order("DESCENDING") @aliases(["was"]) @extra(1) a;
      }
    }`);
    expect(p.types[0]).toEqual({
      type: 'record', name: 'R', fields: [{
        name: 'a', type: { type: 'string', 'java-class': 'java.math.BigDecimal' }, order: 'descending', extra: 1, aliases: ['was'],
      }], custom: { k: [1, 2] }, aliases: ['Old'],
    });
  });

  it('defaults: NaN and Infinity, hex and octal integers, longs beyond 2^53, records and enums', async () => {
    const p = await json(`protocol P {
      enum E { A, B } = B;
      record R { double a = NaN; float b = -Infinity; int c = 0x10; int d = 010; long e = 9007199254740993; E f = "A"; }
      record S { R r = {"e": 1, "f": "B"}; map<string> m = {}; }
    }`);
    const text = toJsonText(compileResultToJson(await compile(`protocol P { record R { long e = 9007199254740993; } }`)));
    expect(text).toContain('"default": 9007199254740993');
    expect(p.types[1].fields.map((f: Json) => f.default)).toEqual(['NaN', '-Infinity', 16, 8, 9007199254740992, 'A']);
  });

  it('backtick-escaped keywords as names', async () => {
    const p = await json('protocol P { record `record` { string `error`; } void `oneway`(); }');
    expect(p.types[0]).toMatchObject({ name: 'record', fields: [{ name: 'error' }] });
    expect(Object.keys(p.messages)).toEqual(['oneway']);
  });
});

describe('imports', () => {
  const others = {
    '/w/types.avdl': 'namespace shared;\nrecord T { string s; }',
    '/w/proto.avpr': '{"protocol": "Other", "namespace": "o", "types": [{"type": "enum", "name": "E", "symbols": ["X"]}], "messages": {"m": {"request": [], "response": "E"}}}',
    '/w/sub/s.avsc': '{"type": "fixed", "name": "F", "namespace": "s", "size": 2}',
    '/lib/extra.avdl': 'protocol Extra { record X { } void x(); }',
  };

  it('idl, protocol and schema imports, relative to the importing file, in Java\'s order', async () => {
    const p = await json(`@namespace("m") protocol M {
      import idl "types.avdl"; import protocol "proto.avpr"; import schema "sub/s.avsc";
      record R { shared.T t; o.E e; s.F f; }
      void mine();
    }`, others);
    expect(p.types.map((t: Json) => t.name)).toEqual(['T', 'E', 'F', 'R']);
    expect(Object.keys(p.messages)).toEqual(['m', 'mine']);
  });

  it('looks in the import paths when the file is not beside the importer', async () => {
    const result = await compile('protocol M { import idl "extra.avdl"; }', others, ['/lib']);
    expect(result.ok).toBe(true);
    expect(result.protocol?.messages.map((m) => m.name)).toEqual(['x']);
  });

  it('reads a file imported twice (a diamond) once', async () => {
    const result = await compile('protocol M { import idl "a.avdl"; import idl "b.avdl"; }', {
      '/w/a.avdl': 'protocol A { import idl "c.avdl"; }', '/w/b.avdl': 'protocol B { import idl "c.avdl"; }', '/w/c.avdl': 'protocol C { record Shared {} }',
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.protocol?.types.map((t) => t.name)).toEqual(['Shared']);
  });

  it('reports a missing import where it is written, saying where it looked', async () => {
    expect(await problems('protocol M {\n  import idl "nope.avdl";\n}')).toEqual([
      '2:14: cannot find imported file "nope.avdl": looked in /w (add --import-path DIR to search more directories)',
    ]);
  });

  it('reports an import cycle with the chain', async () => {
    const lines = await problems('protocol M { import idl "a.avdl"; }', { '/w/a.avdl': 'protocol A {\n import idl "main.avdl"; }' });
    expect(lines).toEqual(['/w/a.avdl:2:2: import cycle: main.avdl → a.avdl → main.avdl; break the cycle by moving the shared types into a file both import']);
  });

  it('reports errors inside an imported JSON schema, in that file and at the import', async () => {
    const lines = await problems('protocol M {\n import schema "bad.avsc"; }', { '/w/bad.avsc': '{"type": "record", "name": "B", "fields": [{"name": "x", "type": "nope"}]}' });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\/w\/bad\.avsc:1:66: fields\[0\]\.type: unknown type 'nope'/);
    expect(lines[1]).toMatch(/^2:16: cannot import "bad.avsc": .*nope/);
  });
});

describe('diagnostics: every error, with its place', () => {
  it('recovers from syntax errors and keeps going', async () => {
    const lines = await problems(`protocol P {
  record A { string x }
  record B { int y; }
  enum E { X, Y, }
  string m(int a,);
  record C { Missing m; }
}`);
    expect(lines).toEqual([
      "2:23: expected ';' after the field, found '}'",
      "4:18: expected an enum symbol after ',' (trailing commas are not allowed)",
      "5:18: expected a parameter after ',' (trailing commas are not allowed)",
      "6:14: unknown type 'Missing'",
    ]);
  });

  it('unknown types suggest a near name', async () => {
    expect(await problems('protocol P { record Customer {} record O { Custmer c; } }')).toEqual(["1:44: unknown type 'Custmer'; did you mean 'Customer'?"]);
  });

  it('duplicate names, fields, parameters, messages and enum symbols', async () => {
    const lines = await problems(`protocol P {
  record R { int a; string a; }
  record R { }
  enum E { A, A }
  void m(int x, int x);
  void m();
}`);
    expect(lines).toEqual([
      "2:28: duplicate field 'a' in record R",
      '3:10: R is already defined in /w/main.avdl; a type cannot be redefined',
      "4:15: duplicate enum symbol 'A' in enum E",
      "5:21: duplicate parameter 'x' in message m",
      "6:8: duplicate message 'm' (also defined in /w/main.avdl)",
    ]);
  });

  it('an identical redefinition is only a warning (Java accepts it)', async () => {
    const result = await compile('protocol P { import idl "a.avdl"; record R { int a; } }', { '/w/a.avdl': 'protocol A { record R { int a; } }' });
    expect(result.ok).toBe(true);
    expect(formatDiagnostics(result)[0]).toMatch(/warning: R is defined twice \(identically\)/);
  });

  it('defaults that do not fit their type', async () => {
    const lines = await problems(`protocol P {
  enum E { A }
  record R {
    int a = "x"; int b = 3000000000; E c = "Z"; array<int> d = [1, "2"]; string? e = 5;
    union { null, string } f = "s";
  }
}`);
    expect(lines[0]).toMatch(/^4:13: invalid default for field 'a' of R: expected an int/);
    expect(lines[1]).toMatch(/^4:26: invalid default for field 'b' of R: .*int/);
    expect(lines[2]).toMatch(/^4:44: invalid default for field 'c' of R: .*A/);
    expect(lines[3]).toMatch(/^4:64: invalid default for field 'd' of R.*\[1\]/);
    expect(lines[4]).toMatch(/^4:86: invalid default for field 'e' of R: expected a value of one of the union branches string, null, got 5/);
    expect(lines[5]).toMatch(/^5:32: warning: invalid default for field 'f' of R: .*first/);
    expect(lines).toHaveLength(6);
  });

  it('invalid names, reserved type names, bad enum defaults, decimal and fixed sizes', async () => {
    const lines = await problems(`protocol P {
  record \`int\` { }
  enum E { A } = B;
  record R { decimal(0) a; decimal(3, 5) b; }
  fixed F(-1);
  @namespace("1bad") record N { }
}`);
    expect(lines).toEqual([
      "2:10: 'int' cannot name a type: it is a primitive or logical type",
      "3:18: the default 'B' is not a symbol of enum E (symbols: A)",
      '4:22: invalid decimal precision 0: it must be a positive int',
      '4:39: invalid decimal scale 5: it cannot be greater than the precision (3)',
      "5:11: invalid size '-1' for fixed F: expected a non-negative int",
      "6:29: namespace '1bad' is invalid: part '1bad' must start with a letter or '_', not '1'",
    ]);
  });

  it('annotations: reserved names, wrong values, annotated references', async () => {
    const lines = await problems(`protocol P {
  record A { }
  record R { @type("x") int a; @foo(1) A b; string @order("up") c; }
  @namespace(1) record S { }
}`);
    expect(lines).toEqual([
      "3:15: @type cannot be used on a type: 'type' is a reserved attribute there",
      '3:32: a reference to a named type cannot be annotated (Avro 1.12 refuses it): put @foo on the declaration of A, or on the field after the type',
      '3:59: @order(...) must be "ascending", "descending" or "ignore"',
      '4:14: @namespace(...) must contain a string, as in @namespace("org.example")',
    ]);
  });

  it('oneway messages must return void; throws must name a type, preferably an error', async () => {
    const lines = await problems('protocol P {\n  record NotErr { }\n  int fire() oneway;\n  void m() throws NotErr, Nope;\n}');
    expect(lines).toEqual([
      "3:3: one-way message 'fire' must return void",
      "4:19: warning: 'NotErr' is declared as a record, not an error: declare it with 'error NotErr { ... }' so clients can tell it apart",
      "4:27: unknown error type 'Nope'",
    ]);
  });

  it('unions: no nested unions, no duplicate branches', async () => {
    const lines = await problems('protocol P { record R { union { null, string, string } a; union { int, string? } b; } }');
    expect(lines).toEqual([
      "1:47: duplicate type 'string' in union: a union may hold each unnamed type, and each named type, only once",
      '1:72: a union cannot directly contain another union (an optional type T? is a union with null)',
    ]);
  });

  it('warns about doc comments that document nothing', async () => {
    expect(await problems('protocol P { record R { int a; /** orphan */ } }')).toEqual([
      '1:32: warning: documentation comment is not attached to any declaration and is ignored; use /* ... */ for a plain comment',
    ]);
  });

  it('a file that does not exist', async () => {
    const result = await compileIdl('/w/none.avdl', { reader: memoryReader({}) });
    expect(result.ok).toBe(false);
    expect(formatDiagnostics(result)).toEqual(['/w/none.avdl:1:1: cannot read /w/none.avdl: no such file']);
  });
});

describe('names across namespaces', () => {
  it('explains that a type in the null namespace cannot be reached from inside a namespace', async () => {
    const lines = await problems('@namespace("ex") protocol P { import schema "pair.avsc"; record R { Pair p; } }', { '/w/pair.avsc': '{"type": "record", "name": "Pair", "fields": []}' });
    expect(lines).toEqual(["1:69: unknown type 'Pair' (looked for ex.Pair; 'Pair' is in the null namespace, which names inside namespace 'ex' cannot reach: give it a namespace)"]);
  });

  it('a conflicting annotation on a logical type keyword is an error, even with a long value', async () => {
    expect(await problems('protocol P { record R { @logicalType(9007199254740993) date d; } }')).toEqual([
      "1:25: @logicalType conflicts with the type's own 'logicalType' (\"date\")",
    ]);
  });
});
