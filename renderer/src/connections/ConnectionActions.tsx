/** A sidebar header's connection actions (the cluster's, the explorer's): add a connection, refresh them all. */
import { useStudio } from '../app/studio.js';
import { refreshConnections } from './use-connections.js';

export function ConnectionActions({ onAdd }: { onAdd: () => void }) {
  const studio = useStudio();
  return (
    <div className="pane-actions">
      <button type="button" className="icon-button" title="Add Connection" aria-label="Add connection" onClick={onAdd}>
        <span className="codicon codicon-add" aria-hidden="true" />
      </button>
      <button type="button" className="icon-button" title="Refresh" aria-label="Refresh connections and nodes" onClick={() => void refreshConnections(studio)}>
        <span className="codicon codicon-refresh" aria-hidden="true" />
      </button>
    </div>
  );
}
