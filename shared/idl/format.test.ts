import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSourceReader } from '../../electron/runtime/fs-reader.js';
import { corpusAvailable, IDL_CORPUS } from '../../test/support/corpus.js';
import { toJsonText } from '../avro/json-text.js';
import { compileIdl, compileIdlText, compileResultToJson, type SourceReader } from './compile.js';
import { hasErrors } from './diagnostics.js';
import { formatIdl } from './format.js';
import { lex } from './lexer.js';
import { parseIdl } from './parser.js';

/** Parses (which must succeed), formats, and checks the result formats to itself. */
function fmt(text: string, file = 'test.avdl'): string {
  const parsed = parseIdl(text, file);
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const formatted = formatIdl(parsed.ast);
  const again = parseIdl(formatted, file);
  expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(formatIdl(again.ast)).toBe(formatted);
  return formatted;
}

/** Every comment's text with each line trimmed (re-indentation aside, comments must not change). */
function commentTexts(text: string): string[] {
  return lex(text, 'x.avdl').comments.map((c) => c.text.split(/\r\n|\r|\n/).map((l) => l.trim()).join('\n'));
}

function tokenTexts(text: string): string[] {
  return lex(text, 'x.avdl').tokens.map((t) => t.text);
}

/** The compiled JSON of in-memory IDL (no imports). */
async function compiled(text: string): Promise<string> {
  const result = await compileIdl('/mem/test.avdl', { reader: { read: async (p) => (p === '/mem/test.avdl' ? text : undefined) } });
  return toJsonText(compileResultToJson(result));
}

const lines = (...text: string[]): string => text.join('\n') + '\n';

