/**
 * The cluster browser's detail panel for the selected node: where it answers, its health and
 * capabilities, the container it runs in (if any), the protocols it serves, its containers
 * (list, start, stop), and the modules it can execute, each with its description and its
 * input and output schemas as type trees. When the node leaves the cluster, the panel says so
 * instead of showing stale facts.
 */
import { useMemo, type ReactNode } from 'react';
import type { ClusterNode, ConnectionStatus, ModuleDescription } from '../../../shared/studio/api.js';
import { useStudio } from '../app/studio.js';
import { ContainersSection } from '../containers/ContainersSection.js';
import { shortContainerId } from '../containers/container-facts.js';
import { Chips, DetailsHeader, Facts, Notice, Section, capabilityChips } from '../explorer/DetailsParts.js';
import { DriftBadge } from '../explorer/DriftBadge.js';
import { readSchema } from '../explorer/read-schemas.js';
import { TypeTree, type TypeTreeItem } from '../explorer/TypeTree.js';
import { useModules } from '../explorer/use-description.js';
import { Age } from './clock.js';
import type { SelectedNode } from './cluster-store.js';
import './cluster.css';

export interface NodeDetailPanelProps {
  selected: SelectedNode;
  /** The node as now known, or undefined when it left. */
  node: ClusterNode | undefined;
  connection: ConnectionStatus | undefined;
  /** Selects another node of the table (a container's node, or a container's host). */
  onSelectNode(node: SelectedNode): void;
  onClose(): void;
}

export function NodeDetailPanel({ selected, node, connection, onSelectNode, onClose }: NodeDetailPanelProps) {
  const close = (
    <button type="button" className="icon-button" title="Close" aria-label="Close the node's details" onClick={onClose}>
      <span className="codicon codicon-close" aria-hidden="true" />
    </button>
  );
  return (
    <aside className="node-detail" aria-label={`Node ${selected.nodeId}`}>
      {node ? (
        <NodeInfo key={`${node.connectionId}/${node.nodeId}`} node={node} connection={connection} close={close} onSelectNode={onSelectNode} />
      ) : (
        <div className="details">
          <DetailsHeader icon="codicon-circle-slash" title={selected.nodeId} subtitle={connection?.name ?? selected.connectionId} actions={close} />
          <Notice tone="muted">This node left the cluster. It shows again here if it comes back.</Notice>
        </div>
      )}
    </aside>
  );
}

function NodeInfo({ node, connection, close, onSelectNode }: { node: ClusterNode; connection: ConnectionStatus | undefined; close: ReactNode; onSelectNode(node: SelectedNode): void }) {
  const studio = useStudio();
  const modules = useModules(studio, node.connectionId, node.nodeId);
  const retry = (
    <button type="button" className="button" onClick={() => void studio.connections.getState().describeModules(node.connectionId, node.nodeId, true)}>Try again</button>
  );
  return (
    <div className="details">
      <DetailsHeader icon={node.container ? 'codicon-package' : 'codicon-server'} title={node.nodeId} subtitle={connection?.name ?? node.connectionId} actions={close} />
      {node.health === 'unreachable' && (
        <Notice tone="error">Does not answer{node.healthError ? `: ${node.healthError}` : '.'} Check that the node runs and that {node.endpoint} is reachable from this machine.</Notice>
      )}
      <Facts
        items={[
          ['Endpoint', <code key="e">{node.endpoint}</code>],
          ['Health', node.health],
          ['Heartbeat', <Age key="a" at={node.lastHeartbeat} />],
          ['Capabilities', <Chips key="c" entries={capabilityChips(node.capabilities)} />],
          ...containerFacts(node, onSelectNode),
        ]}
      />
      <Section title="Protocols">
        {node.protocols.length === 0 ? <p className="details-none">None.</p> : (
          <ul className="node-detail-protocols">
            {node.protocols.map((p) => (
              <li key={p.name}>
                <span className="node-detail-protocol" title={`${p.name}\nhash ${p.md5}`}>{p.name}</span>
                {(node.drift[p.name] ?? 'not-in-workspace') === 'same' ? <span className="details-none">in sync</span> : <DriftBadge drift={node.drift[p.name] ?? 'not-in-workspace'} />}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <ContainersSection node={node} nodesShowIn="the node table" onShowNode={onSelectNode} />
      <Section title={`Modules (${node.availableModules.length})`} aside={modules?.status === 'loading' && modules.value ? <span className="codicon codicon-loading codicon-modifier-spin" aria-label="Refreshing" /> : undefined}>
        {modules?.value ? (
          modules.value.length === 0 ? <p className="details-none">This node executes no modules.</p> : modules.value.map((m) => <ModuleCard key={m.module} module={m} />)
        ) : modules?.status === 'error' ? (
          <Notice tone="error" action={retry}>Could not list the modules of {node.nodeId}: {modules.error}</Notice>
        ) : (
          <Notice tone="loading">Asking {node.nodeId} for its modules…</Notice>
        )}
      </Section>
    </div>
  );
}

/** For a node in a container: which node runs it (a link to that node), its image and state. */
function containerFacts(node: ClusterNode, onSelectNode: (node: SelectedNode) => void): [string, ReactNode][] {
  const container = node.container;
  if (!container) return [];
  const host = { connectionId: node.connectionId, nodeId: container.hostNodeId };
  return [
    ['Runs on', <button key="h" type="button" className="link-button" title={`Show ${container.hostNodeId}`} onClick={() => onSelectNode(host)}>{container.hostNodeId}</button>],
    ['Image', <code key="i">{container.image}</code>],
    ['Container', <span key="s"><code title={container.containerId}>{shortContainerId(container.containerId)}</code> {container.status}</span>],
  ];
}

function ModuleCard({ module }: { module: ModuleDescription }) {
  return (
    <article className="module-card" aria-label={`Module ${module.module}`}>
      <h3 className="module-name">{module.module}</h3>
      {module.description && <p className="module-description">{module.description}</p>}
      <SchemaTree module={module.module} role="input" name={module.inputSchema} text={module.inputSchemaText} />
      <SchemaTree module={module.module} role="output" name={module.outputSchema} text={module.outputSchemaText} />
    </article>
  );
}

function SchemaTree({ module, role, name, text }: { module: string; role: 'input' | 'output'; name?: string; text?: string }) {
  const parsed = useMemo(() => (text ? readSchema(text, `${module} ${role}`) : undefined), [module, role, text]);
  const items = useMemo<TypeTreeItem[]>(() => (parsed?.value ? [{ name: role, type: parsed.value }] : []), [parsed, role]);
  if (!text) {
    return (
      <p className="module-schema-missing">
        <span className="module-role">{role}</span> {name ? <>{name} (the node did not send its schema)</> : 'none declared'}
      </p>
    );
  }
  if (parsed?.error !== undefined) return <Notice tone="error">{parsed.error}</Notice>;
  return <TypeTree items={items} label={`${role === 'input' ? 'Input' : 'Output'} of ${module}`} />;
}
