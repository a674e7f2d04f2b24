/**
 * The bottom panel under the pipeline canvas: the node the pipeline runs on, the run's input and
 * context, Run / Cancel / Register on node, the last run (outcome, time, each stage's part, the
 * final output) and the pipelines registered on the node.
 */
import { useMemo } from 'react';
import { useSlice, useStudio } from '../../app/studio.js';
import { formatKeybinding } from '../../commands/keybinding.js';
import { pipelineDocOf } from '../pipeline-doc-store.js';
import { ContextRows } from './ContextRows.js';
import { InputEditor } from './InputEditor.js';
import { NodePipelines } from './NodePipelines.js';
import { RunInputContext } from './run-input-context.js';
import { pipelineRunOf } from './run-store.js';
import { RunSummary } from './RunSummary.js';
import './run.css';

export interface RunPanelProps {
  docId: string;
  /** Opens a node's registered pipeline (Avro JSON text of PipelineDefinition) as a new workspace file. */
  onOpenDefinition?: (text: string) => void | Promise<void>;
}

export function RunPanel({ docId, onOpenDefinition }: RunPanelProps) {
  const studio = useStudio();
  const doc = pipelineDocOf(studio, docId);
  const run = pipelineRunOf(studio, docId);
  const target = useSlice(doc, (s) => s.target);
  const firstModule = useSlice(doc, (s) => {
    const current = s.currentDefinition();
    return 'problem' in current ? undefined : current.definition.stages[0]?.module;
  });
  const connectionName = useSlice(studio.connections, (s) => (target ? s.connections.find((c) => c.id === target.connectionId)?.name : undefined));
  const running = useSlice(run, (s) => s.runId !== null);
  const cancelling = useSlice(run, (s) => s.cancelling);
  const registering = useSlice(run, (s) => s.registering);
  const error = useSlice(run, (s) => s.error);
  const registerError = useSlice(run, (s) => s.registerError);
  const registered = useSlice(run, (s) => s.registered);
  const inputContext = useMemo(() => ({ target, firstModule }), [target, firstModule]);

  return (
    <section className="run-panel" aria-label="Run">
      <header className="run-bar">
        <span className="run-target" title={target ? `Runs on ${target.nodeId} of ${connectionName ?? target.connectionId}` : undefined}>
          <span className="codicon codicon-server" aria-hidden="true" />
          {target ? (
            <>
              <span className="run-target-label">Runs on</span> {connectionName ?? target.connectionId} / <strong>{target.nodeId}</strong>
            </>
          ) : (
            <span className="run-target-label">No node to run on: pick one above the canvas.</span>
          )}
        </span>
        <span className="run-actions">
          <button type="button" className="button is-primary" disabled={running} title={`Run the pipeline on the node (${formatKeybinding('Mod+Enter')})`} onClick={() => void run.getState().run()}>
            <span className="codicon codicon-play" aria-hidden="true" /> Run
          </button>
          {running && (
            <button type="button" className="button" disabled={cancelling} title="Stop the run: the stage running now is stopped, the ones after it do not run" onClick={() => void run.getState().cancel()}>
              <span className="codicon codicon-debug-stop" aria-hidden="true" /> {cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          )}
          <button type="button" className="button" disabled={registering} title="Register (or replace) this pipeline under its name on the node" onClick={() => void run.getState().register()}>
            <span className="codicon codicon-cloud-upload" aria-hidden="true" /> {registering ? 'Registering…' : 'Register on node'}
          </button>
        </span>
      </header>
      {error && (
        <p className="run-problem" role="alert">
          <span className="codicon codicon-error" aria-hidden="true" /> {error}
        </p>
      )}
      {registerError && (
        <p className="run-problem" role="alert">
          <span className="codicon codicon-error" aria-hidden="true" /> {registerError}
        </p>
      )}
      {registered && (
        <p className="run-done" role="status">
          <span className="codicon codicon-pass-filled" aria-hidden="true" /> {registered}
        </p>
      )}
      <div className="run-body">
        <section className="run-column" aria-label="Input">
          <h3 className="run-section-title">Input</h3>
          <RunInputContext.Provider value={inputContext}>
            <InputEditor run={run} />
          </RunInputContext.Provider>
          <h3 className="run-section-title">Context</h3>
          <ContextRows run={run} />
        </section>
        <section className="run-column is-wide" aria-label="Last run">
          <h3 className="run-section-title">Run</h3>
          <RunSummary run={run} />
        </section>
        <section className="run-column" aria-label="Registered pipelines">
          <NodePipelines run={run} target={target} onOpenDefinition={onOpenDefinition} />
        </section>
      </div>
    </section>
  );
}
