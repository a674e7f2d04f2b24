/** Hover, go to definition and find references, within a file and across imports. */
import { describe, expect, it } from 'vitest';
import { createLanguageService, type Position } from './index.js';

const CURSOR = '‸';

/** The file text without the cursor mark, and the mark's position. */
function withCursor(text: string): { text: string; position: Position } {
  const offset = text.indexOf(CURSOR);
  const before = text.slice(0, offset).split('\n');
  return { text: text.replace(CURSOR, ''), position: { lineNumber: before.length, column: before[before.length - 1].length + 1 } };
}

const common = `namespace shop.common;
/** An amount of money, in cents. */
@aliases(["Amount"])
record Money {
  /** Whole cents. */
  long cents = 0;
  Currency currency = "EUR";
}
enum Currency { EUR, USD } = EUR;
error Failure { string why; }`;

const app = `/** The shop. */
@namespace("shop")
protocol Shop {
  import idl "common.avdl";
  import schema "extra.avsc";
  record Order {
    shop.common.Money total;
    Extra extra;
  }
  /** Places an order. */
  Order place(Order order, shop.common.Currency currency = "USD") throws shop.common.Failure;
}`;

const extra = '{"type": "record", "name": "Extra", "namespace": "shop", "doc": "From JSON.", "fields": [{"name": "n", "type": "int"}]}';

function files(main: string, others: Record<string, string> = {}): Map<string, string> {
  return new Map(Object.entries({ 'd/common.avdl': common, 'd/extra.avsc': extra, 'd/other.avdl': 'protocol Other { import idl "common.avdl"; void pay(shop.common.Money m); }', ...others, 'd/app.avdl': main }));
}

/** The position of the n-th occurrence of `needle` in `text`, `into` characters into it. */
function positionOf(text: string, needle: string, into = 1, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  return withCursor(text.slice(0, at + into) + CURSOR + text.slice(at + into)).position;
}

describe('go to definition', () => {
  it('goes from a reference to a type in an imported file', async () => {
    const locations = await createLanguageService().definition(files(app), 'd/app.avdl', positionOf(app, 'shop.common.Money', 14));
    expect(locations).toEqual([{ path: 'd/common.avdl', range: { startLineNumber: 4, startColumn: 8, endLineNumber: 4, endColumn: 13 } }]);
  });

  it('works on the namespace part of a full name too, and on throws', async () => {
    const service = createLanguageService();
    expect((await service.definition(files(app), 'd/app.avdl', positionOf(app, 'shop.common.Money', 2)))[0].path).toBe('d/common.avdl');
    expect((await service.definition(files(app), 'd/app.avdl', positionOf(app, 'shop.common.Failure', 14)))[0].range.startLineNumber).toBe(10);
  });

  it('goes to a type defined in an imported JSON schema', async () => {
    const [location] = await createLanguageService().definition(files(app), 'd/app.avdl', positionOf(app, 'Extra extra'));
    expect(location.path).toBe('d/extra.avsc');
    expect(location.range.startLineNumber).toBe(1);
  });

  it('goes from an import path to the imported file', async () => {
    expect(await createLanguageService().definition(files(app), 'd/app.avdl', positionOf(app, 'common.avdl'))).toEqual([
      { path: 'd/common.avdl', range: { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 1 } },
    ]);
  });

  it('goes within a file from an enum default to its symbol', async () => {
    const [location] = await createLanguageService().definition(files(app), 'd/common.avdl', positionOf(common, '= EUR', 3));
    expect(location).toEqual({ path: 'd/common.avdl', range: { startLineNumber: 9, startColumn: 17, endLineNumber: 9, endColumn: 20 } });
  });

  it('finds nothing on whitespace or a keyword', async () => {
    expect(await createLanguageService().definition(files(app), 'd/app.avdl', positionOf(app, 'record Order', 2))).toEqual([]);
  });
});

describe('find references', () => {
  it('finds every use of a type across all files that import it, from its definition', async () => {
    const refs = await createLanguageService().references(files(app), 'd/common.avdl', positionOf(common, 'Money {', 2), true);
    expect(refs.map((r) => `${r.path}:${r.range.startLineNumber}:${r.range.startColumn}`)).toEqual([
      'd/common.avdl:4:8', 'd/app.avdl:7:5', 'd/other.avdl:1:53',
    ]);
  });

  it('can leave the declaration out, and works from a use in another file', async () => {
    const refs = await createLanguageService().references(files(app), 'd/other.avdl', { lineNumber: 1, column: 60 }, false);
    expect(refs.map((r) => r.path)).toEqual(['d/app.avdl', 'd/other.avdl']);
  });

  it('finds an enum symbol and its use as the enum default', async () => {
    const refs = await createLanguageService().references(files(app), 'd/common.avdl', positionOf(common, 'EUR,'), true);
    expect(refs.map((r) => r.range.startColumn)).toEqual([17, 30]);
  });
});

