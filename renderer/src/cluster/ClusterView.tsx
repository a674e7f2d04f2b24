/**
 * The cluster browser: in the side bar, the connections with their states and node counts (one
 * or all of them shown); in the main area, their nodes as a filterable, sortable table, and
 * the selected node's details and modules beside it.
 */
import { useCallback, useMemo } from 'react';
import { LOCAL_CONNECTION_ID, type ClusterNode, type ConnectionStatus } from '../../../shared/studio/api.js';
import { useStudio, useSlice } from '../app/studio.js';
import { ConnectionActions } from '../connections/ConnectionActions.js';
import { useConnectionDialog } from '../connections/ConnectionDialog.js';
import { ConnectionStateIcon, stateTitle } from '../connections/ConnectionStateIcon.js';
import { removeConnection } from '../connections/remove-connection.js';
import { useConnectionsLoaded } from '../connections/use-connections.js';
import { Notice } from '../explorer/DetailsParts.js';
import { clusterStoreOf } from './cluster-store.js';
import { NodeDetailPanel } from './NodeDetailPanel.js';
import { NodeTable, rowKey } from './NodeTable.js';
import { tableRows, type NodeColumn } from './node-table-model.js';
import './cluster.css';

const NO_NODES: readonly ClusterNode[] = [];

export function ClusterSidebar() {
  const studio = useStudio();
  useConnectionsLoaded(studio);
  const view = clusterStoreOf(studio);
  const scope = useSlice(view, (s) => s.scope);
  const connections = useSlice(studio.connections, (s) => s.connections);
  const nodes = useSlice(studio.connections, (s) => s.nodes);
  const loaded = useSlice(studio.connections, (s) => s.loaded);
  const loadError = useSlice(studio.connections, (s) => s.loadError);
  const dialog = useConnectionDialog((status) => view.getState().setScope(status.id));
  const total = Object.values(nodes).reduce((sum, list) => sum + list.length, 0);

  const remove = async (connection: ConnectionStatus) => {
    if ((await removeConnection(studio, connection)) && view.getState().scope === connection.id) view.getState().setScope(null);
  };

  return (
    <aside className="sidebar" aria-label="Cluster">
      <header className="pane-header">
        <h2 className="pane-title">Cluster</h2>
        <ConnectionActions onAdd={dialog.openNew} />
      </header>
      <div className="sidebar-body">
        {loadError && <div className="cluster-load-error" role="alert">{loadError}</div>}
        {!loaded ? (
          <p className="tree-empty">Loading connections…</p>
        ) : (
          <ul className="cluster-connections" aria-label="Connections">
            <li className={`cluster-connection${scope === null ? ' is-selected' : ''}`}>
              <button type="button" className="cluster-connection-pick" aria-pressed={scope === null} onClick={() => view.getState().setScope(null)}>
                <span className="codicon codicon-server-environment" aria-hidden="true" />
                <span className="cluster-connection-name">All connections</span>
                <span className="pane-count" aria-label={`${total} nodes`}>{total}</span>
              </button>
            </li>
            {connections.map((c) => {
              const count = nodes[c.id]?.length ?? 0;
              return (
                <li key={c.id} className={`cluster-connection${scope === c.id ? ' is-selected' : ''}`}>
                  <button type="button" className="cluster-connection-pick" aria-pressed={scope === c.id} title={`${c.url}: ${stateTitle(c)}`} onClick={() => view.getState().setScope(c.id)}>
                    <ConnectionStateIcon connection={c} />
                    <span className="cluster-connection-name">{c.name}</span>
                    <span className="pane-count" aria-label={`${count} ${count === 1 ? 'node' : 'nodes'}`}>{count}</span>
                  </button>
                  {c.id !== LOCAL_CONNECTION_ID && (
                    <span className="cluster-connection-actions">
                      <button type="button" className="icon-button" title={`Edit ${c.name}`} aria-label={`Edit ${c.name}`} onClick={() => dialog.openEdit(c)}>
                        <span className="codicon codicon-edit" aria-hidden="true" />
                      </button>
                      <button type="button" className="icon-button" title={`Remove ${c.name}`} aria-label={`Remove ${c.name}`} onClick={() => void remove(c)}>
                        <span className="codicon codicon-trash" aria-hidden="true" />
                      </button>
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {dialog.element}
    </aside>
  );
}

export function ClusterMain() {
  const studio = useStudio();
  useConnectionsLoaded(studio);
  const view = clusterStoreOf(studio);
  const scope = useSlice(view, (s) => s.scope);
  const filter = useSlice(view, (s) => s.filter);
  const sort = useSlice(view, (s) => s.sort);
  const selected = useSlice(view, (s) => s.selected);
  const connections = useSlice(studio.connections, (s) => s.connections);
  const nodesByConnection = useSlice(studio.connections, (s) => s.nodes);

  const scoped = useMemo(
    () => (scope === null ? connections.flatMap((c) => nodesByConnection[c.id] ?? NO_NODES) : nodesByConnection[scope] ?? NO_NODES),
    [scope, connections, nodesByConnection],
  );
  const names = useMemo(() => new Map(connections.map((c) => [c.id, c.name])), [connections]);
  const connectionName = useCallback((id: string) => names.get(id) ?? id, [names]);
  const rows = useMemo(() => tableRows(scoped, filter, sort, connectionName), [scoped, filter, sort, connectionName]);
  const onSelect = useCallback((node: ClusterNode) => view.getState().select({ connectionId: node.connectionId, nodeId: node.nodeId }), [view]);
  const onSort = useCallback((column: NodeColumn) => view.getState().sortBy(column), [view]);

  const scopeConnection = scope === null ? undefined : connections.find((c) => c.id === scope);
  const selectedNode = selected ? nodesByConnection[selected.connectionId]?.find((n) => n.nodeId === selected.nodeId) : undefined;
  const failing = (scopeConnection ? [scopeConnection] : connections).filter((c) => c.state === 'error');

  return (
    <div className="cluster-main" role="region" aria-label="Cluster nodes">
      <div className="cluster-toolbar">
        <h1 className="cluster-title">{scopeConnection?.name ?? 'All connections'}</h1>
        <span className="codicon codicon-filter cluster-filter-icon" aria-hidden="true" />
        <input
          className="field-input cluster-filter"
          type="search"
          value={filter}
          placeholder="Filter by id, endpoint, module, capability or image"
          aria-label="Filter nodes"
          onChange={(e) => view.getState().setFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && filter !== '') {
              e.stopPropagation();
              view.getState().setFilter('');
            }
          }}
        />
        <span className="cluster-count" role="status">{rows.length} of {scoped.length} {scoped.length === 1 ? 'node' : 'nodes'}</span>
      </div>
      {scope !== null && !scopeConnection && <Notice tone="muted">This connection was removed. Choose another in the side bar.</Notice>}
      {failing.map((c) => (
        <Notice key={c.id} tone="error">
          {c.name}: {c.error ?? 'not connected.'}
        </Notice>
      ))}
      <div className="cluster-body">
        <div className="cluster-table">
          {scoped.length === 0 ? (
            <p className="cluster-empty">{connections.length === 0 ? 'No connections yet: add one in the side bar.' : 'No nodes here yet. Nodes appear as they join.'}</p>
          ) : rows.length === 0 ? (
            <p className="cluster-empty">No node matches "{filter}".</p>
          ) : (
            <NodeTable rows={rows} connectionName={connectionName} sort={sort} onSort={onSort} selectedKey={selected ? rowKey(selected) : null} onSelect={onSelect} showConnection={scope === null} />
          )}
        </div>
        {selected && (
          <NodeDetailPanel
            selected={selected}
            node={selectedNode}
            connection={connections.find((c) => c.id === selected.connectionId)}
            onSelectNode={(node) => view.getState().select({ connectionId: node.connectionId, nodeId: node.nodeId })}
            onClose={() => view.getState().select(null)}
          />
        )}
      </div>
    </div>
  );
}