describe('formatIdl: layout', () => {
  it('puts protocol annotations on their own lines and a blank line between declarations', () => {
    expect(fmt('@namespace("org.x")   @version("1") protocol   P{ record A{string a;} enum E{X,Y} fixed F(4); void m(); }')).toBe(lines(
      '@namespace("org.x")',
      '@version("1")',
      'protocol P {',
      '  record A {',
      '    string a;',
      '  }',
      '',
      '  enum E { X, Y }',
      '',
      '  fixed F(4);',
      '',
      '  void m();',
      '}',
    ));
  });

  it('keeps consecutive imports together, as the source groups them', () => {
    expect(fmt('protocol P { import idl "a.avdl"; import schema "b.avsc";\n\n import protocol "c.avpr"; record R {} }')).toBe(lines(
      'protocol P {',
      '  import idl "a.avdl";',
      '  import schema "b.avsc";',
      '',
      '  import protocol "c.avpr";',
      '',
      '  record R {}',
      '}',
    ));
  });

  it('writes declaration annotations on their own lines, field annotations inline where they were', () => {
    const text = 'protocol P { @namespace("n") @aliases(["Old"]) record R { @foo.bar("x") string @order("descending") @aliases(["b"]) a = "z"; Kind @order("ignore") k; } }';
    expect(fmt(text)).toBe(lines(
      'protocol P {',
      '  @namespace("n")',
      '  @aliases(["Old"])',
      '  record R {',
      '    @foo.bar("x") string @order("descending") @aliases(["b"]) a = "z";',
      '    Kind @order("ignore") k;',
      '  }',
      '}',
    ));
  });

  it('writes types canonically: T?, union { ... }, array<T>, map<T>, decimal(p,s), annotated members', () => {
    const text = 'protocol P { record R { string ? a; union{null,string,array<map<@x(1) long>>} b; decimal( 9 , 2 )? c; decimal(4) d; map<union{null,R}> e; } }';
    expect(fmt(text)).toBe(lines(
      'protocol P {',
      '  record R {',
      '    string? a;',
      '    union { null, string, array<map<@x(1) long>> } b;',
      '    decimal(9,2)? c;',
      '    decimal(4) d;',
      '    map<union { null, R }> e;',
      '  }',
      '}',
    ));
  });

  it('writes JSON compactly but keeps number and string literals exactly as written', () => {
    const text = 'protocol P { record R { long a = 0x10; double b = -1.0e12; double c = NaN; float d = -Infinity; long e = 12L;'
      + ' string s = "q\\"\\u00e9\\t"; R r = {"name":"bar","kind":"BAR","list":[ 1,2 ,{ } ,[]],"t":true,"n":null}; } }';
    expect(fmt(text)).toBe(lines(
      'protocol P {',
      '  record R {',
      '    long a = 0x10;',
      '    double b = -1.0e12;',
      '    double c = NaN;',
      '    float d = -Infinity;',
      '    long e = 12L;',
      '    string s = "q\\"\\u00e9\\t";',
      '    R r = {"name": "bar", "kind": "BAR", "list": [1, 2, {}, []], "t": true, "n": null};',
      '  }',
      '}',
    ));
  });

  it('keeps identifiers as written, backticks included, and several variables in one field', () => {
    expect(fmt('protocol `P` { record `record` { string `error`, b.`c`; } void `void`(int `int`); }')).toBe(lines(
      'protocol `P` {',
      '  record `record` {',
      '    string `error`, b.`c`;',
      '  }',
      '',
      '  void `void`(int `int`);',
      '}',
    ));
  });

  it('writes enums on one line when short, one symbol per line beyond 100 columns, with the default', () => {
    const long = Array.from({ length: 12 }, (_, i) => `SYMBOL_NUMBER_${i}`);
    expect(fmt(`protocol P { enum E {A,B,C}=A; enum L { ${long.join(',')} } = SYMBOL_NUMBER_3; enum Empty {} }`)).toBe(lines(
      'protocol P {',
      '  enum E { A, B, C } = A;',
      '',
      '  enum L {',
      ...long.map((s, i) => `    ${s}${i < long.length - 1 ? ',' : ''}`),
      '  } = SYMBOL_NUMBER_3;',
      '',
      '  enum Empty {}',
      '}',
    ));
  });

  it('writes messages: params, defaults, void, oneway, throws A, B; long parameter lists one per line', () => {
    const text = 'protocol P { error E{} error F{} void ping()oneway; R get(string name,int  count=1)throws E,F;'
      + ' R aMessageWithALongName(string firstParameterName, int secondParameterName = 1, map<R> thirdParameter); }';
    expect(fmt(text)).toBe(lines(
      'protocol P {',
      '  error E {}',
      '',
      '  error F {}',
      '',
      '  void ping() oneway;',
      '',
      '  R get(string name, int count = 1) throws E, F;',
      '',
      '  R aMessageWithALongName(',
      '    string firstParameterName,',
      '    int secondParameterName = 1,',
      '    map<R> thirdParameter',
      '  );',
      '}',
    ));
  });

  it('writes message annotations on their own lines', () => {
    expect(fmt('protocol P { @specialProp("test") int add(int a); }')).toBe(lines(
      'protocol P {',
      '  @specialProp("test")',
      '  int add(int a);',
      '}',
    ));
  });

  it('formats schema syntax: namespace, main schema, imports and types', () => {
    expect(fmt('namespace a.b;\nschema array<R>;\nimport idl "x.avdl"; import schema "y.avsc";\nrecord R { string? t; }\nenum E {A}')).toBe(lines(
      'namespace a.b;',
      'schema array<R>;',
      '',
      'import idl "x.avdl";',
      'import schema "y.avsc";',
      '',
      'record R {',
      '  string? t;',
      '}',
      '',
      'enum E { A }',
    ));
  });

  it('normalizes indentation (tabs, odd widths), blank lines (at most one, none at block edges) and line endings', () => {
    const text = 'protocol P {\r\n\r\n\r\n\trecord R {\r\n\r\n\t\tstring a;\r\n\r\n\r\n\r\n\t\tstring b;\r\n\r\n\t}\r\n\r\n}\r\n';
    expect(fmt(text)).toBe(lines('protocol P {', '  record R {', '    string a;', '', '    string b;', '  }', '}'));
  });

  it('honours the indentation and line width options', () => {
    const parsed = parseIdl('protocol P { enum E { AAAA, BBBB } record R { string a; } }', 't.avdl');
    expect(formatIdl(parsed.ast, { indentWidth: 4, lineWidth: 20 })).toBe(lines(
      'protocol P {',
      '    enum E {',
      '        AAAA,',
      '        BBBB',
      '    }',
      '',
      '    record R {',
      '        string a;',
      '    }',
      '}',
    ));
  });
});

