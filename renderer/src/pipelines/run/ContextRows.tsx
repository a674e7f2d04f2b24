/** The run's context (the SPL headers the first stage gets) as key/value rows, each switched on or off. */
import { useSlice } from '../../app/studio.js';
import { KeyValueRows } from '../../components/KeyValueRows.js';
import type { PipelineRunStore } from './run-store.js';

export function ContextRows({ run }: { run: PipelineRunStore }) {
  const rows = useSlice(run, (s) => s.context);
  const { addContext, updateContext, removeContext } = run.getState();
  return (
    <div className="run-context">
      <KeyValueRows
        rows={rows}
        noun="context"
        valuePlaceholder="value"
        empty={<p className="run-note">No context: the run starts with no headers. Add a row to pass one (a trace id, an option).</p>}
        onUpdate={updateContext}
        onRemove={removeContext}
      />
      <button type="button" className="button is-small" onClick={() => addContext()}>
        <span className="codicon codicon-add" aria-hidden="true" /> Add Context
      </button>
    </div>
  );
}
