/**
 * The one Monaco editor of the editor area, and what the shell asks of it (`EditorPort`): it
 * shows the active tab's model (keeping each file's cursor and scroll), opens other files when
 * Monaco navigates (go to definition into an imported file), follows the theme, and reports
 * the cursor and every file's markers to the status bar and problems panel.
 */
import type * as monacoApi from 'monaco-editor/editor';
import type { EditorPort, Selection } from '../app/editor-port.js';
import type { Studio } from '../app/studio.js';
import type { Problem } from '../stores/editor-status-store.js';
import type { ModelRegistry } from './models.js';
import type { Monaco } from './monaco.js';
import { MONACO_THEMES } from './themes.js';

type CodeEditor = monacoApi.editor.IStandaloneCodeEditor;
type ViewState = monacoApi.editor.ICodeEditorViewState;

export const EDITOR_FONT = "'JetBrains Mono', 'Cascadia Code', 'Fira Code', 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";

export class EditorController implements EditorPort {
  private editor: CodeEditor | null = null;
  private shown: string | null = null;
  private readonly viewStates = new Map<string, ViewState>();
  private readonly pendingReveal = new Map<string, Selection>();
  private readonly disposers: (() => void)[] = [];

  constructor(
    private readonly monaco: Monaco,
    private readonly models: ModelRegistry,
    private readonly studio: Studio,
  ) {
    // Go to definition, peek and references into another file: open it in a tab, there.
    const opener = monaco.editor.registerEditorOpener({
      openCodeEditor: (_source, resource, selectionOrPosition) => {
        const path = models.pathOf(resource);
        if (path === undefined) return false;
        const selection = toSelection(selectionOrPosition);
        void studio.openFile(path, selection);
        return true;
      },
    });
    this.disposers.push(() => opener.dispose());
    const markers = monaco.editor.onDidChangeMarkers((uris) => {
      for (const uri of uris) {
        const path = models.pathOf(uri);
        if (path !== undefined) studio.status.getState().setProblems(path, this.problemsOf(uri));
      }
    });
    this.disposers.push(() => markers.dispose());
    this.disposers.push(studio.theme.subscribe((s) => monaco.editor.setTheme(MONACO_THEMES[s.theme])));
    monaco.editor.setTheme(MONACO_THEMES[studio.theme.getState().theme]);
  }

  /** Creates the editor in `container`; returns a function that disposes it. */
  mount(container: HTMLElement): () => void {
    const editor = this.monaco.editor.create(container, {
      model: null,
      automaticLayout: true,
      fontFamily: EDITOR_FONT,
      fontSize: 13,
      lineHeight: 20,
      fontLigatures: false,
      // Contracts are short and the preview panel needs the width more than a minimap does.
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      renderLineHighlight: 'all',
      smoothScrolling: true,
      cursorBlinking: 'smooth',
      bracketPairColorization: { enabled: true },
      guides: { bracketPairs: 'active', indentation: true },
      padding: { top: 6 },
      fixedOverflowWidgets: true,
      tabSize: 2,
      insertSpaces: true,
      ariaLabel: 'Protocol editor',
      'semanticHighlighting.enabled': true,
    });
    this.editor = editor;
    const cursor = editor.onDidChangeCursorSelection((e) => {
      const model = editor.getModel();
      const selected = model ? model.getValueInRange(e.selection).length : 0;
      this.studio.status.getState().setCursor({ line: e.selection.positionLineNumber, column: e.selection.positionColumn }, selected);
    });
    const stopTabs = this.studio.tabs.subscribe((s) => this.show(s.active));
    this.show(this.studio.tabs.getState().active);
    return () => {
      cursor.dispose();
      stopTabs();
      this.saveViewState();
      editor.dispose();
      this.editor = null;
      this.shown = null;
    };
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  revealWhenShown(path: string, selection: Selection): void {
    if (this.shown === path && this.editor) this.reveal(selection);
    else this.pendingReveal.set(path, selection);
  }

  runAction(actionId: string): boolean {
    const action = this.editor?.getModel() ? this.editor.getAction(actionId) : null;
    if (!action) return false;
    this.editor!.focus();
    void action.run();
    return true;
  }

  focus(): void {
    this.editor?.focus();
  }

  hasFocus(): boolean {
    return this.editor?.hasTextFocus() ?? false;
  }

  /** Shows a file's model (or none), keeping the previous file's cursor and scroll for later. */
  private show(path: string | null): void {
    const editor = this.editor;
    if (!editor || path === this.shown) {
      this.applyPendingReveal();
      return;
    }
    const model = path === null ? null : this.models.model(path) ?? null;
    if (path !== null && !model) return; // Not loaded yet: the tab shows when its text arrives.
    this.saveViewState();
    this.shown = path;
    editor.setModel(model);
    if (path === null) {
      this.studio.status.getState().setCursor(null);
      this.studio.status.getState().setIndent(null);
      return;
    }
    const options = model!.getOptions();
    this.studio.status.getState().setIndent({ spaces: options.insertSpaces, size: options.indentSize });
    const state = this.viewStates.get(path);
    if (state) editor.restoreViewState(state);
    const position = editor.getPosition();
    this.studio.status.getState().setCursor(position ? { line: position.lineNumber, column: position.column } : null);
    this.applyPendingReveal();
    // Opening a file is meant to edit it: the keyboard goes where the eyes go.
    editor.focus();
  }

  private applyPendingReveal(): void {
    if (this.shown === null) return;
    const selection = this.pendingReveal.get(this.shown);
    if (!selection) return;
    this.pendingReveal.delete(this.shown);
    this.reveal(selection);
  }

  private reveal(selection: Selection): void {
    const editor = this.editor;
    if (!editor) return;
    const range = {
      startLineNumber: selection.startLineNumber,
      startColumn: selection.startColumn,
      endLineNumber: selection.endLineNumber ?? selection.startLineNumber,
      endColumn: selection.endColumn ?? selection.startColumn,
    };
    editor.setSelection(range);
    editor.revealRangeInCenterIfOutsideViewport(range, this.monaco.editor.ScrollType.Smooth);
    editor.focus();
  }

  private saveViewState(): void {
    if (this.editor && this.shown !== null) {
      const state = this.editor.saveViewState();
      if (state) this.viewStates.set(this.shown, state);
    }
  }

  private problemsOf(uri: monacoApi.Uri): Problem[] {
    const { MarkerSeverity } = this.monaco;
    return this.monaco.editor.getModelMarkers({ resource: uri })
      .filter((m) => m.severity >= MarkerSeverity.Info)
      .map((m) => ({
        severity: m.severity === MarkerSeverity.Error ? 'error' : m.severity === MarkerSeverity.Warning ? 'warning' : 'info',
        message: m.message,
        line: m.startLineNumber,
        column: m.startColumn,
        endLine: m.endLineNumber,
        endColumn: m.endColumn,
        source: m.source ?? m.owner,
      } satisfies Problem))
      .sort((a, b) => a.line - b.line || a.column - b.column);
  }
}

function toSelection(value: monacoApi.IRange | monacoApi.IPosition | undefined): Selection | undefined {
  if (!value) return undefined;
  if ('startLineNumber' in value) return value;
  return { startLineNumber: value.lineNumber, startColumn: value.column };
}