describe('formatIdl: comments', () => {
  it('keeps doc comments before their declarations, re-indenting their continuation lines', () => {
    const text = [
      'protocol P {',
      '        /**',
      '         * A record.',
      '         */',
      '        record R {',
      '                  /** The field',
      '                      on two lines. */ string a;',
      '        }',
      '}',
    ].join('\n');
    expect(fmt(text)).toBe(lines(
      'protocol P {',
      '  /**',
      '   * A record.',
      '   */',
      '  record R {',
      '    /** The field',
      '        on two lines. */',
      '    string a;',
      '  }',
      '}',
    ));
  });

  it('keeps trailing comments on their line, and line comments before the next node', () => {
    const text = [
      'protocol P { // the protocol',
      '  enum Kind {',
      '    FOO,',
      '    BAR, // the bar enum value',
      '    BAZ',
      '  } = FOO; // the default',
      '  // about R',
      '  record R { string a; /* after a */',
      '    // end of R',
      '  }',
      '  // end of P',
      '}',
      '// end of file',
    ].join('\n');
    expect(fmt(text)).toBe(lines(
      'protocol P { // the protocol',
      '  enum Kind {',
      '    FOO,',
      '    BAR, // the bar enum value',
      '    BAZ',
      '  } = FOO; // the default',
      '',
      '  // about R',
      '  record R {',
      '    string a; /* after a */',
      '    // end of R',
      '  }',
      '  // end of P',
      '}',
      '// end of file',
    ));
  });

  it('keeps blank lines between comments and between a comment and its declaration', () => {
    const text = '/* License */\n\n\n// Section\n\nprotocol P {\n  // first\n\n  // second\n  record R {}\n}\n';
    expect(fmt(text)).toBe(lines('/* License */', '', '// Section', '', 'protocol P {', '  // first', '', '  // second', '  record R {}', '}'));
  });

  it('keeps comments inside a line inline, breaking the line after a line comment', () => {
    const text = 'protocol P { record R { union { null, /* member */ string } x; union { null, // why\n string } y; } }';
    const formatted = fmt(text);
    expect(formatted).toBe(lines(
      'protocol P {',
      '  record R {',
      '    union { null, /* member */ string } x;',
      '    union { null, // why',
      '        string } y;',
      '  }',
      '}',
    ));
  });

  it('puts parameters one per line when comments are among them', () => {
    expect(fmt('protocol P { void m(/** the a */ int a, int b /* bee */); }')).toBe(lines(
      'protocol P {',
      '  void m(',
      '    /** the a */',
      '    int a,',
      '    int b /* bee */',
      '  );',
      '}',
    ));
  });

  it('keeps dangling doc comments dangling and documented declarations documented', async () => {
    const text = [
      'protocol P {',
      '  /** dangling: superseded */ /** Documented */ record /** dangling 1 */ R /** dangling 2 */ {',
      '    string /** var doc */ a /** dangling 3 */;',
      '    /** dangling 4 */ }',
      '  record Plain { int b; }',
      '  /** dangling at the end */',
      '}',
    ].join('\n');
    const formatted = fmt(text);
    expect(formatted).toBe(lines(
      'protocol P {',
      '  /** dangling: superseded */',
      '  /** Documented */',
      '  record /** dangling 1 */ R /** dangling 2 */ {',
      '    string /** var doc */ a /** dangling 3 */ ;',
      '    /** dangling 4 */',
      '  }',
      '',
      '  record Plain {',
      '    int b;',
      '  }',
      '  /** dangling at the end */',
      '}',
    ));
    const warnings = (t: string) => parseIdl(t, 't.avdl').diagnostics.filter((d) => d.code === 'misplaced-doc').length;
    expect(warnings(formatted)).toBe(warnings(text));
    expect(await compiled(formatted)).toBe(await compiled(text));
    expect(await compiled(formatted)).toContain('"doc": "Documented"');
  });

  it('keeps a doc comment verbatim when re-indenting it would change its doc text', async () => {
    const text = 'protocol P {\n        /** first\n    second line\n      third */\n        record R {}\n}\n';
    const formatted = fmt(text);
    expect(formatted).toContain('/** first\n    second line\n      third */\n  record R {}');
    expect(await compiled(formatted)).toBe(await compiled(text));
  });

  it('re-indents block comments, dropping trailing spaces', () => {
    expect(fmt('protocol P {\n      /* one   \n         two\n      */\n      record R {}\n}')).toBe(lines(
      'protocol P {',
      '  /* one',
      '     two',
      '  */',
      '  record R {}',
      '}',
    ));
  });

  it('formats a file of comments only', () => {
    expect(fmt('// nothing here\n\n/* really */   ')).toBe('// nothing here\n\n/* really */\n');
    expect(fmt('')).toBe('');
  });
});

describe('formatIdl: refusals', () => {
  it('throws a clear error for a tree with syntax errors', () => {
    for (const text of ['protocol P { record R { string } }', 'protocol P { record R { string a; }', 'protocol P { void m( }', 'protocol P { "x" }']) {
      const parsed = parseIdl(text, 'bad.avdl');
      expect(hasErrors(parsed.diagnostics)).toBe(true);
      expect(() => formatIdl(parsed.ast)).toThrow(/cannot format bad\.avdl: it has syntax errors/);
    }
  });
});

/** Every .avdl file of the corpus, relative to it. */
function corpusFiles(dir: string, prefix = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) found.push(...corpusFiles(dir, relative));
    else if (entry.name.endsWith('.avdl')) found.push(relative);
  }
  return found.sort();
}

/** Serves the files as they are, but every .avdl file formatted (imports included). */
const formattingReader: SourceReader = {
  async read(file) {
    const text = await nodeSourceReader.read(file);
    if (text === undefined || !file.endsWith('.avdl')) return text;
    const parsed = parseIdl(text, file);
    return hasErrors(parsed.diagnostics) ? text : formatIdl(parsed.ast);
  },
};

