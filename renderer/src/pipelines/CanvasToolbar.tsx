/**
 * Above the canvas: the pipeline's name with its unsaved marker, the target node (connection →
 * node: whose modules the wire checks use and where runs go), undo and redo, auto-layout, fit
 * view and save.
 */
import { useSlice, useStudio } from '../app/studio.js';
import { formatKeybinding } from '../commands/keybinding.js';
import { nodeKey } from '../stores/connections-store.js';
import type { PipelineDocStore } from './pipeline-doc-store.js';
import { pipelinesViewOf } from './pipelines-view-store.js';
import type { TargetNode } from './target.js';

function ToolButton({ icon, label, keys, onClick, disabled }: { icon: string; label: string; keys?: string; onClick(): void; disabled?: boolean }) {
  const title = keys ? `${label} (${formatKeybinding(keys)})` : label;
  return (
    <button type="button" className="icon-button" title={title} aria-label={label} disabled={disabled} onClick={onClick}>
      <span className={`codicon ${icon}`} aria-hidden="true" />
    </button>
  );
}

export function CanvasToolbar({ doc, nodes }: { doc: PipelineDocStore; nodes: TargetNode[] }) {
  const studio = useStudio();
  const name = useSlice(doc, (s) => s.graph.name);
  const dirty = useSlice(doc, (s) => s.dirty);
  const saving = useSlice(doc, (s) => s.saving);
  const canUndo = useSlice(doc, (s) => s.history.past.length > 0);
  const canRedo = useSlice(doc, (s) => s.history.future.length > 0);
  const target = useSlice(doc, (s) => s.target);
  const picked = useSlice(doc, (s) => s.targetPicked);
  const state = doc.getState();

  const value = target ? nodeKey(target.connectionId, target.nodeId) : '';
  const known = value === '' || nodes.some((n) => nodeKey(n.connectionId, n.nodeId) === value);
  const groups = new Map<string, TargetNode[]>();
  for (const node of nodes) groups.set(node.connectionName, [...(groups.get(node.connectionName) ?? []), node]);

  const pick = (key: string) => {
    const node = nodes.find((n) => nodeKey(n.connectionId, n.nodeId) === key);
    if (node) state.setTarget({ connectionId: node.connectionId, nodeId: node.nodeId }, true);
  };

  return (
    <div className="pipelines-toolbar" role="toolbar" aria-label="Pipeline">
      <h2 className="pipelines-toolbar-name">
        <span className="codicon codicon-type-hierarchy-sub" aria-hidden="true" />
        <span>{name}</span>
        {dirty && <span className="pipelines-dirty" title="Unsaved changes" aria-label="Unsaved changes" />}
      </h2>
      <label className="pipelines-target">
        <span className="pipelines-target-label">Node</span>
        <select
          className="input"
          value={value}
          disabled={nodes.length === 0 && value === ''}
          onChange={(e) => pick(e.target.value)}
          aria-label="Target node"
          title={picked ? 'Checks and runs use this node' : 'Chosen automatically: the first node that has the pipeline\'s modules'}
        >
          {value === '' && <option value="">{nodes.length === 0 ? 'No node connected' : 'Pick a node'}</option>}
          {!known && target && <option value={value}>{target.nodeId} (not available)</option>}
          {[...groups].map(([connection, list]) => (
            <optgroup key={connection} label={connection}>
              {list.map((n) => (
                <option key={nodeKey(n.connectionId, n.nodeId)} value={nodeKey(n.connectionId, n.nodeId)}>
                  {n.nodeId}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <div className="pipelines-toolbar-actions">
        <ToolButton icon="codicon-discard" label="Undo" keys="Mod+Z" disabled={!canUndo} onClick={() => state.undo()} />
        <ToolButton icon="codicon-redo" label="Redo" keys="Mod+Shift+Z" disabled={!canRedo} onClick={() => state.redo()} />
        <span className="pipelines-toolbar-divider" aria-hidden="true" />
        <ToolButton
          icon="codicon-layout"
          label="Auto-layout"
          keys="Shift+Alt+L"
          onClick={() => {
            state.autoLayout();
            requestAnimationFrame(() => pipelinesViewOf(studio).getState().canvas?.fitView());
          }}
        />
        <ToolButton icon="codicon-screen-full" label="Fit view" keys="Shift+Alt+0" onClick={() => pipelinesViewOf(studio).getState().canvas?.fitView()} />
        <span className="pipelines-toolbar-divider" aria-hidden="true" />
        <button type="button" className={`button${dirty ? ' is-primary' : ''}`} disabled={saving} title={`Save (${formatKeybinding('Mod+S')})`} onClick={() => void state.save()}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </div>
  );
}
