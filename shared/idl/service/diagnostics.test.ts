/** Diagnostics: every error with its range, errors of imported files on the import, the compiled JSON, and .avsc/.avpr validation. */
import { describe, expect, it } from 'vitest';
import { compileIdlText, compileResultToJson } from '../compile.js';
import { toJsonText } from '../../avro/json-text.js';
import { createLanguageService } from './index.js';

const common = `namespace shop.common;
record Money { long cents; string currency = "EUR"; }
error Failure { string why; }`;

const app = `@namespace("shop")
protocol Shop {
  import idl "common/money.avdl";
  record Order { shop.common.Money total; }
  Order place(Order order) throws shop.common.Failure;
}`;

function workspace(extra: Record<string, string> = {}): Map<string, string> {
  return new Map(Object.entries({ 'defs/common/money.avdl': common, 'defs/shop.avdl': app, ...extra }));
}

describe('diagnostics', () => {
  it('gives no markers and the compiled protocol, as spl idl prints it, for a valid file', async () => {
    const service = createLanguageService();
    const result = await service.diagnostics(workspace(), 'defs/shop.avdl');
    expect(result.markers).toEqual([]);
    expect(result.output?.kind).toBe('avpr');
    const reader = { read: async (p: string) => workspace().get(p) };
    const expected = toJsonText(compileResultToJson(await compileIdlText('defs/shop.avdl', app, { reader })));
    expect(result.output?.text).toBe(expected);
    expect(JSON.parse(result.output!.text).types.map((t: { name: string }) => t.name)).toEqual(['Money', 'Failure', 'Order']);
  });

  it('gives a schema-syntax file its .avsc output', async () => {
    const result = await createLanguageService().diagnostics(workspace(), 'defs/common/money.avdl');
    expect(result.output?.kind).toBe('avsc');
    expect(JSON.parse(result.output!.text)).toHaveLength(2);
  });

  it('reports every syntax error of a file being typed, each with its range, and no output', async () => {
    const typing = `protocol P {
  record A {
    strin x;
    int y
    long z;
  }
  record B { int
}`;
    const result = await createLanguageService().diagnostics(new Map([['p.avdl', typing]]), 'p.avdl');
    expect(result.output).toBeUndefined();
    expect(result.errorCount).toBeGreaterThanOrEqual(3);
    const unknown = result.markers.find((m) => m.code === 'unknown-type')!;
    expect(unknown.range).toEqual({ startLineNumber: 3, startColumn: 5, endLineNumber: 3, endColumn: 10 });
    expect(unknown.message).toContain("unknown type 'strin'");
    // The missing ';' is reported at the end of the line it was left off.
    const semicolon = result.markers.find((m) => m.message.includes("expected ';'") && m.range.startLineNumber === 4)!;
    expect(semicolon.range.startColumn).toBe(10);
    expect(result.markers.some((m) => m.range.startLineNumber >= 7)).toBe(true);
  });

  it('shows errors of an imported file on the import statement, linked to where they are', async () => {
    const broken = common.replace('long cents;', 'lng cents;');
    const result = await createLanguageService().diagnostics(workspace({ 'defs/common/money.avdl': broken }), 'defs/shop.avdl');
    const marker = result.markers.find((m) => m.message.includes('lng'))!;
    expect(marker.severity).toBe('error');
    expect(marker.message).toMatch(/^in common\/money\.avdl:2:16: unknown type 'lng'/);
    // The range of the import's path string.
    expect(marker.range).toEqual({ startLineNumber: 3, startColumn: 14, endLineNumber: 3, endColumn: 33 });
    expect(marker.related).toEqual([{ path: 'defs/common/money.avdl', range: { startLineNumber: 2, startColumn: 16, endLineNumber: 2, endColumn: 19 }, message: expect.stringContaining('lng') }]);
  });

  it('reports errors of a file imported through another import on the first import that led to it', async () => {
    const files = new Map([
      ['a.avdl', 'protocol A { import idl "b.avdl"; record R { int x; } }'],
      ['b.avdl', 'namespace b;\nimport idl "c.avdl";\nrecord B { int x; }'],
      ['c.avdl', 'namespace c;\nrecord C { nope x; }'],
    ]);
    const result = await createLanguageService().diagnostics(files, 'a.avdl');
    expect(result.markers).toHaveLength(1);
    expect(result.markers[0]).toMatchObject({ message: expect.stringMatching(/^in c\.avdl:2:12: unknown type 'nope'/), range: { startLineNumber: 1, startColumn: 25 } });
  });

  it('reports a missing import at its path', async () => {
    const result = await createLanguageService().diagnostics(new Map([['a.avdl', 'protocol A {\n  import idl "gone.avdl";\n}']]), 'a.avdl');
    expect(result.markers).toEqual([expect.objectContaining({ code: 'missing-import', range: { startLineNumber: 2, startColumn: 14, endLineNumber: 2, endColumn: 25 } })]);
  });

  it('recompiles when an imported file changes, and not before', async () => {
    const service = createLanguageService();
    const files = workspace();
    const first = await service.diagnostics(files, 'defs/shop.avdl');
    expect(await service.diagnostics(new Map(files), 'defs/shop.avdl')).toEqual(first);
    files.set('defs/common/money.avdl', common.replace('error Failure', 'record Failure'));
    const after = await service.diagnostics(files, 'defs/shop.avdl');
    expect(after.markers).toEqual([expect.objectContaining({ severity: 'warning', code: 'throws-non-error' })]);
  });

  it('validates .avsc files with a ranged error', async () => {
    const text = '{\n  "type": "record",\n  "name": "R",\n  "fields": [{"name": "a", "type": "Missing"}]\n}';
    const result = await createLanguageService().diagnostics(new Map([['s/r.avsc', text]]), 's/r.avsc');
    expect(result.output).toBeUndefined();
    expect(result.markers).toEqual([expect.objectContaining({
      severity: 'error', message: expect.stringContaining("fields[0].type: unknown type 'Missing'"),
      range: { startLineNumber: 4, startColumn: 36, endLineNumber: 4, endColumn: 45 },
    })]);
  });

  it('validates .avpr files and prints them back', async () => {
    const text = '{"protocol": "P", "namespace": "x", "types": [], "messages": {"ping": {"request": [], "response": "string"}}}';
    const result = await createLanguageService().diagnostics(new Map([['p.avpr', text]]), 'p.avpr');
    expect(result.markers).toEqual([]);
    expect(JSON.parse(result.output!.text)).toMatchObject({ protocol: 'P', namespace: 'x', messages: { ping: { response: 'string' } } });
    const broken = await createLanguageService().diagnostics(new Map([['p.avpr', '{"protocol": "P", "messages": {"ping": {"request": [}}}']]), 'p.avpr');
    expect(broken.markers[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('invalid JSON'), range: { startLineNumber: 1, startColumn: 53 } });
  });

  it('gives nothing for a file that is not in the workspace', async () => {
    expect(await createLanguageService().diagnostics(new Map(), 'x.avdl')).toEqual({ path: 'x.avdl', markers: [], errorCount: 0, warningCount: 0 });
  });
});
