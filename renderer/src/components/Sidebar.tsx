/**
 * The side bar: the workspace's name and its files. Its actions (collapse folders, refresh)
 * are buttons with names, so they are reachable with Tab as well as the mouse.
 */
import { useStudio, useSlice } from '../app/studio.js';
import { errorMessage } from '../stores/documents-store.js';
import { workspaceName } from '../stores/workspace-store.js';
import { FileTree } from './FileTree.js';

export function Sidebar() {
  const studio = useStudio();
  const info = useSlice(studio.workspace, (s) => s.info);
  const name = useSlice(studio.workspace, workspaceName);

  const refresh = (): void => {
    studio.api.workspace.list().then(
      (entries) => studio.workspace.getState().setEntries(entries),
      (error: unknown) => studio.notifications.getState().push(`Could not list the workspace: ${errorMessage(error)}`),
    );
  };

  const collapseAll = (): void => {
    const { expanded, collapse } = studio.workspace.getState();
    for (const path of [...expanded]) collapse(path);
  };

  return (
    <aside className="sidebar" aria-label="Explorer">
      <header className="pane-header">
        <h2 className="pane-title">Explorer</h2>
        <div className="pane-actions">
          <button type="button" className="icon-button" title="Refresh" aria-label="Refresh the file list" onClick={refresh}>
            <span className="codicon codicon-refresh" aria-hidden="true" />
          </button>
          <button type="button" className="icon-button" title="Collapse Folders" aria-label="Collapse all folders" onClick={collapseAll}>
            <span className="codicon codicon-collapse-all" aria-hidden="true" />
          </button>
        </div>
      </header>
      <div className="sidebar-section" title={info?.root}>
        <span className="codicon codicon-root-folder" aria-hidden="true" />
        <span className="sidebar-section-name">{name ?? 'Opening workspace…'}</span>
      </div>
      <div className="sidebar-body">
        <FileTree />
      </div>
    </aside>
  );
}
