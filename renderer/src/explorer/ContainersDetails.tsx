/**
 * A node's "Containers" group: the nodes running in its containers, and its engine's
 * containers with Stop and a form to start another.
 */
import { useMemo } from 'react';
import type { ClusterNode, ConnectionStatus } from '../../../shared/studio/api.js';
import { useStudio, useSlice } from '../app/studio.js';
import { ContainersSection } from '../containers/ContainersSection.js';
import { containerNodesOf } from '../containers/container-facts.js';
import { ContainerNodes } from './ContainerNodes.js';
import { DetailsHeader, Section } from './DetailsParts.js';
import { revealNode } from './reveal-node.js';

const NO_NODES: readonly ClusterNode[] = [];

export function ContainersDetails({ host, connection }: { host: ClusterNode; connection: ConnectionStatus }) {
  const studio = useStudio();
  const nodes = useSlice(studio.connections, (s) => s.nodes[host.connectionId]) ?? NO_NODES;
  const contained = useMemo(() => containerNodesOf(host, nodes), [host, nodes]);
  return (
    <div className="details">
      <DetailsHeader icon="codicon-layers" title="Containers" subtitle={<>of {host.nodeId} on {connection.name}</>} />
      <Section title="Container nodes">
        <ContainerNodes host={host} nodes={contained} />
      </Section>
      <ContainersSection key={`${host.connectionId}/${host.nodeId}`} node={host} nodesShowIn="the Services tree, under Containers" onShowNode={(node) => revealNode(studio, node)} />
    </div>
  );
}
