/**
 * The service explorer: in the side bar, the tree of connections, nodes (and the nodes in
 * their containers), protocols and messages; in the main area, the details of what is
 * selected there.
 */
import type { ReactNode } from 'react';
import type { ConnectionStatus } from '../../../shared/studio/api.js';
import { useStudio, useSlice } from '../app/studio.js';
import { ConnectionActions } from '../connections/ConnectionActions.js';
import { ConnectionDetails } from '../connections/ConnectionDetails.js';
import { useConnectionDialog } from '../connections/ConnectionDialog.js';
import { refreshConnections, useConnectionsLoaded } from '../connections/use-connections.js';
import { ContainersDetails } from './ContainersDetails.js';
import { DetailsHeader, Notice } from './DetailsParts.js';
import { ExplorerTree } from './ExplorerTree.js';
import { explorerStoreOf, targetKind, type ExplorerTarget } from './explorer-store.js';
import { MessageDetails } from './MessageDetails.js';
import { NodeDetails } from './NodeDetails.js';
import { ProtocolDetails } from './ProtocolDetails.js';
import { readProtocol } from './read-schemas.js';
import { useDescription } from './use-description.js';
import './explorer.css';

export function ExplorerSidebar() {
  const studio = useStudio();
  useConnectionsLoaded(studio);
  const loaded = useSlice(studio.connections, (s) => s.loaded);
  const loadError = useSlice(studio.connections, (s) => s.loadError);
  const dialog = useConnectionDialog((status) => explorerStoreOf(studio).getState().select({ connectionId: status.id }));

  return (
    <aside className="sidebar" aria-label="Service Explorer">
      <header className="pane-header">
        <h2 className="pane-title">Service Explorer</h2>
        <ConnectionActions onAdd={dialog.openNew} />
      </header>
      <div className="sidebar-body">
        {loadError && (
          <div className="explorer-load-error" role="alert">
            <p>{loadError}</p>
            <button type="button" className="button" onClick={() => void refreshConnections(studio)}>Try again</button>
          </div>
        )}
        {loaded ? <ExplorerTree /> : <p className="tree-empty">Loading connections…</p>}
      </div>
      {dialog.element}
    </aside>
  );
}

export function ExplorerMain() {
  const studio = useStudio();
  useConnectionsLoaded(studio);
  const selected = useSlice(explorerStoreOf(studio), (s) => s.selected);
  const dialog = useConnectionDialog();
  return (
    <div className="explorer-main" aria-label="Service details" role="region">
      {selected ? <Selected target={selected} onEdit={dialog.openEdit} /> : <NothingSelected onAdd={dialog.openNew} />}
      {dialog.element}
    </div>
  );
}

function NothingSelected({ onAdd }: { onAdd(): void }) {
  return (
    <div className="details is-empty">
      <DetailsHeader icon="codicon-remote-explorer" title="Service Explorer" subtitle="Select a connection, a node, a protocol or a message in the side bar." />
      <p className="details-doc">
        Nodes come from connections: the local runtime, a node by URL, or a cluster through etcd or a registry node.
      </p>
      <p>
        <button type="button" className="button" onClick={onAdd}>
          <span className="codicon codicon-add" aria-hidden="true" /> Add connection
        </button>
      </p>
    </div>
  );
}

function Selected({ target, onEdit }: { target: ExplorerTarget; onEdit(connection: ConnectionStatus): void }) {
  const studio = useStudio();
  const connection = useSlice(studio.connections, (s) => s.connections.find((c) => c.id === target.connectionId));
  const node = useSlice(studio.connections, (s) => (target.nodeId === undefined ? undefined : s.nodes[target.connectionId]?.find((n) => n.nodeId === target.nodeId)));
  const kind = targetKind(target);
  const serves = !!node && target.protocol !== undefined && node.protocols.some((p) => p.name === target.protocol);
  const slot = useDescription(studio, target.connectionId, target.nodeId ?? '', serves);

  if (!connection) return <Gone text="This connection was removed from the workspace." />;
  if (kind === 'connection') return <ConnectionDetails connection={connection} onEdit={onEdit} />;
  if (!node) return <Gone text={`${target.nodeId} left the cluster: ${connection.name} no longer lists it.`} title="This node left the cluster" />;
  if (kind === 'node') return <NodeDetails node={node} connection={connection} />;
  if (kind === 'containers') return <ContainersDetails host={node} connection={connection} />;
  if (!serves) return <Gone text={`${node.nodeId} no longer serves ${target.protocol}.`} />;

  const retry = (
    <button type="button" className="button" onClick={() => void studio.connections.getState().describe(node.connectionId, node.nodeId, true)}>Try again</button>
  );
  const description = slot?.value?.protocols.find((p) => p.name === target.protocol);
  if (!description) {
    if (slot?.status === 'error') return <Pane><Notice tone="error" action={retry}>Could not describe {node.nodeId}: {slot.error}</Notice></Pane>;
    if (slot?.status === 'ready') return <Pane><Notice tone="warning" action={retry}>{node.nodeId} did not describe {target.protocol}; try again, or check the node&apos;s logs.</Notice></Pane>;
    return <Pane><Notice tone="loading">Describing {node.nodeId}…</Notice></Pane>;
  }
  const parsed = readProtocol(description);
  if (parsed.error !== undefined) return <Pane><Notice tone="error" action={retry}>{parsed.error}</Notice></Pane>;
  if (kind === 'protocol') return <ProtocolDetails node={node} description={description} protocol={parsed.value} />;
  const message = parsed.value.messages.find((m) => m.name === target.message);
  if (!message) return <Gone text={`${description.name} on ${node.nodeId} has no message ${target.message} any more.`} />;
  return <MessageDetails node={node} description={description} message={message} />;
}

function Pane({ children }: { children: ReactNode }) {
  return <div className="details">{children}</div>;
}

function Gone({ text, title = 'No longer there' }: { text: string; title?: string }) {
  return (
    <div className="details is-empty">
      <DetailsHeader icon="codicon-circle-slash" title={title} />
      <Notice tone="muted">{text} Select something else in the side bar.</Notice>
    </div>
  );
}
