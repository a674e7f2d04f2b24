/**
 * One stage on the canvas: its module (namespace faint, name strong), what it reads and writes
 * (short schema names, full ones on hover), a flag when it is off the chain, and the run side's
 * slot for the stage's last result. Wires attach left (input) and right (output).
 */
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { StageNode } from './pipeline-graph.js';
import { StageRunSlot } from './run/StageRunSlot.js';
import { shortSchemaName } from './wire-checks.js';

export interface StageNodeData extends Record<string, unknown> {
  docId: string;
  stage: StageNode;
  /** 1-based place in the chain; null when the stage is not on it. */
  index: number | null;
  /** Why the stage's module cannot be checked on the target node, if so. */
  moduleNote?: string;
}

export type StageFlowNode = Node<StageNodeData, 'stage'>;

function StageNodeViewImpl({ data, selected }: NodeProps<StageFlowNode>) {
  const { stage, index, docId, moduleNote } = data;
  const slash = stage.module.lastIndexOf('/');
  const namespace = slash > 0 ? stage.module.slice(0, slash + 1) : '';
  const name = stage.module.slice(slash + 1);
  const unconnected = index === null;
  return (
    <div
      className={`stage-node${selected ? ' is-selected' : ''}${unconnected ? ' is-unconnected' : ''}`}
      aria-label={`Stage ${stage.module}${unconnected ? ', not connected' : `, step ${index}`}`}
    >
      <Handle type="target" position={Position.Left} className="stage-handle" aria-label={`Input of ${stage.module}`} />
      <div className="stage-node-head">
        <span className="stage-node-index" aria-hidden="true">{unconnected ? '–' : index}</span>
        <span className="stage-node-module" title={stage.module}>
          {namespace && <span className="stage-node-namespace">{namespace}</span>}
          <span className="stage-node-name">{name}</span>
        </span>
      </div>
      <div className="stage-node-schemas">
        <span className={stage.inputSchema ? 'stage-node-schema' : 'stage-node-schema is-untyped'} title={stage.inputSchema ?? 'untyped input'}>
          {shortSchemaName(stage.inputSchema)}
        </span>
        <span className="codicon codicon-arrow-right" aria-label="to" />
        <span className={stage.outputSchema ? 'stage-node-schema' : 'stage-node-schema is-untyped'} title={stage.outputSchema ?? 'untyped output'}>
          {shortSchemaName(stage.outputSchema)}
        </span>
      </div>
      {unconnected && (
        <p className="stage-node-flag">
          <span className="codicon codicon-warning" aria-hidden="true" /> not connected: it will not run
        </p>
      )}
      {moduleNote && (
        <p className="stage-node-note" title={moduleNote}>
          <span className="codicon codicon-question" aria-hidden="true" /> {moduleNote}
        </p>
      )}
      <div className="stage-node-run">
        <StageRunSlot docId={docId} stageId={stage.id} />
      </div>
      <Handle type="source" position={Position.Right} className="stage-handle" aria-label={`Output of ${stage.module}`} />
    </div>
  );
}

export const StageNodeView = memo(StageNodeViewImpl);
