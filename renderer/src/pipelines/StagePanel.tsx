/**
 * The panel beside the canvas for the selected stage: its module and description, its
 * configuration (execution headers), its input and output schemas as type trees, the checks of
 * the wires into and out of it, the run side's output, and delete.
 */
import { useMemo } from 'react';
import type { ModuleDescription } from '../../../shared/studio/api.js';
import { useSlice } from '../app/studio.js';
import { readSchema } from '../explorer/read-schemas.js';
import { TypeTree, type TypeTreeItem } from '../explorer/TypeTree.js';
import { ConfigRows } from './ConfigRows.js';
import { chainOf, stageLabel } from './pipeline-graph.js';
import type { PipelineDocStore } from './pipeline-doc-store.js';
import { StageOutput } from './run/StageOutput.js';
import type { WireCheck } from './wire-checks.js';
import { WireCheckView } from './WireCheckView.js';

export interface StagePanelProps {
  doc: PipelineDocStore;
  stageId: string;
  checks: Map<string, WireCheck>;
  /** The module as the target node (or else any node) describes it; undefined when no node has it. */
  description: ModuleDescription | undefined;
  /** Where the description came from, for the note when it is not the target. */
  describedBy: string | undefined;
}

export function StagePanel({ doc, stageId, checks, description, describedBy }: StagePanelProps) {
  const graph = useSlice(doc, (s) => s.graph);
  const docId = useSlice(doc, (s) => s.docId);
  const stage = graph.stages.find((s) => s.id === stageId);
  if (!stage) return null;
  const chain = chainOf(graph);
  const at = chain.indexOf(stageId);
  const incoming = graph.wires.find((w) => w.target === stageId);
  const outgoing = graph.wires.find((w) => w.source === stageId);
  const moduleOf = (id: string) => graph.stages.find((s) => s.id === id)?.module ?? '';

  return (
    <div className="pipeline-panel" aria-label={`Stage ${stage.module}`} role="region">
      <header className="pipeline-panel-header">
        <h2 className="pipeline-panel-title" title={stage.module}>{stage.module}</h2>
        <p className="pipeline-panel-subtitle">
          {at >= 0 ? `Stage ${at + 1} of ${chain.length}` : <span className="is-warning">Not connected: it will not run</span>}
        </p>
      </header>
      {description?.description && <p className="pipeline-panel-doc">{description.description}</p>}
      {!description && <p className="pipeline-panel-note">No connected node has this module, so its schemas are unknown.</p>}
      {description && describedBy && <p className="pipeline-panel-note">Described by {describedBy} (the target node does not have it).</p>}

      <PanelSection title="Configuration" hint="Passed to the module as execution headers, over the pipeline's settings.">
        <ConfigRows
          rows={stage.configuration}
          label={`Configuration of ${stageLabel(graph, stageId)}`}
          tag={`config:${stageId}`}
          onChange={(rows, tag) => doc.getState().setStageConfiguration(stageId, rows, tag)}
        />
      </PanelSection>

      <PanelSection title="Wires">
        {incoming ? (
          <WireCheckView check={checks.get(incoming.id) ?? { state: 'checking', note: 'Checking…' }} from={`In from ${moduleOf(incoming.source)}:`} />
        ) : (
          <p className="pipeline-panel-note">{at === 0 ? 'First stage: it reads the pipeline\'s input.' : 'No wire in.'}</p>
        )}
        {outgoing ? (
          <WireCheckView check={checks.get(outgoing.id) ?? { state: 'checking', note: 'Checking…' }} from={`Out to ${moduleOf(outgoing.target)}:`} />
        ) : (
          <p className="pipeline-panel-note">{at >= 0 && at === chain.length - 1 ? 'Last stage: its output is the pipeline\'s result.' : 'No wire out.'}</p>
        )}
      </PanelSection>

      <PanelSection title="Input schema">
        <SchemaView module={stage.module} role="input" name={description?.inputSchema ?? stage.inputSchema} text={description?.inputSchemaText} />
      </PanelSection>
      <PanelSection title="Output schema">
        <SchemaView module={stage.module} role="output" name={description?.outputSchema ?? stage.outputSchema} text={description?.outputSchemaText} />
      </PanelSection>

      <StageOutput docId={docId} stageId={stageId} />

      <div className="pipeline-panel-actions">
        <button type="button" className="button" onClick={() => doc.getState().deleteStages([stageId])}>
          <span className="codicon codicon-trash" aria-hidden="true" /> Delete stage
        </button>
      </div>
    </div>
  );
}

export function PanelSection({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  return (
    <section className="pipeline-panel-section" aria-label={title}>
      <h3 className="pipeline-panel-section-title">{title}</h3>
      {hint && <p className="pipeline-panel-hint">{hint}</p>}
      {children}
    </section>
  );
}

function SchemaView({ module, role, name, text }: { module: string; role: 'input' | 'output'; name: string | null | undefined; text: string | undefined }) {
  const parsed = useMemo(() => (text ? readSchema(text, `${module} ${role}`) : undefined), [module, role, text]);
  const items = useMemo<TypeTreeItem[]>(() => (parsed?.value ? [{ name: role, type: parsed.value }] : []), [parsed, role]);
  if (!name) return <p className="pipeline-panel-note">Untyped.</p>;
  if (!text) return <p className="pipeline-panel-note"><code>{name}</code> (its schema is not known: no connected node described it)</p>;
  if (parsed?.error !== undefined) return <p className="pipeline-panel-error" role="alert">{parsed.error}</p>;
  return <TypeTree items={items} label={`${role === 'input' ? 'Input' : 'Output'} of ${module}`} />;
}
