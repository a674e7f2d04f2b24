/**
 * The module palette: the modules of every connected node, searchable, grouped by namespace,
 * each with its description and schemas. Drag one onto the canvas to add a stage there; or,
 * from the keyboard, select one (Up/Down) and press Enter (or its Add button) to append it as
 * a stage wired after the last one.
 */
import { useMemo, type DragEvent, type KeyboardEvent } from 'react';
import type { ModuleDescription } from '../../../shared/studio/api.js';
import { useSlice, useStudio } from '../app/studio.js';
import { MODULE_DRAG_TYPE, moduleName, paletteGroups, type PaletteItem } from './palette-model.js';
import { pipelineDocOf } from './pipeline-doc-store.js';
import { pipelinesViewOf } from './pipelines-view-store.js';
import { useAvailableNodes, useDocSlice, usePaletteSources } from './use-pipeline-data.js';
import { shortSchemaName } from './wire-checks.js';

const optionId = (module: string) => `palette-${module.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export function ModulePalette() {
  const studio = useStudio();
  const view = pipelinesViewOf(studio);
  const query = useSlice(view, (s) => s.query);
  const selected = useSlice(view, (s) => s.selectedModule);
  const active = useSlice(view, (s) => s.active);
  const ready = useDocSlice(active ? pipelineDocOf(studio, active) : null, (s) => s.status === 'ready', false);
  const nodes = useAvailableNodes(studio);
  const { sources, loading, errors } = usePaletteSources(studio);
  const groups = useMemo(() => paletteGroups(sources, query), [sources, query]);
  const flat = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  const current = flat.find((i) => i.module.module === selected) ?? flat[0];

  const add = (module: ModuleDescription) => {
    if (!active || !ready) {
      studio.notifications.getState().push('Open a pipeline first (or create one above), then add stages to it.', 'info');
      return;
    }
    pipelineDocOf(studio, active).getState().addStage(module, { after: 'chain' });
    // The new stage goes right of the last one, maybe out of view: bring it in once it is drawn.
    requestAnimationFrame(() => view.getState().canvas?.fitView());
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (flat.length === 0) return;
    const at = current ? flat.indexOf(current) : 0;
    const move = (index: number) => {
      const item = flat[Math.max(0, Math.min(flat.length - 1, index))];
      view.getState().selectModule(item.module.module);
      document.getElementById(optionId(item.module.module))?.scrollIntoView({ block: 'nearest' });
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home' && event.target === event.currentTarget) move(0);
    else if (event.key === 'End' && event.target === event.currentTarget) move(flat.length - 1);
    else if (event.key === 'Enter' && current) add(current.module);
    else return;
    event.preventDefault();
  };

  return (
    <section className="pipelines-palette" aria-label="Modules">
      <h3 className="sidebar-section">
        <span className="codicon codicon-extensions" aria-hidden="true" />
        <span className="sidebar-section-name">Modules</span>
      </h3>
      <div className="pipelines-search">
        <input
          type="search"
          className="input"
          placeholder="Search modules"
          aria-label="Search modules"
          aria-controls="pipelines-palette-list"
          aria-activedescendant={current ? optionId(current.module.module) : undefined}
          value={query}
          onChange={(e) => view.getState().setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      {errors.map((e) => (
        <p key={e} className="pipelines-palette-error" role="alert">{e}</p>
      ))}
      {nodes.length === 0 ? (
        <p className="tree-empty">No node is connected. Start the local runtime or add a connection in the Service Explorer; its modules show here.</p>
      ) : flat.length === 0 ? (
        <p className="tree-empty">{loading ? 'Asking the nodes for their modules…' : query ? `No module matches "${query}".` : 'The connected nodes execute no modules.'}</p>
      ) : (
        <div id="pipelines-palette-list" className="palette-list" role="listbox" aria-label="Modules to add as stages" tabIndex={-1} onKeyDown={onKeyDown}>
          {groups.map((group) => (
            <div key={group.namespace} role="group" aria-label={group.namespace} className="palette-group">
              <div className="palette-group-name" aria-hidden="true">{group.namespace}</div>
              {group.items.map((item) => (
                <PaletteOption key={item.module.module} item={item} selected={item === current} onSelect={() => view.getState().selectModule(item.module.module)} onAdd={() => add(item.module)} />
              ))}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

function PaletteOption({ item, selected, onSelect, onAdd }: { item: PaletteItem; selected: boolean; onSelect(): void; onAdd(): void }) {
  const m = item.module;
  const onDragStart = (event: DragEvent) => {
    const module: Pick<ModuleDescription, 'module' | 'inputSchema' | 'outputSchema'> = { module: m.module, inputSchema: m.inputSchema, outputSchema: m.outputSchema };
    event.dataTransfer.setData(MODULE_DRAG_TYPE, JSON.stringify(module));
    event.dataTransfer.setData('text/plain', m.module);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <div
      id={optionId(m.module)}
      role="option"
      aria-selected={selected}
      className={`palette-item${selected ? ' is-selected' : ''}`}
      draggable
      onDragStart={onDragStart}
      onClick={onSelect}
      onDoubleClick={onAdd}
      title={`${m.module}: drag onto the canvas, or press Enter to append it`}
    >
      <div className="palette-item-head">
        <span className="palette-item-name">{moduleName(m.module)}</span>
        <span className="palette-item-schemas">
          {shortSchemaName(m.inputSchema)} → {shortSchemaName(m.outputSchema)}
        </span>
        <button
          type="button"
          className="icon-button palette-item-add"
          title="Add as the last stage"
          aria-label={`Add ${m.module} as the last stage`}
          tabIndex={-1}
          onClick={(e) => {
            e.stopPropagation();
            onAdd();
          }}
        >
          <span className="codicon codicon-add" aria-hidden="true" />
        </button>
      </div>
      {m.description && <p className="palette-item-description">{m.description}</p>}
      {item.nodes.length > 1 && <p className="palette-item-nodes">on {item.nodes.length} nodes</p>}
    </div>
  );
}
