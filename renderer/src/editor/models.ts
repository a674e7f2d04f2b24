/**
 * One Monaco model per loaded workspace file, at `file:///workspace/<path>`: the text the
 * editor shows and the documents store saves (this is its `TextBuffers`). Contracts get a model
 * before anyone opens them, so go to definition, references and rename reach across files.
 *
 * Dirty is "the model's alternative version differs from the one last saved", which makes undo
 * back to the saved text clean again, as in VS Code.
 */
import type { TextBuffers } from '../stores/documents-store.js';
import { languageOf } from '../workspace/file-kind.js';
import type { Monaco } from './monaco.js';
import type * as monacoApi from 'monaco-editor/editor';

type Model = monacoApi.editor.ITextModel;
type Uri = monacoApi.Uri;

const ROOT = '/workspace/';

export class ModelRegistry implements TextBuffers {
  private readonly models = new Map<string, Model>();
  private readonly saved = new Map<string, number>();
  private readonly createdListeners = new Set<(path: string, model: Model) => void>();

  constructor(
    private readonly monaco: Monaco,
    private readonly onDirty: (path: string, dirty: boolean) => void,
  ) {}

  uriOf(path: string): Uri {
    return this.monaco.Uri.from({ scheme: 'file', path: ROOT + path });
  }

  /** The workspace path of a model's URI; undefined for URIs outside the workspace. */
  pathOf(uri: Uri): string | undefined {
    return uri.scheme === 'file' && uri.path.startsWith(ROOT) ? uri.path.slice(ROOT.length) : undefined;
  }

  model(path: string): Model | undefined {
    return this.models.get(path);
  }

  paths(): string[] {
    return [...this.models.keys()];
  }

  /** The text of every loaded file by path (the IDL language service compiles imports from it). */
  texts(): Map<string, string> {
    return new Map([...this.models].map(([path, model]) => [path, model.getValue()]));
  }

  /** Called for every model created from now on (language services attach to it). */
  onCreated(listener: (path: string, model: Model) => void): () => void {
    this.createdListeners.add(listener);
    return () => this.createdListeners.delete(listener);
  }

  get(path: string): string | undefined {
    return this.models.get(path)?.getValue();
  }

  set(path: string, text: string): void {
    const model = this.models.get(path);
    if (!model) {
      this.create(path, text);
      return;
    }
    if (model.getValue() !== text) {
      // An edit rather than setValue: the reload can be undone like any other change.
      model.pushStackElement();
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      model.pushStackElement();
    }
    this.markSaved(path);
  }

  markSaved(path: string): void {
    const model = this.models.get(path);
    if (!model) return;
    this.saved.set(path, model.getAlternativeVersionId());
    this.onDirty(path, false);
  }

  remove(path: string): void {
    this.models.get(path)?.dispose();
    this.models.delete(path);
    this.saved.delete(path);
  }

  private create(path: string, text: string): void {
    const uri = this.uriOf(path);
    // A model for this URI can exist already if Monaco made one (a peek view); reuse it.
    const model = this.monaco.editor.getModel(uri) ?? this.monaco.editor.createModel(text, languageOf(path), uri);
    if (model.getValue() !== text) model.setValue(text);
    // The canonical layouts (spl fmt, Avro's JSON) indent by two spaces; so does typing.
    model.updateOptions({ tabSize: 2, indentSize: 2, insertSpaces: true });
    this.models.set(path, model);
    this.saved.set(path, model.getAlternativeVersionId());
    model.onDidChangeContent(() => {
      this.onDirty(path, model.getAlternativeVersionId() !== this.saved.get(path));
    });
    model.onWillDispose(() => {
      if (this.models.get(path) === model) {
        this.models.delete(path);
        this.saved.delete(path);
      }
    });
    for (const listener of this.createdListeners) listener(path, model);
  }
}
