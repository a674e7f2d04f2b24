/** Completion: context from the tokens before the cursor, names in scope across imports, even while the file does not parse. */
import { describe, expect, it } from 'vitest';
import { createLanguageService, type CompletionResult } from './index.js';

const CURSOR = '‸';

/** Completions at the cursor mark in `text` (the file `path`), with `others` in the workspace. */
async function complete(text: string, others: Record<string, string> = {}, path = 'main.avdl', service = createLanguageService()): Promise<CompletionResult & { labels: string[] }> {
  const offset = text.indexOf(CURSOR);
  const clean = text.replace(CURSOR, '');
  const before = clean.slice(0, offset).split('\n');
  const position = { lineNumber: before.length, column: before[before.length - 1].length + 1 };
  const result = await service.completions(new Map(Object.entries({ ...others, [path]: clean })), path, position);
  return { ...result, labels: result.items.map((i) => i.label) };
}

const common = `namespace shop.common;
/** An amount of money. */
record Money { long cents; }
enum Currency { EUR, USD } = EUR;
error Failure { string why; }
record Plain { int x; }`;

const withImport = (body: string) => `@namespace("shop")
protocol Shop {
  import idl "common.avdl";
  enum Status { NEW, PAID } = NEW;
  error Rejected { string reason; }
${body}
}`;