describe.skipIf(!corpusAvailable)(`formatIdl on Apache Avro's IDL corpus (${IDL_CORPUS})`, () => {
  const files = corpusAvailable ? corpusFiles(IDL_CORPUS) : [];
  const importPaths = [path.join(IDL_CORPUS, 'putOnClassPath')];

  it('finds the corpus files', () => {
    expect(files.length).toBeGreaterThanOrEqual(27);
  });

  for (const relative of files) {
    const file = path.join(IDL_CORPUS, relative);
    const text = corpusAvailable ? readFileSync(file, 'utf8') : '';

    it(`${relative}: formats to the same tokens, without syntax errors, idempotently`, () => {
      const parsed = parseIdl(text, file);
      expect(hasErrors(parsed.diagnostics)).toBe(false);
      const formatted = formatIdl(parsed.ast);
      const reparsed = parseIdl(formatted, file);
      expect(reparsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(reparsed.diagnostics.map((d) => d.code)).toEqual(parsed.diagnostics.map((d) => d.code));
      expect(tokenTexts(formatted)).toEqual(tokenTexts(text));
      expect(formatIdl(reparsed.ast)).toBe(formatted);
    });

    it(`${relative}: keeps every comment, in order`, () => {
      const formatted = formatIdl(parseIdl(text, file).ast);
      expect(commentTexts(formatted)).toEqual(commentTexts(text));
    });

    it(`${relative}: compiles to the same JSON before and after formatting`, async () => {
      const before = await compileIdl(file, { reader: nodeSourceReader, importPaths });
      // The main file formatted, its imports as they are...
      const formatted = formatIdl(parseIdl(text, file).ast);
      const mainOnly = await compileIdlText(file, formatted, { reader: nodeSourceReader, importPaths });
      // ...and every .avdl file formatted, imports included.
      const all = await compileIdl(file, { reader: formattingReader, importPaths });
      const json = toJsonText(compileResultToJson(before));
      expect(toJsonText(compileResultToJson(mainOnly))).toBe(json);
      expect(toJsonText(compileResultToJson(all))).toBe(json);
      const summary = (r: typeof before) => r.diagnostics.map((d) => `${d.severity} ${d.code}`);
      expect(summary(mainOnly)).toEqual(summary(before));
      expect(summary(all)).toEqual(summary(before));
      expect(mainOnly.ok).toBe(before.ok);
    });
  }

  it('keeps its promises on corpus files re-spaced at random, with comments at random token boundaries', async () => {
    // A deterministic fuzz: each file's tokens joined by random whitespace and comments of every kind.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const gaps = [' ', ' ', '\n', '\n\n', '  \t', ' /* c */ ', ' // line\n', '\n/** d */\n', ' /** inline d */ ', '\n  /* multi\n     line */\n',
      '\n    /**\n     * a doc\n     */\n', '\r\n'];
    for (let round = 0; round < 4; round++) {
      for (const relative of files) {
        const tokens = lex(readFileSync(path.join(IDL_CORPUS, relative), 'utf8'), relative).tokens.filter((t) => t.kind !== 'eof');
        const text = tokens.map((t) => t.text + gaps[Math.floor(random() * gaps.length)]).join('');
        const parsed = parseIdl(text, relative);
        expect(hasErrors(parsed.diagnostics), `${relative} round ${round}`).toBe(false);
        const formatted = formatIdl(parsed.ast);
        expect(formatIdl(parseIdl(formatted, relative).ast), `${relative} round ${round}: idempotent`).toBe(formatted);
        expect(commentTexts(formatted)).toEqual(commentTexts(text));
        expect(await compiled(formatted), `${relative} round ${round}: same JSON`).toBe(await compiled(text));
      }
    }
  });

  it('comments.avdl keeps every dangling doc comment near its place', () => {
    const file = path.join(IDL_CORPUS, 'input/comments.avdl');
    const formatted = formatIdl(parseIdl(readFileSync(file, 'utf8'), file).ast);
    expect(formatted).toContain('  } /** Dangling Enum7 */ = /** Dangling Enum8 */ A /** Dangling Enum9 */ ;\n');
    expect(formatted).toContain('  /** Documented Fixed Type */\n  fixed /** Dangling Fixed1 */ DocumentedFixed');
    expect(formatted).toContain('    string /** Documented Reason Field */ reason, explanation /** Dangling Field2 */ ;\n    /** Dangling Error2 */\n  }');
  });

  it('simple.avdl keeps the trailing comment of an enum symbol', () => {
    const file = path.join(IDL_CORPUS, 'input/simple.avdl');
    const formatted = formatIdl(parseIdl(readFileSync(file, 'utf8'), file).ast);
    expect(formatted).toContain('    BAR, // the bar enum value\n');
    expect(formatted).toContain('  TestRecord echo(TestRecord `record` = {"name": "bar", "kind": "BAR"});\n');
  });
});
