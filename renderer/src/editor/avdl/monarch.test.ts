/** The tokenizer, run by Monaco's own Monarch engine: what each piece of IDL is coloured as. */
import { beforeAll, describe, expect, it } from 'vitest';
import { avdlMonarch } from './monarch.js';

let monaco: typeof import('monaco-editor/editor');

beforeAll(async () => {
  // jsdom lacks CSS.escape and matchMedia, which Monaco's services touch as they start.
  const g = globalThis as { CSS?: { escape?: (s: string) => string }; matchMedia?: unknown };
  g.CSS ??= {};
  g.CSS.escape ??= (s: string) => s.replace(/[^\w-]/g, (c) => `\\${c}`);
  g.matchMedia ??= () => ({ matches: false, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {} });
  monaco = await import('monaco-editor/editor');
  monaco.languages.register({ id: 'avdl-test' });
  monaco.languages.setMonarchTokensProvider('avdl-test', avdlMonarch);
}, 60_000);

/** Each non-blank token of `line` with its type, without the language postfix (Monaco merges neighbours of one type). */
function tokens(line: string): [string, string][] {
  const [row] = monaco.editor.tokenize(line, 'avdl-test');
  return row
    .map((t, i) => [line.slice(t.offset, row[i + 1]?.offset ?? line.length), t.type.replace(/\.avdl-test$|\.avdl$/, '')] as [string, string])
    .filter(([text]) => text.trim() !== '');
}

describe('the Avro IDL tokenizer', () => {
  it('tells keywords, types, names, annotations, strings and numbers apart', () => {
    expect(tokens('@namespace("org.example") protocol P {')).toEqual([
      ['@namespace', 'annotation'], ['(', 'delimiter.parenthesis'], ['"org.example"', 'string'], [')', 'delimiter.parenthesis'],
      ['protocol', 'keyword'], ['P', 'identifier'], ['{', 'delimiter.curly'],
    ]);
    expect(tokens('array<spl.common.Payload> `schema` = [], long n = 0x1fL, double d = -1.5e3;').map(([t, type]) => `${t}:${type}`)).toEqual([
      'array:type', '<:delimiter.angle', 'spl:identifier', '.:delimiter', 'common:identifier', '.:delimiter', 'Payload:identifier', '>:delimiter.angle',
      '`schema`:identifier.escaped', '=:delimiter', '[]:delimiter.square', ',:delimiter', 'long:type', 'n:identifier', '=:delimiter',
      '0x1fL:number.hex', ',:delimiter', 'double:type', 'd:identifier', '=:delimiter', '-1.5e3:number.float', ';:delimiter',
    ]);
    expect(tokens('string @java-class("x") s = "a\\"b\\u00e9";')).toEqual(expect.arrayContaining([['@java-class', 'annotation'], ['\\"', 'string.escape'], ['\\u00e9', 'string.escape']]));
    expect(tokens('boolean b = true; timestamp_ms t; void ping() oneway;')).toEqual(expect.arrayContaining([['true', 'constant'], ['timestamp_ms', 'type'], ['void', 'keyword'], ['oneway', 'keyword']]));
  });

  it('colours doc comments apart from plain comments', () => {
    expect(tokens('/** A doc. */ /* plain */ // line')).toEqual([['/** A doc. */', 'comment.doc'], ['/* plain */', 'comment'], ['// line', 'comment']]);
    expect(tokens('/**/ int x;')[0]).toEqual(['/**/', 'comment']);
  });
});