describe('completion', () => {
  it('offers the top-level keywords in an empty file', async () => {
    const { labels, context } = await complete(CURSOR);
    expect(context).toBe('top-level');
    for (const word of ['protocol', 'namespace', 'schema', 'import', 'import idl', 'import protocol', 'import schema', 'record', 'error', 'enum', 'fixed']) expect(labels).toContain(word);
  });

  it('keeps schema syntax in order: no namespace after a declaration, no schema after a type', async () => {
    const afterNamespace = await complete(`namespace a.b;\n${CURSOR}`);
    expect(afterNamespace.labels).toContain('schema');
    expect(afterNamespace.labels).not.toContain('namespace');
    expect(afterNamespace.labels).not.toContain('protocol');
    const afterType = await complete(`namespace a.b;\nrecord R { int x; }\n${CURSOR}`);
    expect(afterType.labels).not.toContain('schema');
    expect(afterType.labels).toContain('record');
  });

  it('offers primitive, logical, complex and named types inside a record, imported ones included', async () => {
    const { labels, items, context } = await complete(withImport(`  record Order {\n    ${CURSOR}\n  }`), { 'common.avdl': common });
    expect(context).toBe('type');
    for (const word of ['int', 'long', 'string', 'bytes', 'boolean', 'float', 'double', 'date', 'time_ms', 'timestamp_ms', 'local_timestamp_ms', 'uuid', 'decimal(p, s)', 'array', 'map', 'union']) {
      expect(labels).toContain(word);
    }
    // Types of the protocol's namespace by their simple name, the others by their full name, as the writer would.
    expect(labels).toEqual(expect.arrayContaining(['Status', 'Rejected', 'shop.common.Money', 'shop.common.Currency', 'shop.common.Failure']));
    expect(labels).not.toContain('protocol');
    const money = items.find((i) => i.label === 'shop.common.Money')!;
    expect(money).toMatchObject({ kind: 'type', typeKind: 'record', detail: 'record shop.common.Money', documentation: expect.stringContaining('An amount of money.') });
    expect(money.documentation).toContain('common.avdl');
    const decimal = items.find((i) => i.label === 'decimal(p, s)')!;
    expect(decimal).toMatchObject({ kind: 'logical-type', isSnippet: true, insertText: 'decimal(${1:9}, ${2:2})' });
    expect(items.find((i) => i.label === 'array')).toMatchObject({ kind: 'snippet', insertText: 'array<$1>' });
  });

  it('uses the record\'s own namespace to decide how to write names', async () => {
    const { labels } = await complete(withImport(`  @namespace("shop.common") record Local {\n    ${CURSOR}\n  }`), { 'common.avdl': common });
    expect(labels).toEqual(expect.arrayContaining(['Money', 'Currency', 'shop.Status']));
  });

  it('works in a file that does not parse, with names from the last compilation that did', async () => {
    const service = createLanguageService();
    const others = { 'common.avdl': common };
    await complete(withImport(`  record Order { int x; }\n  ${CURSOR}`), others, 'main.avdl', service);
    // Now broken mid-typing: an unclosed record, a half-written field, no closing braces.
    const broken = `@namespace("shop")
protocol Shop {
  import idl "common.avdl";
  record Order {
    int x
    array<${CURSOR}`;
    const { labels, context } = await complete(broken, others, 'main.avdl', service);
    expect(context).toBe('type');
    // The file's own names are those of its current text: Status and Rejected were deleted.
    expect(labels).toEqual(expect.arrayContaining(['Order', 'shop.common.Money', 'shop.common.Failure']));
    expect(labels).not.toContain('Status');
    // Editing the import itself: its names come from the last compilation that parsed.
    const importBroken = broken.replace('import idl "common.avdl";', 'import idl "common.av');
    expect((await complete(importBroken.replace('array<', 'array<'), others, 'main.avdl', service)).labels).toContain('shop.common.Money');
  });

  it('replaces the dotted name being typed, so a namespace prefix filters full names', async () => {
    const { items, context } = await complete(withImport(`  record Order {\n    shop.com${CURSOR}\n  }`), { 'common.avdl': common });
    expect(context).toBe('type');
    const money = items.find((i) => i.label === 'shop.common.Money')!;
    expect(money.range).toEqual({ startLineNumber: 7, startColumn: 5, endLineNumber: 7, endColumn: 13 });
    const afterDot = await complete(withImport(`  record Order {\n    shop.common.${CURSOR}\n  }`), { 'common.avdl': common });
    expect(afterDot.items.find((i) => i.label === 'shop.common.Money')!.range.startColumn).toBe(5);
  });

  it('offers types after array< and map<, and inside a union', async () => {
    expect((await complete(withImport(`  record R { array<${CURSOR}`))).labels).toContain('Status');
    expect((await complete(withImport(`  record R { map<${CURSOR}> m; }`))).labels).toContain('Rejected');
    const union = await complete(withImport(`  record R { union { null, ${CURSOR} } u; }`));
    expect(union.context).toBe('type');
    expect(union.labels).toEqual(expect.arrayContaining(['null', 'string', 'Status']));
  });

  it('knows an enum without a default ends at its brace', async () => {
    const { context, labels } = await complete(withImport(`  enum Level { LOW, HIGH }\n  record R {\n    ${CURSOR}`));
    expect(context).toBe('type');
    expect(labels).toContain('Level');
  });

  it('offers nothing where a name is being declared', async () => {
    expect((await complete(withImport(`  record R { string ${CURSOR}`))).items).toEqual([]);
    expect((await complete(withImport(`  record ${CURSOR}`))).items).toEqual([]);
    expect((await complete(`// a comment ${CURSOR}`)).items).toEqual([]);
    expect((await complete(`/** doc ${CURSOR}`)).items).toEqual([]);
  });

  it('offers declarations, return types and void at the start of a protocol item', async () => {
    const { labels, context } = await complete(withImport(`  ${CURSOR}`), { 'common.avdl': common });
    expect(context).toBe('protocol-item');
    expect(labels).toEqual(expect.arrayContaining(['import', 'record', 'error', 'enum', 'fixed', 'void', 'message', 'string', 'Status', 'shop.common.Money']));
  });

  it('offers throws and oneway after the parameters, and only error types after throws', async () => {
    expect((await complete(withImport(`  void ping(string s) ${CURSOR}`))).labels).toEqual(['throws', 'oneway']);
    const throwing = await complete(withImport(`  Status pay(string id) throws ${CURSOR}`), { 'common.avdl': common });
    expect(throwing.context).toBe('throws');
    expect(throwing.labels.sort()).toEqual(['Rejected', 'shop.common.Failure']);
    const second = await complete(withImport(`  Status pay(string id) throws Rejected, ${CURSOR}`), { 'common.avdl': common });
    expect(second.labels).toContain('shop.common.Failure');
  });

  it('offers types for message parameters, including imported ones', async () => {
    const { labels, context } = await complete(withImport(`  void ping(${CURSOR}`), { 'common.avdl': common });
    expect(context).toBe('type');
    expect(labels).toContain('shop.common.Money');
    expect((await complete(withImport(`  void ping(int a, ${CURSOR}`), { 'common.avdl': common })).labels).toContain('Status');
  });

  it('offers annotations after @, by what they annotate', async () => {
    const onDeclaration = await complete(withImport(`  @${CURSOR}`));
    expect(onDeclaration.context).toBe('annotation');
    expect(onDeclaration.labels).toEqual(expect.arrayContaining(['namespace', 'aliases']));
    expect(onDeclaration.labels).not.toContain('order');
    const onType = await complete(withImport(`  record R { @${CURSOR}`));
    expect(onType.labels).toEqual(expect.arrayContaining(['logicalType', 'java-class', 'avro.java.string']));
    const onVariable = await complete(withImport(`  record R { string @or${CURSOR}`));
    expect(onVariable.labels).toEqual(expect.arrayContaining(['order', 'aliases']));
    const order = onVariable.items.find((i) => i.label === 'order')!;
    expect(order).toMatchObject({ kind: 'annotation', isSnippet: true, insertText: 'order("${1|ascending,descending,ignore|}")' });
    expect(order.range.endColumn - order.range.startColumn).toBe(2);
    expect((await complete(`@${CURSOR}`)).labels).toContain('namespace');
  });

  it('offers the values an annotation takes', async () => {
    expect((await complete(withImport(`  record R { string @order(${CURSOR}`))).labels).toEqual(['"ascending"', '"descending"', '"ignore"']);
    expect((await complete(withImport(`  record R { string @order("${CURSOR}") x; }`))).labels).toEqual(['ascending', 'descending', 'ignore']);
    expect((await complete(withImport(`  record R { @logicalType("${CURSOR}`))).labels).toContain('timestamp-micros');
    expect((await complete(`@namespace("${CURSOR}")\nprotocol P { import idl "common.avdl"; }`, { 'common.avdl': common })).labels).toEqual(['shop.common']);
  });

  it('offers the symbols in an enum\'s default position', async () => {
    const { labels, context } = await complete(withImport(`  enum Level { LOW, MID, HIGH } = ${CURSOR}`));
    expect(context).toBe('enum-default');
    expect(labels).toEqual(['LOW', 'MID', 'HIGH']);
    expect((await complete(`namespace x;\n@aliases(["L"]) enum Level {\n  /** low */ LOW,\n  @p("q") HIGH\n} = H${CURSOR}`)).labels).toEqual(['LOW', 'HIGH']);
  });

  it('offers defaults by the field\'s type: enum symbols, null for optional types, booleans', async () => {
    const enumField = await complete(withImport(`  record R { shop.common.Currency c = ${CURSOR}`), { 'common.avdl': common });
    expect(enumField.context).toBe('field-default');
    expect(enumField.labels).toEqual(['"EUR"', '"USD"']);
    expect((await complete(withImport(`  record R { Status s = "${CURSOR}`))).labels).toEqual(['NEW', 'PAID']);
    expect((await complete(withImport(`  record R { Status? s = ${CURSOR}`))).labels).toEqual(['null', '"NEW"', '"PAID"']);
    expect((await complete(withImport(`  record R { boolean b = ${CURSOR}`))).labels).toEqual(['true', 'false']);
    expect((await complete(withImport(`  record R { union { null, string } u = ${CURSOR}`))).labels).toEqual(['null']);
    expect((await complete(withImport(`  record R { array<int> a = ${CURSOR}`))).labels).toEqual(['[]']);
  });

  it('offers import kinds, then workspace files of the right kind relative to the file', async () => {
    expect((await complete(`protocol P { import ${CURSOR}`)).labels).toEqual(['idl', 'protocol', 'schema']);
    const others = { 'defs/common.avdl': common, 'defs/sub/more.avdl': 'namespace m;', 'schemas/x.avsc': '"int"', 'defs/p.avpr': '{}' };
    const idl = await complete(`protocol P { import idl "${CURSOR}" }`, others, 'defs/main.avdl');
    expect(idl.context).toBe('import-path');
    expect(idl.labels).toEqual(['common.avdl', 'sub/more.avdl']);
    expect((await complete(`protocol P { import schema "${CURSOR}`, others, 'defs/main.avdl')).labels).toEqual(['../schemas/x.avsc']);
    expect((await complete(`protocol P { import protocol "${CURSOR}`, others, 'defs/main.avdl')).labels).toEqual(['p.avpr']);
  });

  it('offers types after schema, and namespaces after namespace', async () => {
    // Money is declared below, in a file that has never parsed: its name comes from the text.
    const schema = await complete(`namespace shop.common;\nschema ${CURSOR}\nrecord Money { long cents; }`);
    expect(schema.labels).toEqual(expect.arrayContaining(['Money', 'int', 'null']));
    const service = createLanguageService();
    await complete(`${CURSOR}\nimport idl "common.avdl";`, { 'common.avdl': common }, 'main.avdl', service);
    expect((await complete(`namespace ${CURSOR}\nimport idl "common.avdl";`, { 'common.avdl': common }, 'main.avdl', service)).labels).toEqual(['shop.common']);
  });

  it('does not offer null-namespace types inside a namespace, where they cannot be named', async () => {
    const { labels } = await complete(`@namespace("a") protocol P { import idl "n.avdl"; record R { ${CURSOR} } }`, { 'n.avdl': 'record Nowhere { int x; }' });
    expect(labels).not.toContain('Nowhere');
  });
});
