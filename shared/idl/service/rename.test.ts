/** Rename across files, in the simple-name part of full names, with defaults that name symbols and fields; and its refusals. */
import { describe, expect, it } from 'vitest';
import { createLanguageService, type FileEdits, type Position } from './index.js';

const common = `namespace shop.common;
record Money { long cents; Currency currency = "EUR"; }
enum Currency { EUR, USD } = EUR;
error Failure { string why; }
record Wallet { array<Money> coins = [{"cents": 1, "currency": "EUR"}]; map<Currency> byName = {"a": "USD", "b": "EUR"}; }`;

const app = `@namespace("shop")
protocol Shop {
  import idl "common.avdl";
  record Order { shop.common.Money total; shop.common.\`Money\` again; Status status = "NEW"; }
  enum Status { NEW, PAID } = NEW;
  Order place(Order order, shop.common.Currency c = "EUR") throws shop.common.Failure;
}`;

function workspace(): Map<string, string> {
  return new Map([['common.avdl', common], ['app.avdl', app]]);
}

function positionOf(text: string, needle: string, into = 1): Position {
  const before = text.slice(0, text.indexOf(needle) + into).split('\n');
  return { lineNumber: before.length, column: before[before.length - 1].length + 1 };
}

/** Applies edits to a text (as an editor would, from the end). */
function apply(text: string, edits: FileEdits['edits']): string {
  const lines = text.split('\n');
  const offset = (line: number, column: number) => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  const sorted = [...edits].sort((a, b) => offset(b.range.startLineNumber, b.range.startColumn) - offset(a.range.startLineNumber, a.range.startColumn));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.startLineNumber, e.range.startColumn)) + e.newText + out.slice(offset(e.range.endLineNumber, e.range.endColumn));
  return out;
}

async function renamed(path: string, position: Position, newName: string): Promise<Map<string, string>> {
  const files = workspace();
  const service = createLanguageService();
  const result = await service.rename(files, path, position, newName);
  if (!result.ok) throw new Error(result.reason);
  for (const change of result.changes) files.set(change.path, apply(files.get(change.path)!, change.edits));
  // Whatever was renamed, everything still compiles.
  for (const p of files.keys()) expect((await service.diagnostics(files, p)).errorCount, `${p}:\n${files.get(p)}`).toBe(0);
  return files;
}

describe('rename', () => {
  it('prepares with the simple name under the cursor, even on a full name', async () => {
    const result = await createLanguageService().prepareRename(workspace(), 'app.avdl', positionOf(app, 'shop.common.Money', 3));
    expect(result).toEqual({ ok: true, placeholder: 'Money', range: { startLineNumber: 4, startColumn: 30, endLineNumber: 4, endColumn: 35 } });
  });

  it('renames a type in every file, keeping namespaces and backticks as written', async () => {
    const files = await renamed('app.avdl', positionOf(app, 'shop.common.Money', 13), 'Cash');
    expect(files.get('common.avdl')).toContain('record Cash { long cents;');
    expect(files.get('common.avdl')).toContain('array<Cash> coins');
    expect(files.get('app.avdl')).toContain('record Order { shop.common.Cash total; shop.common.Cash again;');
  });

  it('renames an enum symbol with the defaults that name it', async () => {
    const files = await renamed('common.avdl', positionOf(common, 'EUR,'), 'EURO');
    expect(files.get('common.avdl')).toContain('Currency currency = "EURO";');
    expect(files.get('common.avdl')).toContain('enum Currency { EURO, USD } = EURO;');
    expect(files.get('common.avdl')).toContain('coins = [{"cents": 1, "currency": "EURO"}]');
    expect(files.get('common.avdl')).toContain('byName = {"a": "USD", "b": "EURO"}');
    expect(files.get('app.avdl')).toContain('shop.common.Currency c = "EURO"');
    // A string that only looks like the symbol, in another enum's default, stays.
    expect(files.get('app.avdl')).toContain('Status status = "NEW"');
  });

  it('renames a field with the record defaults that use it as a key', async () => {
    const files = await renamed('common.avdl', positionOf(common, 'cents;'), 'amount');
    expect(files.get('common.avdl')).toContain('record Money { long amount;');
    expect(files.get('common.avdl')).toContain('[{"amount": 1, "currency": "EUR"}]');
  });

  it('renames messages, parameters and the protocol', async () => {
    expect((await renamed('app.avdl', positionOf(app, 'place'), 'submit')).get('app.avdl')).toContain('Order submit(Order order');
    expect((await renamed('app.avdl', positionOf(app, 'order,'), 'o')).get('app.avdl')).toContain('place(Order o, ');
    expect((await renamed('app.avdl', positionOf(app, 'Shop'), 'Store')).get('app.avdl')).toContain('protocol Store {');
  });

  it('accepts a keyword in backticks and writes it so', async () => {
    const files = await renamed('common.avdl', positionOf(common, 'why'), '`error`');
    expect(files.get('common.avdl')).toContain('error Failure { string `error`; }');
  });

  it('refuses invalid names, keywords, primitive type names and clashes, saying why', async () => {
    const service = createLanguageService();
    const at = positionOf(app, 'Order {', 2);
    const reason = async (name: string, position = at) => {
      const result = await service.rename(workspace(), 'app.avdl', position, name);
      return result.ok ? 'accepted' : result.reason;
    };
    expect(await reason('2fast')).toMatch(/must start with a letter or '_'/);
    expect(await reason('with-dash')).toMatch(/may only contain letters, digits and '_'/);
    expect(await reason('a.b')).toMatch(/simple name, without dots/);
    expect(await reason('record')).toMatch(/'record' is an IDL keyword: write `record`/);
    expect(await reason('`long`')).toMatch(/'long' cannot name a type/);
    expect(await reason('Status')).toBe('A type named shop.Status already exists (in app.avdl).');
    expect((await service.rename(workspace(), 'common.avdl', positionOf(common, 'cents'), 'why')).ok).toBe(true);
    expect(await service.rename(workspace(), 'common.avdl', positionOf(common, 'cents'), 'currency')).toEqual({ ok: false, reason: 'shop.common.Money already has a field named currency.' });
    expect(await service.rename(workspace(), 'common.avdl', positionOf(common, 'USD'), 'EUR')).toEqual({ ok: false, reason: 'shop.common.Currency already has an enum symbol named EUR.' });
    expect(await service.prepareRename(workspace(), 'app.avdl', positionOf(app, 'protocol', 2))).toMatchObject({ ok: false, reason: expect.stringContaining('Nothing to rename here') });
  });

  it('refuses to rename a type defined in Avro JSON', async () => {
    const files = new Map([['a.avdl', 'protocol A { import schema "x.avsc"; record R { X x; } }'], ['x.avsc', '{"type": "fixed", "name": "X", "size": 2}']]);
    const result = await createLanguageService().prepareRename(files, 'a.avdl', { lineNumber: 1, column: 50 });
    expect(result).toEqual({ ok: false, reason: 'X is defined in x.avsc (Avro JSON): rename it there.' });
  });
});
