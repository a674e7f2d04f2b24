/**
 * The pipelines registered on the target node: listed when the target changes, refreshed on
 * demand; Open reads one's definition from the node and hands its text to the canvas, which
 * opens it as a new workspace file.
 */
import { useEffect, useState } from 'react';
import { useSlice } from '../../app/studio.js';
import { nodeKey } from '../../stores/connections-store.js';
import type { PipelineTarget } from '../pipeline-doc-store.js';
import type { PipelineRunStore } from './run-store.js';

export interface NodePipelinesProps {
  run: PipelineRunStore;
  target: PipelineTarget | null;
  /** Opens a definition (Avro JSON text of PipelineDefinition) as a new pipeline file; without it, there is no Open. */
  onOpenDefinition?: (text: string) => void | Promise<void>;
}

export function NodePipelines({ run, target, onOpenDefinition }: NodePipelinesProps) {
  const listing = useSlice(run, (s) => s.nodePipelines);
  const [opening, setOpening] = useState<string | null>(null);
  const key = target ? nodeKey(target.connectionId, target.nodeId) : null;

  useEffect(() => {
    if (key !== null && run.getState().nodePipelines?.key !== key) void run.getState().loadNodePipelines();
  }, [run, key]);

  if (!target) return <p className="run-note">Pick a node to see the pipelines registered on it.</p>;
  const mine = listing?.key === key ? listing : null;

  const open = async (name: string) => {
    if (!onOpenDefinition) return;
    setOpening(name);
    try {
      const text = await run.getState().fetchNodePipeline(name);
      if (text !== undefined) await onOpenDefinition(text);
    } finally {
      setOpening(null);
    }
  };

  return (
    <div className="run-node-pipelines" aria-busy={mine?.status === 'loading'}>
      <div className="run-section-head">
        <h3 className="run-section-title">On {target.nodeId}</h3>
        <button type="button" className="icon-button" aria-label={`Refresh the pipelines of ${target.nodeId}`} title="Refresh" onClick={() => void run.getState().loadNodePipelines()}>
          <span className={`codicon ${mine?.status === 'loading' ? 'codicon-loading codicon-modifier-spin' : 'codicon-refresh'}`} aria-hidden="true" />
        </button>
      </div>
      {mine?.status === 'error' && <p className="run-note is-error" role="alert">{mine.error}</p>}
      {mine?.names && mine.names.length === 0 && <p className="run-note">No pipelines are registered on {target.nodeId}. Register this one with “Register on node”.</p>}
      {mine?.names && mine.names.length > 0 && (
        <ul className="run-pipeline-list" aria-label={`Pipelines registered on ${target.nodeId}`}>
          {mine.names.map((name) => (
            <li key={name} className="run-pipeline-item">
              <span className="codicon codicon-type-hierarchy-sub" aria-hidden="true" />
              <span className="run-pipeline-name" title={name}>{name}</span>
              {onOpenDefinition && (
                <button type="button" className="button is-small" disabled={opening !== null} aria-label={`Open ${name}`} onClick={() => void open(name)}>
                  {opening === name ? 'Opening…' : 'Open'}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!mine && <p className="run-note">Listing…</p>}
    </div>
  );
}
