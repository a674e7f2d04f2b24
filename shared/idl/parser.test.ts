/** The parser's tree: ranges on every node, docs where Java puts them, and recovery. */
import { describe, expect, it } from 'vitest';
import { parseIdl } from './parser.js';
import type * as Ast from './ast.js';

const slice = (text: string, node: { start: number; end: number }) => text.slice(node.start, node.end);

describe('parser', () => {
  it('puts a source range on every node', () => {
    const text = 'protocol P {\n  /** R. */ @a(1) record R { @x("y") string @order("ignore") f = "v", g; }\n  int m(R r = {}) throws E;\n}';
    const { ast, diagnostics } = parseIdl(text, 'p.avdl');
    expect(diagnostics).toEqual([]);
    const record = ast.protocol!.items[0] as Ast.RecordDecl;
    expect(slice(text, record)).toBe('/** R. */ @a(1) record R { @x("y") string @order("ignore") f = "v", g; }'.replace('/** R. */ ', ''));
    expect(record.doc?.text).toBe('R.');
    expect(slice(text, record.name)).toBe('R');
    const field = record.fields[0];
    expect(slice(text, field)).toBe('@x("y") string @order("ignore") f = "v", g;');
    expect(slice(text, field.type)).toBe('@x("y") string');
    expect(field.variables.map((v) => slice(text, v))).toEqual(['@order("ignore") f = "v"', 'g']);
    expect(slice(text, field.variables[0].defaultValue!)).toBe('"v"');
    const message = ast.protocol!.items[1] as Ast.MessageDecl;
    expect(slice(text, message)).toBe('int m(R r = {}) throws E;');
    expect(slice(text, message.params[0])).toBe('R r = {}');
    expect(message.throws.map((t) => slice(text, t))).toEqual(['E']);
  });

  it('takes the doc nearest to a declaration, before its annotations', () => {
    const { ast } = parseIdl('/** old */ /** new */ @namespace("x") protocol P { }', 'p');
    expect(ast.protocol?.doc?.text).toBe('new');
  });

  it('tells a schema-syntax file from a protocol file', () => {
    const schema = parseIdl('namespace a.b;\nschema int;\nrecord R {}', 's');
    expect(schema.ast.protocol).toBeUndefined();
    expect(schema.ast.namespace?.name.text).toBe('a.b');
    expect(schema.ast.mainSchema?.type.kind).toBe('PrimitiveType');
    expect(schema.ast.items.map((i) => i.kind)).toEqual(['Record']);
  });

  it('reports each error once and recovers at the next declaration', () => {
    const text = 'protocol P {\n  record A { int }\n  record B { int b; }\n  enum E { X Y }\n  fixed F(x);\n  void ok();\n}';
    const { ast, diagnostics } = parseIdl(text, 'p.avdl');
    expect(diagnostics.map((d) => d.message)).toEqual([
      "expected a name, found '}'",
      "expected ',' or '}' to close the enum, found 'Y'",
      'expected the size in bytes (an integer), found \'x\'',
    ]);
    expect(ast.protocol!.items.map((i) => ('name' in i ? i.name.text : i.kind))).toEqual(['A', 'B', 'E', 'F', 'ok']);
  });

  it('stops a record at a declaration that starts inside it (a forgotten })', () => {
    const { ast, diagnostics } = parseIdl('protocol P {\n  record A { int a;\n  record B { int b; }\n}', 'p');
    expect(diagnostics.map((d) => d.message)).toEqual(["expected '}' to close A, found 'record'"]);
    expect(ast.protocol!.items.map((i) => ('name' in i ? i.name.text : ''))).toEqual(['A', 'B']);
  });

  it('reports text after the end of the protocol', () => {
    const { diagnostics } = parseIdl('protocol P { } extra', 'p');
    expect(diagnostics.map((d) => d.message)).toEqual(["unexpected 'extra' after the end of the protocol"]);
  });
});
