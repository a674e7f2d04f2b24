/** Format document (a minimal edit, refused on syntax errors) and the outline. */
import { describe, expect, it } from 'vitest';
import { createLanguageService, type DocumentSymbol } from './index.js';

describe('format', () => {
  it('formats with one edit covering only what changes', async () => {
    const text = 'protocol P {\n  record R {\n        int   x;\n  }\n}\n';
    const result = await createLanguageService().format(new Map([['p.avdl', text]]), 'p.avdl');
    expect(result).toEqual({ ok: true, edits: [{ range: { startLineNumber: 3, startColumn: 5, endLineNumber: 3, endColumn: 14 }, newText: 'int' }] });
  });

  it('gives no edit for a formatted file', async () => {
    const text = 'protocol P {\n  record R {\n    int x;\n  }\n}\n';
    expect(await createLanguageService().format(new Map([['p.avdl', text]]), 'p.avdl')).toEqual({ ok: true, edits: [] });
  });

  it('refuses a file that does not parse, with the first syntax error', async () => {
    const result = await createLanguageService().format(new Map([['p.avdl', 'protocol P {\n  record R { int x }\n}']]), 'p.avdl');
    expect(result).toEqual({
      ok: false, reason: "Cannot format: line 2, column 20: expected ';' after the field, found '}'",
      range: { startLineNumber: 2, startColumn: 20, endLineNumber: 2, endColumn: 21 },
    });
  });

  it('refuses other files', async () => {
    expect((await createLanguageService().format(new Map([['x.avsc', '"int"']]), 'x.avsc')).ok).toBe(false);
  });
});

function tree(symbols: DocumentSymbol[]): unknown[] {
  return symbols.map((s) => (s.children.length ? { [`${s.kind} ${s.name}`]: tree(s.children) } : `${s.kind} ${s.name}`));
}

describe('outline', () => {
  it('nests types, fields, symbols, messages and parameters under the protocol', async () => {
    const text = `/** Doc. */
@namespace("x")
protocol P {
  record R { int a; string b, c; }
  enum E { A, B }
  fixed F(4);
  R get(int id, E e);
}`;
    const outline = await createLanguageService().outline(new Map([['p.avdl', text]]), 'p.avdl');
    expect(tree(outline)).toEqual([{
      'protocol P': [
        { 'record R': ['field a', 'field b', 'field c'] }, { 'enum E': ['enum-symbol A', 'enum-symbol B'] }, 'fixed F',
        { 'message get': ['parameter id', 'parameter e'] },
      ],
    }]);
    const record = outline[0].children[0];
    expect(record).toMatchObject({ detail: 'x.R', range: { startLineNumber: 4, startColumn: 3 }, selectionRange: { startLineNumber: 4, startColumn: 10, endColumn: 11 } });
    expect(record.children[1].detail).toBe('string b');
    // The protocol's declaration starts at its annotations; its doc comment is shown in hovers.
    expect(outline[0].range.startLineNumber).toBe(2);
  });

  it('lists a schema-syntax file\'s types at the top level, and what it can of a broken file', async () => {
    const text = 'namespace n;\nrecord A { int x; }\nrecord B { int y';
    expect(tree(await createLanguageService().outline(new Map([['s.avdl', text]]), 's.avdl'))).toEqual([{ 'record A': ['field x'] }, { 'record B': ['field y'] }]);
  });
});
