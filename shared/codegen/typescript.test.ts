import { describe, expect, it } from 'vitest';
import { compileIdlText } from '../idl/compile.js';
import { memoryReader } from '../../test/support/memory-reader.js';
import { generateTypeScript } from './typescript.js';
import { tsLiteral } from './ts-literal.js';
import { NameAllocator, propertyKey } from './identifiers.js';
import { jsDoc } from './jsdoc.js';

async function generate(text: string, runtimeModule?: string): Promise<string> {
  const result = await compileIdlText('/t/x.avdl', text, { reader: memoryReader({}) });
  if (!result.ok) throw new Error('does not compile');
  if (result.kind === 'protocol') return generateTypeScript({ kind: 'protocol', protocol: result.protocol! }, { runtimeModule, source: 'x.avdl' });
  return generateTypeScript({ kind: 'schemas', schemas: result.schema ? [result.schema] : result.schemas!, mainName: 'Main' }, { source: 'x.avdl' });
}

describe('generateTypeScript', () => {
  it('types every Avro type in the runtime shape', async () => {
    const text = await generate(`@namespace("t") protocol P {
      enum E { A, B }
      fixed F(3);
      record R {
        boolean b; int i; long l; float f; double d; bytes raw; string s; E e; F fx;
        array<long> longs; map<array<string>> groups; union { null, string, R } u; union { int, E } two;
        timestamp_ms at; decimal(9, 2) money; uuid id; date day;
      }
    }`);
    for (const line of [
      '  b: boolean;', '  i: number;', '  l: number | bigint;', '  f: number;', '  d: number;', '  raw: Uint8Array;', '  s: string;',
      '  e: E;', '  fx: F;', '  longs: Array<number | bigint>;', '  groups: Record<string, string[]>;',
      "  u: null | OneOf<{ string: string; 't.R': R }>;", "  two: OneOf<{ int: number; 't.E': E }>;",
      '  at: number | bigint;', '  money: Uint8Array;', '  id: string;', '  day: number;',
      "export type E = 'A' | 'B';", "export const ESymbols: readonly E[] = ['A', 'B'];", 'export type F = Uint8Array;',
    ]) expect(text).toContain(line);
    expect(text).toContain('Logical type timestamp-millis: milliseconds since the Unix epoch, UTC.');
    expect(text).toContain('Logical type decimal(9, 2): the unscaled value');
    expect(text).toContain('Avro fixed `t.F`: exactly 3 bytes.');
    // No defaults anywhere: one form of R suffices.
    expect(text).not.toContain('RInput');
  });

  it('gives records with defaults an input form, and records containing them too', async () => {
    const text = await generate(`@namespace("t") protocol P {
      record Inner { string a = "x"; }
      record Outer { Inner inner; array<Inner> more; }
      record Plain { string z; }
      Outer echo(Outer outer, Plain plain);
    }`);
    expect(text).toContain('export interface InnerInput {\n  /** Default: `"x"`. */\n  a?: string;\n}');
    expect(text).toContain('export interface OuterInput {\n  inner: InnerInput;\n  more: InnerInput[];\n}');
    expect(text).not.toContain('PlainInput');
    // What a client sends is the input form, what it gets back the complete one; the server the other way round.
    expect(text).toMatch(/echo\(request: \{\n {4}outer: OuterInput;\n {4}plain: Plain;\n {2}\}, options\?: CallOptions\): Promise<Outer>;/);
    expect(text).toMatch(/echo\(request: \{\n {4}outer: Outer;\n {4}plain: Plain;\n {2}\}, context: CallContext\): Promise<OuterInput> \| OuterInput;/);
  });

  it('makes declared errors classes that fill in their defaults', async () => {
    const text = await generate(`@namespace("t") protocol P {
      error Oops { string message; long at = 9007199254740993; bytes raw = "\\u00ff"; map<string> details = {}; union { null, string } why = null; }
      void fail() throws Oops;
    }`);
    expect(text).toContain('export class Oops extends DeclaredError {\n  declare readonly value: OopsValue;\n  override name = \'Oops\';\n\n  constructor(value: OopsValueInput) {');
    expect(text).toContain("super('t.Oops', asEngineValue({ at: 9007199254740993n, raw: new Uint8Array([255]), details: {}, why: null, ...value }));");
    expect(text).toContain("const errorClasses: Record<string, new (value: never) => DeclaredError> = {\n  't.Oops': Oops,\n};");
    expect(text).toContain('@throws {Oops} declared error `t.Oops`');
  });

  it('imports only what it uses, from the runtime module asked for', async () => {
    const types = await generate('namespace t; record A { string s; }');
    expect(types).not.toContain('import ');
    expect(types).toContain('export interface A {');
    const withError = await generate('namespace t; error E { string m; }');
    expect(withError).toContain("import { DeclaredError, asEngineValue } from 'spl-studio';");
    const protocol = await generate('protocol P { string hi(); }', '../runtime/index.js');
    expect(protocol).toContain("from '../runtime/index.js';");
    expect(protocol).not.toContain('OneOf');
    expect(protocol).not.toContain('errorClasses');
  });

  it('names an unnamed main schema, and writes the same text every time', async () => {
    const text = await generate('namespace t; schema array<Item>; record Item { string s; }');
    expect(text).toContain('export type Main = Item[];');
    expect(await generate('namespace t; schema array<Item>; record Item { string s; }')).toBe(text);
  });

  it('keeps the protocol JSON exactly, backticks and ${ included', async () => {
    const text = await generate('/** Uses `code` and ${braces}. */ protocol P { void ping(); }');
    expect(text).toContain('"doc": "Uses \\`code\\` and \\${braces}."');
  });
});

describe('generator pieces', () => {
  it('writes runtime values as literals that rebuild them exactly', () => {
    expect(tsLiteral({ a: [1, -0, NaN, -Infinity], b: 2n ** 63n, c: new Uint8Array([0, 255]), 'd-e': "it's", __proto__x: null })).toBe(
      "{ a: [1, -0, NaN, -Infinity], b: 9223372036854775808n, c: new Uint8Array([0, 255]), 'd-e': 'it\\'s', __proto__x: null }",
    );
    const proto: Record<string, null> = {};
    Object.defineProperty(proto, '__proto__', { value: null, enumerable: true });
    expect(tsLiteral(proto)).toBe("{ ['__proto__']: null }");
  });

  it('hands out each name once, never a reserved one', () => {
    const names = new NameAllocator();
    expect([names.claim('Record'), names.claim('A'), names.claim('A'), names.claim('default'), names.claim('9lives'), names.claim('a-b')]).toEqual(['Record_', 'A', 'A_', 'default_', '_9lives', 'a_b']);
    expect([propertyKey('ok'), propertyKey('class'), propertyKey('a-b'), propertyKey('Строка')]).toEqual(['ok', 'class', "'a-b'", 'Строка']);
  });

  it('writes docs as JSDoc, never ending the comment early', () => {
    expect(jsDoc(['one line'])).toEqual(['/** one line */']);
    expect(jsDoc(['a */ b', undefined, 'c\nd'], '  ')).toEqual(['  /**', '   * a *\\/ b', '   *', '   * c', '   * d', '   */']);
    expect(jsDoc([undefined, ' '])).toEqual([]);
  });
});
