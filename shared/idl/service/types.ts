/**
 * The language service's vocabulary: positions and ranges as editors count them (1-based lines
 * and columns in UTF-16 code units, Monaco's convention), and the plain, structured-cloneable
 * results each request returns. Nothing here knows Monaco; the renderer's adapters convert.
 */
import type { SymbolKind } from '../symbols.js';

/** The files of the workspace: workspace-relative paths with `/`, to their current text. */
export type Files = ReadonlyMap<string, string>;

export interface Position {
  lineNumber: number;
  column: number;
}

export interface EditorRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

export interface Location {
  path: string;
  range: EditorRange;
}

export interface Marker {
  severity: 'error' | 'warning';
  message: string;
  range: EditorRange;
  /** The compiler's stable code (`syntax`, `unknown-type`...). */
  code: string;
  /** Other places worth showing: the first definition of a duplicate, the error inside an imported file. */
  related?: { path: string; range: EditorRange; message: string }[];
}

export interface CompiledOutput {
  /** `avpr` for a protocol, `avsc` for a schema or a list of schemas. */
  kind: 'avpr' | 'avsc';
  /** The JSON exactly as `spl idl` prints it (without the final newline). */
  text: string;
}

export interface DiagnosticsResult {
  path: string;
  markers: Marker[];
  /** The compiled document, when it has no errors. */
  output?: CompiledOutput;
  errorCount: number;
  warningCount: number;
}

export type CompletionKind =
  | 'keyword' | 'type' | 'annotation' | 'logical-type' | 'snippet' | 'enum-symbol' | 'value' | 'file' | 'namespace';

export interface CompletionItem {
  kind: CompletionKind;
  label: string;
  /** What to insert; a snippet (`${1:name}` placeholders) when `isSnippet`. */
  insertText: string;
  isSnippet?: boolean;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** The text the item replaces: the word (or dotted name) being typed. */
  range: EditorRange;
  /** Orders items before the editor's own fuzzy ranking: lower first. */
  sortText?: string;
  /** For a named type: its kind, so the editor can show the right icon. */
  typeKind?: 'record' | 'error' | 'enum' | 'fixed';
}

export interface CompletionResult {
  items: CompletionItem[];
  /** Which position the cursor is in (`type`, `throws`, `annotation`...): for tests and debugging. */
  context: string;
}

export interface HoverResult {
  /** Markdown. */
  markdown: string;
  range: EditorRange;
}

export interface TextEdit {
  range: EditorRange;
  newText: string;
}

export interface FileEdits {
  path: string;
  edits: TextEdit[];
}

export type PrepareRenameResult =
  | { ok: true; range: EditorRange; placeholder: string }
  | { ok: false; reason: string };

export type RenameResult = { ok: true; changes: FileEdits[] } | { ok: false; reason: string };

export type FormatResult = { ok: true; edits: TextEdit[] } | { ok: false; reason: string; range?: EditorRange };

export interface DocumentSymbol {
  name: string;
  detail: string;
  kind: SymbolKind;
  /** The whole declaration. */
  range: EditorRange;
  /** The name. */
  selectionRange: EditorRange;
  children: DocumentSymbol[];
}
