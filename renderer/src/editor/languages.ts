/**
 * The Avro languages in Monaco: the IDL language service (editor/avdl) over every contract's
 * model, so imports, go to definition, references and rename reach across files; and its
 * diagnostics worker, which sets each contract's markers (`.avdl`, and `.avpr`/`.avsc` read as
 * Avro) and hands the compiled JSON to the preview panel.
 */
import { isContract } from '../workspace/file-kind.js';
import type { Studio } from '../app/studio.js';
import { createDiagnosticsClient, registerAvdlLanguage } from './avdl/index.js';
import DiagnosticsWorker from './avdl/diagnostics.worker?worker';
import type { ModelRegistry } from './models.js';
import type { Monaco } from './monaco.js';

/** Call before any model exists: a model created with an unregistered language stays plain text. */
export function setupLanguages(monaco: Monaco, models: ModelRegistry, studio: Studio): void {
  registerAvdlLanguage(monaco, {
    files: () => new Map([...models.texts()].filter(([path]) => isContract(path))),
    pathOf: (uri) => models.pathOf(uri),
    uriOf: (path) => models.uriOf(path),
    notify: (message) => studio.notifications.getState().push(message, 'info'),
  });
  const diagnostics = createDiagnosticsClient(() => new DiagnosticsWorker());
  const track = (path: string): void => {
    const model = models.model(path);
    if (!model || !isContract(path)) return;
    diagnostics.track(model, path, (update) => {
      studio.preview.getState().setOutput(path, update.output?.text ?? null, update.output?.kind ?? null);
      if (update.failure) studio.notifications.getState().push(`Checking ${path} failed: ${update.failure}`);
    });
  };
  models.paths().forEach(track);
  models.onCreated((path) => {
    track(path);
    // Files already checked may import the new one (the first load brings contracts one by
    // one): check them again. The client debounces, so a burst costs one round.
    diagnostics.refresh();
  });
  // A model that goes away (the file was deleted) takes its preview with it.
  monaco.editor.onWillDisposeModel((model) => {
    const path = models.pathOf(model.uri);
    if (path !== undefined) studio.preview.getState().clear(path);
  });
}
