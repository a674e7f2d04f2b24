/** The named types a text declares, by the token walk alone: namespaces, docs, enum symbols, broken text. */
import { describe, expect, it } from 'vitest';
import { declaredTypes } from './local-declarations.js';

describe('declared types', () => {
  it('finds every named type with its namespace, as the compiler would name it', () => {
    const text = `@namespace("app")
protocol P {
  /** An order. */
  record Order { int x; }
  @namespace("other") enum Kind { A, @p("q") B } = A;
  fixed MD5(16);
  error x.y.Failure { string why; }
  @aliases(["Old"]) record Nested { union { null, int } u = null; map<string> m = {}; }
}`;
    expect(declaredTypes(text).map(({ type, fullName, doc, symbols }) => ({ type, fullName, doc, symbols }))).toEqual([
      { type: 'record', fullName: 'app.Order', doc: 'An order.', symbols: undefined },
      { type: 'enum', fullName: 'other.Kind', doc: undefined, symbols: ['A', 'B'] },
      { type: 'fixed', fullName: 'app.MD5', doc: undefined, symbols: undefined },
      { type: 'error', fullName: 'x.y.Failure', doc: undefined, symbols: undefined },
      { type: 'record', fullName: 'app.Nested', doc: undefined, symbols: undefined },
    ]);
  });

  it('uses the file namespace of schema syntax, and reads on past unfinished statements', () => {
    const text = 'namespace s.n;\nschema \nrecord A { int x\nenum B { X }\nrecord C {';
    expect(declaredTypes(text).map((d) => d.fullName)).toEqual(['s.n.A', 's.n.B', 's.n.C']);
  });
});
