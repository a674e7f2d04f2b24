/**
 * Avro IDL in the studio's Monaco editor. For the shell:
 *
 *   import * as monaco from 'monaco-editor/editor';
 *   import { registerAvdlLanguage, createDiagnosticsClient, workspaceUriOf, workspacePathOf } from './editor/avdl/index.js';
 *
 *   registerAvdlLanguage(monaco, {
 *     files: () => workspaceTexts(),             // Map<path, text> of every .avdl/.avpr/.avsc; open buffers over disk
 *     pathOf: (uri) => workspacePathOf(uri),     // file:///workspace/<path> -> <path>
 *     uriOf: (path) => workspaceUriOf(monaco, path),
 *     notify: (message) => toast(message),       // optional: a refused format says why
 *   });
 *   // The URL is relative to the calling module (Vite bundles the worker from it): here, renderer/src/editor/.
 *   const diagnostics = createDiagnosticsClient(() => new Worker(new URL('./avdl/diagnostics.worker.ts', import.meta.url), { type: 'module' }));
 *   const tracking = diagnostics.track(model, path, (update) => preview.show(update.output, update.errorCount));
 *
 * Made after the registration, the client also serves completion, hover and navigation from its
 * worker, whose cache holds the compilation its diagnostics just made: the main thread never
 * compiles. `update.output` is the compiled JSON (`.avpr`/`.avsc`) when the file has no errors;
 * markers arrive first, the JSON a little later.
 *
 * Models of workspace files must have the URI `file:///workspace/<path>` and language `avdl`.
 * Go to definition and references return locations in other files as such URIs: open them in a
 * tab from `monaco.editor.registerEditorOpener`. A rename edits every file that uses the name:
 * Monaco's standalone editor applies edits only to existing models, so create a model for each
 * workspace `.avdl` file (or at least for each path in the edits) before renaming. Formatting
 * writes the canonical layout of `spl fmt` (two-space indents): set `tabSize: 2` on avdl models.
 */
export { registerAvdlLanguage, currentRegistration, AVDL_LANGUAGE_ID, type AvdlRegistration } from './register.js';
export { createDiagnosticsClient, MARKER_OWNER, type DiagnosticsClient, type DiagnosticsClientOptions, type DiagnosticsUpdate, type WorkerLike } from './diagnostics-client.js';
export { workspacePathOf, workspaceUriOf, WORKSPACE_ROOT, type AvdlHost, type MonacoNamespace } from './host.js';
export { avdlMonarch } from './monarch.js';
export { avdlLanguageConfiguration } from './language-configuration.js';
