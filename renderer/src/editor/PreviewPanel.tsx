/**
 * The compiled JSON of the active contract ("Compiled JSON"): the `.avpr`/`.avsc` that
 * `spl idl` would print, updated as you type, in a read-only editor (folding, find, copy).
 * While the source has errors it keeps the last output that compiled, and says so.
 */
import { useEffect, useRef, useState } from 'react';
import { useStudio, useSlice } from '../app/studio.js';
import { isContract } from '../workspace/file-kind.js';
import { EDITOR_FONT } from './editor-controller.js';
import type { Monaco } from './monaco.js';
import type * as monacoApi from 'monaco-editor/editor';

export function PreviewPanel({ monaco }: { monaco: Monaco }) {
  const studio = useStudio();
  const active = useSlice(studio.tabs, (s) => s.active);
  const output = useSlice(studio.preview, (s) => (active ? s.outputs[active] : undefined));
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monacoApi.editor.IStandaloneCodeEditor | null>(null);
  const shownPath = useRef<string | null>(null);
  const [copied, setCopied] = useState(false);
  const json = output?.json ?? null;

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const model = monaco.editor.createModel('', 'json', monaco.Uri.from({ scheme: 'inmemory', path: '/compiled-preview.json' }));
    const editor = monaco.editor.create(host, {
      model,
      readOnly: true,
      domReadOnly: true,
      automaticLayout: true,
      fontFamily: EDITOR_FONT,
      fontSize: 12,
      lineHeight: 18,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      lineNumbers: 'off',
      folding: true,
      glyphMargin: false,
      lineDecorationsWidth: 8,
      renderLineHighlight: 'none',
      padding: { top: 6 },
      ariaLabel: 'Compiled JSON',
      readOnlyMessage: { value: 'The compiled JSON follows the source: edit the contract instead.' },
    });
    editorRef.current = editor;
    return () => {
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, [monaco]);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    const text = json ?? '';
    if (model.getValue() === text) return;
    // Same file: keep the reader's place while the output changes under it.
    const scroll = shownPath.current === active ? editor.getScrollTop() : 0;
    model.setValue(text);
    editor.setScrollTop(scroll);
    shownPath.current = active;
  }, [json, active]);

  const copy = (): void => {
    if (!json) return;
    void navigator.clipboard?.writeText(json).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1200);
    });
  };

  const contract = active !== null && isContract(active);
  let note: string | null = null;
  if (!active) note = 'Open a contract (.avdl, .avpr or .avsc) to see the JSON it compiles to.';
  else if (!contract) note = 'Only Avro contracts (.avdl, .avpr, .avsc) compile to JSON.';
  else if (!output) note = 'Compiling…';
  else if (json === null) note = 'This file has errors and has not compiled yet: see the problems.';

  return (
    <section className="preview" aria-label="Compiled JSON">
      <header className="pane-header">
        <h2 className="pane-title">
          Compiled JSON
          {output?.kind && contract && <span className="badge">.{output.kind}</span>}
        </h2>
        <div className="pane-actions">
          <button type="button" className="icon-button" aria-label="Copy the compiled JSON" title={copied ? 'Copied' : 'Copy'} disabled={!json || !contract} onClick={copy}>
            <span className={`codicon ${copied ? 'codicon-check' : 'codicon-copy'}`} aria-hidden="true" />
          </button>
          <button type="button" className="icon-button" aria-label="Close the preview" title="Close" onClick={() => studio.layout.getState().toggle('preview')}>
            <span className="codicon codicon-close" aria-hidden="true" />
          </button>
        </div>
      </header>
      {output?.stale && contract && json !== null && (
        <div className="preview-stale" role="status">
          <span className="codicon codicon-warning" aria-hidden="true" />
          Out of date: showing the last version that compiled.
        </div>
      )}
      <div className="preview-body">
        <div ref={hostRef} className="preview-editor" hidden={note !== null && !(contract && json)} />
        {note !== null && !(contract && json) && <p className="preview-note">{note}</p>}
      </div>
    </section>
  );
}