describe('hover', () => {
  it('shows an imported type: kind, full name, doc, declaration and where it is defined', async () => {
    const hover = await createLanguageService().hover(files(app), 'd/app.avdl', positionOf(app, 'shop.common.Money', 13));
    expect(hover!.range).toEqual({ startLineNumber: 7, startColumn: 5, endLineNumber: 7, endColumn: 22 });
    const md = hover!.markdown;
    expect(md).toContain('```avdl\nrecord shop.common.Money\n```');
    expect(md).toContain('An amount of money, in cents.');
    expect(md).toContain('@aliases(["Amount"])\nrecord Money {\n  /** Whole cents. */\n  long cents = 0;');
    expect(md).toContain('Defined in `d/common.avdl` line 4');
  });

  it('shows a JSON-defined type as JSON', async () => {
    const md = (await createLanguageService().hover(files(app), 'd/app.avdl', positionOf(app, 'Extra extra')))!.markdown;
    expect(md).toContain('record shop.Extra');
    expect(md).toContain('From JSON.');
    expect(md).toContain('```json\n{\n  "type": "record",\n  "name": "Extra"');
  });

  it('shows a field with its type, record, default and doc', async () => {
    const md = (await createLanguageService().hover(files(app), 'd/common.avdl', positionOf(common, 'cents =')))!.markdown;
    expect(md).toContain('```avdl\nlong cents\n```');
    expect(md).toContain('field of record `shop.common.Money` · default `0`');
    expect(md).toContain('Whole cents.');
  });

  it('shows a message with its signature and doc, and a parameter', async () => {
    const service = createLanguageService();
    const message = (await service.hover(files(app), 'd/app.avdl', positionOf(app, 'place')))!.markdown;
    expect(message).toContain('Order place(Order order, shop.common.Currency currency = "USD") throws shop.common.Failure;');
    expect(message).toContain('Places an order.');
    const param = (await service.hover(files(app), 'd/app.avdl', positionOf(app, 'currency =')))!.markdown;
    expect(param).toContain('shop.common.Currency currency');
    expect(param).toContain('parameter of message `place`');
  });

  it('shows an enum symbol with its enum and the default', async () => {
    const md = (await createLanguageService().hover(files(app), 'd/common.avdl', positionOf(common, 'USD')))!.markdown;
    expect(md).toContain('symbol of enum `shop.common.Currency` · symbols EUR, USD · default EUR');
  });

  it('shows the protocol', async () => {
    const md = (await createLanguageService().hover(files(app), 'd/app.avdl', positionOf(app, 'Shop')))!.markdown;
    expect(md).toContain('protocol shop.Shop');
    expect(md).toContain('The shop.');
    expect(md).toContain('5 types · 1 messages');
  });

  it('explains built-in types, keywords and annotations', async () => {
    const service = createLanguageService();
    const text = 'protocol P { record R { timestamp_ms t; @java-class("x") string s; string @order("descending") o; } }';
    const ws = new Map([['p.avdl', text]]);
    expect((await service.hover(ws, 'p.avdl', positionOf(text, 'timestamp_ms')))!.markdown).toContain('timestamp-millis');
    expect((await service.hover(ws, 'p.avdl', positionOf(text, 'string s')))!.markdown).toContain('Unicode');
    const order = (await service.hover(ws, 'p.avdl', positionOf(text, 'order')))!;
    expect(order.markdown).toContain('binary ordering');
    expect(order.range.startColumn).toBe(text.indexOf('@order') + 1);
    expect((await service.hover(ws, 'p.avdl', positionOf(text, 'java-class')))!.markdown).toContain('Java class');
    expect((await service.hover(ws, 'p.avdl', positionOf(text, 'record')))!.markdown).toContain('Declares a record');
    expect(await service.hover(ws, 'p.avdl', positionOf(text, '"x"', 1))).toBeUndefined();
  });

  it('still hovers in a file with syntax errors', async () => {
    const broken = app.replace('Extra extra;', 'Extra extra').replace('Order place', 'Order plac e');
    const md = (await createLanguageService().hover(files(broken), 'd/app.avdl', positionOf(broken, 'shop.common.Money', 13)))?.markdown;
    expect(md).toContain('record shop.common.Money');
  });
});
