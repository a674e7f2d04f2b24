/**
 * The pipeline view: in the side bar, the workspace's pipelines and the module palette; in the
 * main area, the open pipeline's canvas with its toolbar, the panel of the selected stage (or of
 * the pipeline), and the run side's panel below the canvas.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import type { ModuleDescription } from '../../../shared/studio/api.js';
import { useSlice, useStudio } from '../app/studio.js';
import { refreshConnections, useConnectionsLoaded } from '../connections/use-connections.js';
import { CanvasToolbar } from './CanvasToolbar.js';
import { importPipelineDefinition } from './import-definition.js';
import { ModulePalette } from './ModulePalette.js';
import { PipelineCanvas } from './PipelineCanvas.js';
import { pipelineDocOf } from './pipeline-doc-store.js';
import { PipelineFiles } from './PipelineFiles.js';
import { PipelinePanel } from './PipelinePanel.js';
import { pipelinesViewOf } from './pipelines-view-store.js';
import { setActivePipelineDoc } from './run/active-doc.js';
import { RunPanel } from './run/RunPanel.js';
import { StagePanel } from './StagePanel.js';
import { useAvailableNodes, useDefaultTarget, usePaletteSources, useTargetModules, useWireChecks } from './use-pipeline-data.js';
import './pipelines.css';

export function PipelinesSidebar() {
  const studio = useStudio();
  useConnectionsLoaded(studio);
  return (
    <aside className="sidebar pipelines-sidebar" aria-label="Pipelines">
      <header className="pane-header">
        <h2 className="pane-title">Pipelines</h2>
        <div className="pane-actions">
          <button type="button" className="icon-button" title="Refresh Modules" aria-label="Refresh connections and modules" onClick={() => void refreshConnections(studio)}>
            <span className="codicon codicon-refresh" aria-hidden="true" />
          </button>
        </div>
      </header>
      <div className="sidebar-body">
        <PipelineFiles />
        <ModulePalette />
      </div>
    </aside>
  );
}

export function PipelinesMain() {
  const studio = useStudio();
  useConnectionsLoaded(studio);
  const active = useSlice(pipelinesViewOf(studio), (s) => s.active);
  // The run commands act on the pipeline shown here.
  useEffect(() => {
    setActivePipelineDoc(studio, active);
    return () => setActivePipelineDoc(studio, null);
  }, [studio, active]);
  if (!active) {
    return (
      <div className="pipelines-main is-empty" role="region" aria-label="Pipeline">
        <div className="pipelines-empty">
          <span className="codicon codicon-type-hierarchy-sub" aria-hidden="true" />
          <h2>Pipelines</h2>
          <p>Open a pipeline from the side bar, or create one there. A pipeline runs modules in order, each stage's output the next one's input.</p>
        </div>
      </div>
    );
  }
  return (
    <ReactFlowProvider key={active}>
      <OpenPipeline docId={active} />
    </ReactFlowProvider>
  );
}

function OpenPipeline({ docId }: { docId: string }) {
  const studio = useStudio();
  const doc = pipelineDocOf(studio, docId);
  const status = useSlice(doc, (s) => s.status);
  const loadError = useSlice(doc, (s) => s.loadError);
  const changedOnDisk = useSlice(doc, (s) => s.changedOnDisk);
  const empty = useSlice(doc, (s) => s.graph.stages.length === 0);
  const selected = useSlice(doc, (s) => (s.selectedStages.length === 1 ? s.selectedStages[0] : null));
  const selectedModule = useSlice(doc, (s) => (s.selectedStages.length === 1 ? s.graph.stages.find((x) => x.id === s.selectedStages[0])?.module : undefined));
  const target = useSlice(doc, (s) => s.target);
  useDefaultTarget(studio, doc);
  const nodes = useAvailableNodes(studio);
  const targetModules = useTargetModules(studio, target);
  const checks = useWireChecks(doc, targetModules);
  const { sources } = usePaletteSources(studio);

  // The target's description of the selected module, else any node's.
  const described = useMemo((): { description?: ModuleDescription; by?: string } => {
    if (!selectedModule) return {};
    const onTarget = targetModules.status === 'ready' ? targetModules.modules.find((m) => m.module === selectedModule) : undefined;
    if (onTarget) return { description: onTarget };
    for (const source of sources) {
      const found = source.modules.find((m) => m.module === selectedModule);
      if (found) return { description: found, by: targetModules.status === 'ready' ? source.node : undefined };
    }
    return {};
  }, [selectedModule, targetModules, sources]);

  if (status === 'error') {
    return (
      <div className="pipelines-main" role="region" aria-label="Pipeline">
        <div className="pipelines-load-error" role="alert">
          <p>{loadError}</p>
          <p>Fix the file in the editor, or try again.</p>
          <div className="pipelines-load-error-actions">
            <button type="button" className="button" onClick={() => void studio.openFile(docId).then((ok) => ok && studio.layout.getState().showView('editor'))}>Open in Editor</button>
            <button type="button" className="button" onClick={() => void doc.getState().load()}>Try Again</button>
          </div>
        </div>
      </div>
    );
  }
  if (status === 'loading') {
    return (
      <div className="pipelines-main" role="region" aria-label="Pipeline">
        <p className="pipelines-loading">Reading {docId}…</p>
      </div>
    );
  }

  return (
    <div className="pipelines-main" role="region" aria-label="Pipeline">
      <CanvasToolbar doc={doc} nodes={nodes} />
      {changedOnDisk && (
        <div className="pipelines-disk-bar" role="status">
          <span className="codicon codicon-warning" aria-hidden="true" />
          <span>
            {changedOnDisk === 'deleted'
              ? `${docId} was deleted on disk. Save to write it again.`
              : `${docId} changed on disk while you have unsaved changes here.`}
          </span>
          {changedOnDisk === 'changed' && (
            <button type="button" className="button" onClick={() => void doc.getState().reload()}>Reload Theirs</button>
          )}
          <button type="button" className="button" onClick={() => void doc.getState().save()}>{changedOnDisk === 'deleted' ? 'Save' : 'Keep Mine and Save'}</button>
        </div>
      )}
      <div className="pipelines-work">
        <div className="pipelines-canvas-column">
          <div className="pipelines-canvas-area">
            <PipelineCanvas doc={doc} checks={checks} target={targetModules} />
            {empty && (
              <p className="pipelines-canvas-hint">
                Drag a module from the palette onto the canvas, or select one there and press Enter to append it.
              </p>
            )}
          </div>
          <div className="pipelines-run">
            <RunPanel docId={docId} onOpenDefinition={(text) => importPipelineDefinition(studio, text).then(() => undefined)} />
          </div>
        </div>
        <aside className="pipelines-side">
          {selected ? (
            <StagePanel doc={doc} stageId={selected} checks={checks} description={described.description} describedBy={described.by} />
          ) : (
            <PipelinePanel doc={doc} />
          )}
        </aside>
      </div>
    </div>
  );
}
