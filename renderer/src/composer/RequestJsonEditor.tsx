/**
 * The request body in Monaco: an in-memory JSON model (`inmemory://composer/request.json`),
 * checked and completed against the JSON schema of the message's parameters. The composer
 * store's text and the model follow each other (edits here, the form's edits there, a request
 * loaded from the history), each change an undoable edit. Ctrl/Cmd+Enter sends from inside.
 *
 * main.tsx passes it to ComposerMain as its `jsonEditor`, so the composer renders (and is
 * tested) without Monaco.
 */
import { useEffect, useRef } from 'react';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import { requestJsonSchema } from '../../../shared/avro/json-schema.js';
import { useSlice, useStudio } from '../app/studio.js';
import { EDITOR_FONT } from '../editor/editor-controller.js';
import type { Monaco } from '../editor/monaco.js';
import { useTargetMessage } from './use-target-message.js';

export const REQUEST_MODEL_URI = 'inmemory://composer/request.json';
const SCHEMA_URI = 'inmemory://composer/request.schema.json';

/** Puts our schema among Monaco's JSON schemas, replacing only our own earlier one. */
function useRequestSchema(schema: object | null): void {
  useEffect(() => {
    const options = jsonDefaults.diagnosticsOptions;
    const others = (options.schemas ?? []).filter((s) => s.uri !== SCHEMA_URI);
    jsonDefaults.setDiagnosticsOptions({
      ...options,
      validate: true,
      schemas: schema ? [...others, { uri: SCHEMA_URI, fileMatch: [REQUEST_MODEL_URI], schema }] : others,
    });
  }, [schema]);
}

export function RequestJsonEditor({ monaco }: { monaco: Monaco }) {
  const studio = useStudio();
  const ref = useRef<HTMLDivElement>(null);
  const target = useSlice(studio.composer, (s) => s.target);
  const message = useTargetMessage(target);
  const ready = message.status === 'ready' ? message.message : null;
  const schemaRef = useRef<{ message: unknown; schema: object | null }>({ message: null, schema: null });
  if (schemaRef.current.message !== ready) {
    let schema: object | null;
    try {
      schema = ready ? requestJsonSchema(ready) : null;
    } catch {
      // Without a schema the editor still checks the JSON syntax.
      schema = null;
    }
    schemaRef.current = { message: ready, schema };
  }
  useRequestSchema(schemaRef.current.schema);

  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const uri = monaco.Uri.parse(REQUEST_MODEL_URI);
    // The model outlives the editor (switching tabs keeps undo).
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(studio.composer.getState().body, 'json', uri);
    if (model.getValue() !== studio.composer.getState().body) model.setValue(studio.composer.getState().body);
    const editor = monaco.editor.create(container, {
      model,
      automaticLayout: true,
      fontFamily: EDITOR_FONT,
      fontSize: 13,
      lineHeight: 20,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fixedOverflowWidgets: true,
      tabSize: 2,
      insertSpaces: true,
      padding: { top: 6 },
      ariaLabel: 'Request body (JSON)',
    });
    let applying = false;
    const typed = model.onDidChangeContent(() => {
      if (!applying) studio.composer.getState().setBody(model.getValue());
    });
    const followed = studio.composer.subscribe((s) => {
      if (s.body === model.getValue()) return;
      applying = true;
      try {
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text: s.body }], () => null);
      } finally {
        applying = false;
      }
    });
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => void studio.composer.getState().send());
    return () => {
      typed.dispose();
      followed();
      editor.dispose();
    };
  }, [monaco, studio]);

  return <div ref={ref} className="request-json-editor" />;
}
