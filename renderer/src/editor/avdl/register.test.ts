// @vitest-environment node
/** The Monaco adapters, against a stand-in Monaco: what is registered, and each provider converting the service's answers. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type * as Monaco from 'monaco-editor/editor';
import { createFakeHost, createFakeModel, createFakeMonaco, type FakeModel } from './fake-monaco.js';
import { createDiagnosticsClient, type WorkerLike } from './diagnostics-client.js';
import { registerAvdlLanguage } from './register.js';

const definitions = new URL('../../../../definitions/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, definitions), 'utf8');

function setUp(extra: Record<string, string> = {}) {
  const fake = createFakeMonaco();
  const files = new Map(Object.entries({ 'definitions/spl-common.avdl': read('spl-common.avdl'), 'definitions/spl-data.avdl': read('spl-data.avdl'), ...extra }));
  const host = createFakeHost(files, fake.monaco);
  const registration = registerAvdlLanguage(fake.monaco, host);
  const provider = <T>(kind: string) => fake.providers.get(kind) as T;
  return { fake, files, host, registration, provider };
}

const token = {} as Monaco.CancellationToken;
const pos = (lineNumber: number, column: number) => ({ lineNumber, column }) as Monaco.Position;
const asModel = (model: FakeModel) => model as unknown as Monaco.editor.ITextModel;

/** The 1-based position of `needle` in `text`, `into` characters into it. */
function positionOf(text: string, needle: string, into = 1) {
  const before = text.slice(0, text.indexOf(needle) + into).split('\n');
  return pos(before.length, before[before.length - 1].length + 1);
}

