/**
 * The pipeline view's palette commands and keys; the lead registers them with the studio's own.
 * Editing keys (undo, delete, select all) act on the canvas only while the pipeline view is
 * shown and no text field has focus, so they keep their meaning in inputs and everywhere else.
 */
import type { Studio } from '../app/studio.js';
import type { Command } from '../commands/registry.js';
import { activeDoc, pipelinesViewOf } from './pipelines-view-store.js';

/** Whether the keyboard is in a place that edits text (where Mod+Z, Delete and Mod+A are the field's). */
function typingInField(): boolean {
  const element = typeof document === 'undefined' ? null : document.activeElement;
  if (!(element instanceof HTMLElement)) return false;
  return element.isContentEditable || !!element.closest('input, textarea, select, .monaco-editor');
}

export function pipelineCommands(studio: Studio): Command[] {
  const shown = () => studio.layout.getState().view === 'pipelines';
  const ready = () => activeDoc(studio)?.getState().status === 'ready';
  const onCanvas = () => shown() && ready() && !typingInField();
  const doc = () => activeDoc(studio)!.getState();
  const show = () => {
    if (!shown()) studio.layout.getState().showView('pipelines');
  };
  const focus = (selector: string) => requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());

  return [
    {
      id: 'pipeline.new', category: 'Pipeline', title: 'New Pipeline…',
      run: () => {
        show();
        studio.layout.getState().show('sidebar');
        focus('.pipelines-new-button');
      },
    },
    { id: 'pipeline.save', category: 'Pipeline', title: 'Save Pipeline', keys: ['Mod+S'], enabled: () => shown() && ready(), run: () => void doc().save() },
    { id: 'pipeline.reload', category: 'Pipeline', title: 'Reload Pipeline from Disk', enabled: ready, run: () => void doc().reload() },
    { id: 'pipeline.undo', category: 'Pipeline', title: 'Undo', keys: ['Mod+Z'], enabled: () => onCanvas() && doc().history.past.length > 0, run: () => doc().undo() },
    {
      id: 'pipeline.redo', category: 'Pipeline', title: 'Redo', keys: ['Mod+Shift+Z', 'Mod+Y'],
      enabled: () => onCanvas() && doc().history.future.length > 0, run: () => doc().redo(),
    },
    {
      id: 'pipeline.delete', category: 'Pipeline', title: 'Delete Selected Stages and Wires', keys: ['Delete', 'Backspace'],
      enabled: () => onCanvas() && (doc().selectedStages.length > 0 || doc().selectedWires.length > 0),
      run: () => doc().deleteSelection(),
    },
    { id: 'pipeline.selectAll', category: 'Pipeline', title: 'Select All Stages', keys: ['Mod+A'], enabled: onCanvas, run: () => doc().selectAll() },
    {
      id: 'pipeline.autoLayout', category: 'Pipeline', title: 'Auto-Layout', keys: ['Shift+Alt+L'], enabled: () => shown() && ready(),
      run: () => {
        doc().autoLayout();
        requestAnimationFrame(() => pipelinesViewOf(studio).getState().canvas?.fitView());
      },
    },
    {
      id: 'pipeline.fitView', category: 'Pipeline', title: 'Fit View', keys: ['Shift+Alt+0'],
      enabled: () => shown() && pipelinesViewOf(studio).getState().canvas !== null,
      run: () => pipelinesViewOf(studio).getState().canvas?.fitView(),
    },
    {
      id: 'pipeline.addStage', category: 'Pipeline', title: 'Add Stage from Palette…',
      run: () => {
        show();
        studio.layout.getState().show('sidebar');
        focus('.pipelines-palette input[type="search"]');
      },
    },
  ];
}
