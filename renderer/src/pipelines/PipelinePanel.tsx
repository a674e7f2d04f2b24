/**
 * The panel beside the canvas when no stage is selected: the pipeline's name (its file's), what
 * it is for, the settings every stage sees (globalConfig), and whether it can run as it is.
 */
import { useSlice } from '../app/studio.js';
import { ConfigRows } from './ConfigRows.js';
import type { PipelineDocStore } from './pipeline-doc-store.js';
import { PanelSection } from './StagePanel.js';

export function PipelinePanel({ doc }: { doc: PipelineDocStore }) {
  const graph = useSlice(doc, (s) => s.graph);
  const path = useSlice(doc, (s) => s.path);
  const problem = useSlice(doc, (s) => {
    const current = s.currentDefinition();
    return 'problem' in current ? current.problem : undefined;
  });

  return (
    <div className="pipeline-panel" aria-label={`Pipeline ${graph.name}`} role="region">
      <header className="pipeline-panel-header">
        <h2 className="pipeline-panel-title">{graph.name}</h2>
        <p className="pipeline-panel-subtitle">{path}</p>
      </header>
      {problem && (
        <p className="pipeline-panel-problem" role="status">
          <span className="codicon codicon-warning" aria-hidden="true" /> {problem}
        </p>
      )}
      <PanelSection title="Description">
        <textarea
          className="pipeline-description"
          value={graph.description}
          rows={3}
          placeholder="What this pipeline is for"
          aria-label="Description"
          onChange={(e) => doc.getState().setDescription(e.target.value)}
        />
      </PanelSection>
      <PanelSection title="Settings" hint="Passed to every stage as execution headers; a stage's own configuration wins.">
        <ConfigRows rows={graph.globalConfig} label="Pipeline settings" tag="global" onChange={(rows, tag) => doc.getState().setGlobalConfig(rows, tag)} />
      </PanelSection>
      <p className="pipeline-panel-note">Select a stage to see its configuration, schemas and wire checks.</p>
    </div>
  );
}
