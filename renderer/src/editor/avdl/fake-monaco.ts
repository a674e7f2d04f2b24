/**
 * (Tests only.) A stand-in for the Monaco namespace, enough for the Avro IDL adapters: it records what is
 * registered and set, and builds models from text. Enum members are their own names, so test
 * expectations read as words.
 */
import type * as Monaco from 'monaco-editor/editor';
import type { AvdlHost, MonacoNamespace } from './host.js';
import { workspacePathOf, WORKSPACE_ROOT } from './host.js';

const enumOfNames = () => new Proxy({}, { get: (_target, name) => name }) as never;

export interface FakeModel {
  uri: { scheme: string; path: string; toString(): string };
  text: string;
  version: number;
  disposed: boolean;
  getValue(): string;
  getVersionId(): number;
  isDisposed(): boolean;
  getWordAtPosition(position: Monaco.IPosition): { word: string; startColumn: number; endColumn: number } | null;
  onDidChangeContent(listener: () => void): Monaco.IDisposable;
  onWillDispose(listener: () => void): Monaco.IDisposable;
  /** Replaces the text, as typing would, and fires the change event. */
  setValue(text: string): void;
  dispose(): void;
}

export interface FakeMonaco {
  monaco: MonacoNamespace;
  /** Registered providers by kind (`completion`, `hover`...). */
  providers: Map<string, unknown>;
  languages: { id: string; extensions?: string[] }[];
  markers: Map<string, Monaco.editor.IMarkerData[]>;
  setMarkerCalls: number;
  monarch?: Monaco.languages.IMonarchLanguage;
  configuration?: Monaco.languages.LanguageConfiguration;
}

export function fakeUri(path: string) {
  const full = WORKSPACE_ROOT + path;
  return { scheme: 'file', path: full, toString: () => `file://${full}` };
}

export function createFakeMonaco(): FakeMonaco {
  const fake: FakeMonaco = { providers: new Map(), languages: [], markers: new Map(), setMarkerCalls: 0, monaco: undefined as unknown as MonacoNamespace };
  const disposable = (onDispose: () => void = () => undefined): Monaco.IDisposable => ({ dispose: onDispose });
  const provider = (kind: string) => (_language: string, p: unknown) => {
    fake.providers.set(kind, p);
    return disposable(() => fake.providers.delete(kind));
  };
  fake.monaco = {
    Uri: { from: (parts: { scheme: string; path: string }) => fakeUri(parts.path.slice(WORKSPACE_ROOT.length)) },
    MarkerSeverity: { Error: 8, Warning: 4, Info: 2, Hint: 1 },
    editor: {
      setModelMarkers(model: FakeModel, owner: string, markers: Monaco.editor.IMarkerData[]) {
        fake.setMarkerCalls++;
        fake.markers.set(`${owner}:${model.uri.toString()}`, markers);
      },
    },
    languages: {
      getLanguages: () => fake.languages,
      register: (language: { id: string }) => fake.languages.push(language),
      setMonarchTokensProvider: (_id: string, monarch: Monaco.languages.IMonarchLanguage) => {
        fake.monarch = monarch;
        return disposable();
      },
      setLanguageConfiguration: (_id: string, configuration: Monaco.languages.LanguageConfiguration) => {
        fake.configuration = configuration;
        return disposable();
      },
      registerCompletionItemProvider: provider('completion'),
      registerHoverProvider: provider('hover'),
      registerDefinitionProvider: provider('definition'),
      registerReferenceProvider: provider('references'),
      registerRenameProvider: provider('rename'),
      registerDocumentFormattingEditProvider: provider('format'),
      registerDocumentSymbolProvider: provider('symbols'),
      CompletionItemKind: enumOfNames(),
      CompletionItemInsertTextRule: enumOfNames(),
      SymbolKind: enumOfNames(),
      IndentAction: enumOfNames(),
    },
  } as unknown as MonacoNamespace;
  return fake;
}

export function createFakeModel(path: string, text: string): FakeModel {
  const changeListeners = new Set<() => void>();
  const disposeListeners = new Set<() => void>();
  const model: FakeModel = {
    uri: fakeUri(path),
    text,
    version: 1,
    disposed: false,
    getValue: () => model.text,
    getVersionId: () => model.version,
    isDisposed: () => model.disposed,
    getWordAtPosition(position) {
      const line = model.text.split('\n')[position.lineNumber - 1] ?? '';
      const re = /[\w.`]+/g;
      for (let m = re.exec(line); m; m = re.exec(line)) {
        if (position.column >= m.index + 1 && position.column <= m.index + 1 + m[0].length) return { word: m[0], startColumn: m.index + 1, endColumn: m.index + 1 + m[0].length };
      }
      return null;
    },
    onDidChangeContent(listener) {
      changeListeners.add(listener);
      return { dispose: () => changeListeners.delete(listener) };
    },
    onWillDispose(listener) {
      disposeListeners.add(listener);
      return { dispose: () => disposeListeners.delete(listener) };
    },
    setValue(next) {
      model.text = next;
      model.version++;
      for (const l of [...changeListeners]) l();
    },
    dispose() {
      for (const l of [...disposeListeners]) l();
      model.disposed = true;
    },
  };
  return model;
}

/** A host over a mutable map of files, with models overriding it as open buffers do. */
export function createFakeHost(files: Map<string, string>, monaco: MonacoNamespace): AvdlHost & { notices: string[] } {
  const notices: string[] = [];
  return {
    notices,
    files: () => new Map(files),
    pathOf: (uri) => workspacePathOf(uri),
    uriOf: (path) => monaco.Uri.from({ scheme: 'file', path: WORKSPACE_ROOT + path }),
    notify: (message) => notices.push(message),
  };
}
