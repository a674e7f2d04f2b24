/**
 * Monaco, bundled: the core editor plus the contributions the studio uses. Monaco 0.57's
 * `monaco-editor/editor` entry is the bare editor (no hover, suggest, find…); each
 * `monaco-editor/features/<name>/register` adds one contribution, which keeps the bundle free
 * of the language workers we never load (TypeScript, CSS, HTML: ~11 MB).
 *
 * Import this module, not 'monaco-editor/editor', so the features and workers are always set up.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/parameterHints/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/rename/register';
import 'monaco-editor/features/gotoSymbol/register';
import 'monaco-editor/features/referenceSearch/register';
import 'monaco-editor/features/documentSymbols/register';
import 'monaco-editor/features/quickOutline/register';
import 'monaco-editor/features/gotoLine/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/smartSelect/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/semanticTokens/register';
import 'monaco-editor/features/inlayHints/register';
// The features/suggest entry registers only inline completions: the suggest widget itself
// (Ctrl+Space, completion lists) is this controller, which only the full build imports.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
// Whole-document semantic tokens (the viewport ones come with features/semanticTokens).
import 'monaco-editor/editor/contrib/semanticTokens/browser/documentSemanticTokens';
// The JSON language service (syntax, validation, formatting, folding) for .avsc, .avpr, .json.
import 'monaco-editor/languages/features/json/register';
import 'monaco-editor/languages/definitions/markdown/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

export { monaco };
export type Monaco = typeof monaco;