describe('registerAvdlLanguage', () => {
  it('registers the language, its tokenizer, configuration and every provider; dispose undoes them', () => {
    const { fake, registration } = setUp();
    expect(fake.languages).toEqual([{ id: 'avdl', extensions: ['.avdl'], aliases: ['Avro IDL', 'avdl'] }]);
    expect(fake.monarch?.tokenPostfix).toBe('.avdl');
    expect(fake.configuration?.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
    expect([...fake.providers.keys()].sort()).toEqual(['completion', 'definition', 'format', 'hover', 'references', 'rename', 'symbols']);
    expect((fake.providers.get('completion') as Monaco.languages.CompletionItemProvider).triggerCharacters).toEqual(['@', '.', '<']);
    registration.dispose();
    expect(fake.providers.size).toBe(0);
  });

  it('completes with the model\'s unsaved text: imported types as Monaco items', async () => {
    const { provider } = setUp();
    const text = read('spl-data.avdl').replace('    string topic;\n', '    string topic;\n    spl.common.Pa\n');
    const model = createFakeModel('definitions/spl-data.avdl', text);
    const list = await provider<Monaco.languages.CompletionItemProvider>('completion').provideCompletionItems(asModel(model), positionOf(text, 'spl.common.Pa\n', 13), { triggerKind: 0 } as Monaco.languages.CompletionContext, token);
    const payload = list!.suggestions.find((s) => s.label === 'spl.common.Payload')!;
    expect(payload).toMatchObject({ kind: 'Struct', insertText: 'spl.common.Payload', detail: 'record spl.common.Payload' });
    expect(payload.range).toMatchObject({ startColumn: 5, endColumn: 18 });
    const decimal = list!.suggestions.find((s) => s.label === 'decimal(p, s)')!;
    expect(decimal).toMatchObject({ kind: 'Interface', insertTextRules: 'InsertAsSnippet' });
  });

  it('hovers and goes to a definition in another file, by its workspace URI', async () => {
    const { provider, files } = setUp();
    const text = files.get('definitions/spl-data.avdl')!;
    const model = asModel(createFakeModel('definitions/spl-data.avdl', text));
    const at = positionOf(text, 'spl.common.Payload data', 12);
    const hover = await provider<Monaco.languages.HoverProvider>('hover').provideHover(model, at, token);
    expect((hover!.contents[0] as Monaco.IMarkdownString).value).toContain('record spl.common.Payload');
    const definition = (await provider<Monaco.languages.DefinitionProvider>('definition').provideDefinition(model, at, token)) as Monaco.languages.Location[];
    expect(definition).toHaveLength(1);
    expect(definition[0].uri.toString()).toBe('file:///workspace/definitions/spl-common.avdl');
    const references = await provider<Monaco.languages.ReferenceProvider>('references').provideReferences(model, at, { includeDeclaration: true }, token);
    expect(new Set(references!.map((r) => r.uri.toString()))).toEqual(new Set(['file:///workspace/definitions/spl-common.avdl', 'file:///workspace/definitions/spl-data.avdl']));
  });

  it('renames across files as one workspace edit, and explains a refusal', async () => {
    const { provider, files } = setUp();
    const text = files.get('definitions/spl-data.avdl')!;
    const model = createFakeModel('definitions/spl-data.avdl', text);
    model.version = 7;
    const rename = provider<Monaco.languages.RenameProvider>('rename');
    const at = positionOf(text, 'spl.common.Payload data', 12);
    expect(await rename.resolveRenameLocation!(asModel(model), at, token)).toMatchObject({ text: 'Payload', range: { startColumn: 16, endColumn: 23 } });
    const edit = (await rename.provideRenameEdits(asModel(model), at, 'TypedValue', token)) as Monaco.languages.WorkspaceEdit;
    const edits = edit.edits as Monaco.languages.IWorkspaceTextEdit[];
    expect(new Set(edits.map((e) => e.resource.toString()))).toEqual(new Set(['file:///workspace/definitions/spl-data.avdl', 'file:///workspace/definitions/spl-common.avdl']));
    expect(edits.every((e) => e.textEdit.text === 'TypedValue')).toBe(true);
    expect(edits.filter((e) => e.versionId === 7).every((e) => e.resource.toString().endsWith('spl-data.avdl'))).toBe(true);
    const refused = await rename.provideRenameEdits(asModel(model), at, 'long', token);
    expect(refused).toEqual({ edits: [], rejectReason: "'long' cannot name a type: it is a primitive or logical type." });
    const nothing = await rename.resolveRenameLocation!(asModel(model), positionOf(text, 'protocol SPLDataService', 3), token);
    expect(nothing).toMatchObject({ rejectReason: expect.stringContaining('Nothing to rename here') });
  });

  it('formats, or tells the user why not', async () => {
    const { provider, host } = setUp();
    const format = provider<Monaco.languages.DocumentFormattingEditProvider>('format');
    const options = { tabSize: 4, insertSpaces: true } as Monaco.languages.FormattingOptions;
    const text = 'protocol P {\nrecord R {   int x; }\n}\n';
    const edits = await format.provideDocumentFormattingEdits(asModel(createFakeModel('x.avdl', text)), options, token);
    expect(edits).toHaveLength(1);
    const lines = text.split('\n');
    const offset = (line: number, column: number) => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
    const { range, text: newText } = edits![0];
    const formatted = text.slice(0, offset(range.startLineNumber, range.startColumn)) + newText + text.slice(offset(range.endLineNumber, range.endColumn));
    // The canonical two-space layout of `spl fmt`, whatever the editor's tab size.
    expect(formatted).toBe('protocol P {\n  record R {\n    int x;\n  }\n}\n');
    const broken = asModel(createFakeModel('y.avdl', 'protocol P { record R { int x } }'));
    expect(await format.provideDocumentFormattingEdits(broken, options, token)).toEqual([]);
    expect(host.notices).toEqual(["Cannot format: line 1, column 31: expected ';' after the field, found '}'"]);
  });

  it('gives the outline as Monaco document symbols', async () => {
    const { provider } = setUp();
    const model = asModel(createFakeModel('o.avdl', 'protocol P { enum E { A } void ping(int n); }'));
    const symbols = await provider<Monaco.languages.DocumentSymbolProvider>('symbols').provideDocumentSymbols(model, token);
    expect(symbols).toEqual([expect.objectContaining({
      name: 'P', kind: 'Module',
      children: [expect.objectContaining({ name: 'E', kind: 'Enum', children: [expect.objectContaining({ name: 'A', kind: 'EnumMember' })] }), expect.objectContaining({ name: 'ping', kind: 'Method' })],
    })]);
  });

  it('serves the providers from a diagnostics client\'s worker made after it, until the client goes', async () => {
    const { provider, files, registration } = setUp();
    const main = registration.service;
    const posted: string[] = [];
    const worker: WorkerLike = {
      onmessage: null, onerror: null, terminate() {},
      postMessage(message) {
        posted.push('method' in message ? message.method : 'diagnostics');
        if ('method' in message) void main.hover(new Map(message.files), message.path, message.args[0] as Monaco.IPosition).then((result) => worker.onmessage!({ data: { id: message.id, method: 'hover', result } } as MessageEvent));
      },
    };
    const client = createDiagnosticsClient(() => worker);
    expect(registration.service).toBe(client.languageService);
    const text = files.get('definitions/spl-data.avdl')!;
    const hover = await provider<Monaco.languages.HoverProvider>('hover').provideHover(asModel(createFakeModel('definitions/spl-data.avdl', text)), positionOf(text, 'spl.common.Payload data', 12), token);
    expect((hover!.contents[0] as Monaco.IMarkdownString).value).toContain('record spl.common.Payload');
    expect(posted).toEqual(['hover']);
    client.dispose();
    expect(registration.service).toBe(main);
  });

  it('answers nothing for models outside the workspace', async () => {
    const { provider } = setUp();
    const outside = { ...createFakeModel('x.avdl', 'protocol P {}'), uri: { scheme: 'inmemory', path: '/model/1', toString: () => 'inmemory://model/1' } };
    expect(await provider<Monaco.languages.HoverProvider>('hover').provideHover(asModel(outside), pos(1, 3), token)).toBeNull();
  });
});
