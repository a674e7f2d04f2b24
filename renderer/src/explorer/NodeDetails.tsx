/**
 * One node: where it answers, its health, capabilities, modules, and the protocols it serves;
 * for a node in a container, which node runs it, its image and state; for a node with
 * containers, the nodes running in them.
 */
import { useMemo, type ReactNode } from 'react';
import type { ClusterNode, ConnectionStatus } from '../../../shared/studio/api.js';
import { useStudio, useSlice } from '../app/studio.js';
import { Age } from '../cluster/clock.js';
import { containerEngineOf, containerNodesOf, shortContainerId } from '../containers/container-facts.js';
import { ContainerNodes } from './ContainerNodes.js';
import { Chips, DetailsHeader, Facts, Notice, Section, capabilityChips } from './DetailsParts.js';
import { DriftBadge } from './DriftBadge.js';
import { explorerStoreOf } from './explorer-store.js';
import { revealContainers, revealNode } from './reveal-node.js';

const NO_NODES: readonly ClusterNode[] = [];

export function NodeDetails({ node, connection }: { node: ClusterNode; connection?: ConnectionStatus }) {
  const studio = useStudio();
  const nodes = useSlice(studio.connections, (s) => s.nodes[node.connectionId]) ?? NO_NODES;
  const contained = useMemo(() => (node.container ? [] : containerNodesOf(node, nodes)), [node, nodes]);
  const host = node.container ? nodes.find((n) => n.nodeId === node.container?.hostNodeId) : undefined;
  const selectProtocol = (protocol: string) => {
    const explorer = explorerStoreOf(studio).getState();
    explorer.setExpanded({ connectionId: node.connectionId, nodeId: node.nodeId }, true);
    explorer.select({ connectionId: node.connectionId, nodeId: node.nodeId, protocol });
  };
  const connectionName = connection?.name ?? node.connectionId;
  return (
    <div className="details">
      <DetailsHeader
        icon={node.container ? 'codicon-package' : 'codicon-server'}
        title={node.nodeId}
        subtitle={node.container ? <>in a container of {node.container.hostNodeId}, on {connectionName}</> : <>on {connectionName}</>}
      />
      {node.health === 'unreachable' && (
        <Notice tone="error">
          {node.nodeId} does not answer{node.healthError ? `: ${node.healthError}` : '.'} Check that it runs and that {node.endpoint} is reachable from this machine.
        </Notice>
      )}
      <Facts
        items={[
          ['Endpoint', <code key="endpoint">{node.endpoint}</code>],
          ['Health', node.health === 'up' ? 'up' : 'unreachable'],
          ['Last heard of', <Age key="age" at={node.lastHeartbeat} />],
          ...containerFacts(node, host, () => {
            if (host) revealNode(studio, host);
          }),
          ['Capabilities', <Chips key="caps" entries={capabilityChips(node.capabilities)} />],
          ['Modules', <Chips key="modules" entries={node.availableModules} />],
        ]}
      />
      <Section title="Protocols">
        {node.protocols.length === 0 ? (
          <p className="details-none">This node serves no protocols.</p>
        ) : (
          <table className="details-table">
            <thead>
              <tr>
                <th scope="col">Protocol</th>
                <th scope="col">Hash</th>
                <th scope="col">Workspace</th>
              </tr>
            </thead>
            <tbody>
              {node.protocols.map((p) => (
                <tr key={p.name}>
                  <td><button type="button" className="link-button" onClick={() => selectProtocol(p.name)}>{p.name}</button></td>
                  <td><code>{p.md5}</code></td>
                  <td>{(node.drift[p.name] ?? 'not-in-workspace') === 'same' ? 'in sync' : <DriftBadge drift={node.drift[p.name] ?? 'not-in-workspace'} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      {!node.container && (contained.length > 0 || containerEngineOf(node)) && (
        <Section title="Containers">
          <ContainerNodes host={node} nodes={contained} />
          <p className="details-hint">
            <button type="button" className="link-button" onClick={() => revealContainers(studio, node)}>Start or stop containers on {node.nodeId}</button>
          </p>
        </Section>
      )}
    </div>
  );
}

/** Which node runs it (a link when that node is listed), its image, and the container's id and state. */
function containerFacts(node: ClusterNode, host: ClusterNode | undefined, showHost: () => void): [string, ReactNode][] {
  const container = node.container;
  if (!container) return [];
  return [
    ['Runs on', host
      ? <button key="host" type="button" className="link-button" onClick={showHost}>{container.hostNodeId}</button>
      : <span key="host">{container.hostNodeId} <span className="details-none">(not listed now)</span></span>],
    ['Image', <code key="image">{container.image}</code>],
    ['Status', container.status],
    ['Container', <code key="container" title={container.containerId}>{shortContainerId(container.containerId)}</code>],
  ];
}
