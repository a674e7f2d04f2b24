import { describe, expect, it } from 'vitest';
import { lex, unquote } from './lexer.js';

const kinds = (text: string) => lex(text, 't.avdl').tokens.map((t) => `${t.kind}:${t.text}`);

describe('lexer', () => {
  it('reads keywords, punctuation and dotted, dashed and backticked identifiers as one token', () => {
    expect(kinds('@avro.java.`string`("x") my-prop `error` record')).toEqual([
      '@:@', 'identifier:avro.java.`string`', '(:(', 'string:"x"', '):)', 'identifier:my-prop', 'identifier:`error`', 'record:record', 'eof:',
    ]);
  });

  it('reads unicode identifiers and a leading underscore', () => {
    expect(kinds('Структура 文字列 _x')).toEqual(['identifier:Структура', 'identifier:文字列', 'identifier:_x', 'eof:']);
  });

  it('reads integer and floating-point literals as Java does', () => {
    expect(kinds('0x10 -1 017 12L 1.5 -1.0e12 .5 3f NaN -Infinity +Infinity 0x1.8p1')).toEqual([
      'integer:0x10', 'integer:-1', 'integer:017', 'integer:12L', 'float:1.5', 'float:-1.0e12', 'float:.5', 'float:3f',
      'float:NaN', 'float:-Infinity', 'float:+Infinity', 'float:0x1.8p1', 'eof:',
    ]);
  });

  it('tells NaN from an identifier that starts with it', () => {
    expect(kinds('NaNa Infinityx')).toEqual(['identifier:NaNa', 'identifier:Infinityx', 'eof:']);
  });

  it('decodes Java string escapes', () => {
    expect(unquote('"a\\n\\t\\"q\\" \\u00e9 \\101 \\\\"')).toBe('a\n\t"q" é A \\');
  });

  it('keeps comments, and attaches the nearest doc comment to the next token', () => {
    const { tokens, comments } = lex('/** first */ // line\n /* block */ /** second */ record', 't.avdl');
    expect(comments.map((c) => c.kind)).toEqual(['doc', 'line', 'block', 'doc']);
    expect(tokens[0].doc?.text).toBe('/** second */');
    expect(lex('/**/ record', 't').tokens[0].doc).toBeUndefined();
  });

  it('stops at the SUB character (old end-of-file marker)', () => {
    expect(kinds('record\u001a garbage !')).toEqual(['record:record', 'eof:']);
  });

  it('reports unterminated strings and comments, bad escapes and stray characters with their ranges', () => {
    const { diagnostics } = lex('"abc\n/* open', 't.avdl');
    expect(diagnostics.map((d) => [d.message.split(':')[0], d.range.start])).toEqual([
      ['unterminated string', 0],
      ['unterminated comment', 5],
    ]);
    expect(lex('"\\q"', 't').diagnostics[0].message).toMatch(/invalid escape sequence '\\q'/);
    const stray = lex('record # x', 't');
    expect(stray.diagnostics[0]).toMatchObject({ message: "unexpected character '#'", range: { start: 7, end: 8 } });
    expect(stray.tokens.map((t) => t.kind)).toEqual(['record', 'invalid', 'identifier', 'eof']);
  });
});
