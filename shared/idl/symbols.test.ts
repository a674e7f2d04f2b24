/** The symbol index: definitions and references across imports, for the editor's navigation. */
import { describe, expect, it } from 'vitest';
import { compileIdlText } from './compile.js';
import { memoryReader } from '../../test/support/memory-reader.js';

const main = `@namespace("app")
protocol App {
  import idl "common.avdl";
  /** An order. */
  record Order { common.Money total; Status status = "NEW"; }
  enum Status { NEW, PAID } = NEW;
  Order place(Order order) throws common.Failure;
}`;
const common = `namespace common;
record Money { long cents; }
error Failure { string why; }`;

async function compileApp() {
  return compileIdlText('/w/app.avdl', main, { reader: memoryReader({ '/w/common.avdl': common }) });
}

describe('symbol index', () => {
  it('defines every type, field, enum symbol, message and parameter', async () => {
    const { symbols } = await compileApp();
    expect([...symbols.definitions.keys()].sort()).toEqual([
      'app.Order', 'app.Order.status', 'app.Order.total', 'app.Status', 'app.Status::NEW', 'app.Status::PAID',
      'common.Failure', 'common.Failure.why', 'common.Money', 'common.Money.cents',
      'protocol:app.App', 'protocol:app.App#place', 'protocol:app.App#place(order)',
    ]);
    const order = symbols.definitions.get('app.Order')!;
    expect(order).toMatchObject({ kind: 'record', file: '/w/app.avdl', doc: 'An order.', detail: 'record app.Order' });
    expect(main.slice(order.nameRange.start, order.nameRange.end)).toBe('Order');
    expect(symbols.definitions.get('app.Order.total')?.detail).toBe('common.Money total');
  });

  it('finds the definition under a reference, across files', async () => {
    const { symbols } = await compileApp();
    const at = main.indexOf('common.Money') + 3;
    const def = symbols.symbolAt('/w/app.avdl', at)!;
    expect(def).toMatchObject({ id: 'common.Money', file: '/w/common.avdl' });
    expect(common.slice(def.nameRange.start, def.nameRange.end)).toBe('Money');
  });

  it('lists every occurrence of a name, for find references and rename', async () => {
    const { symbols } = await compileApp();
    const places = symbols.occurrences('app.Order').map((o) => `${o.isDefinition ? 'def' : 'ref'}@${main.slice(o.range.start, o.range.end)}:${o.range.start}`);
    expect(places).toEqual([
      `def@Order:${main.indexOf('Order {')}`,
      `ref@Order:${main.indexOf('Order place')}`,
      `ref@Order:${main.indexOf('Order order')}`,
    ]);
    expect(symbols.occurrences('common.Failure').map((o) => o.file)).toEqual(['/w/common.avdl', '/w/app.avdl']);
    expect(symbols.occurrences('app.Status::NEW')).toHaveLength(2);
  });

  it('gives a file\'s outline in source order', async () => {
    const { symbols } = await compileApp();
    expect(symbols.definitionsIn('/w/common.avdl').map((d) => d.id)).toEqual(['common.Money', 'common.Money.cents', 'common.Failure', 'common.Failure.why']);
  });

  it('still indexes what it can when the file has errors', async () => {
    const result = await compileIdlText('/w/x.avdl', 'protocol X { record A { B b; } record B { int x } }', { reader: memoryReader({}) });
    expect(result.ok).toBe(false);
    expect(result.symbols.definitions.has('A')).toBe(true);
    expect(result.symbols.definitions.has('B')).toBe(true);
    expect(result.symbols.occurrences('B')).toHaveLength(2);
  });
});
