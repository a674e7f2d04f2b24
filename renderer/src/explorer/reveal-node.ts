/** Selects a node in the explorer and opens what holds it, so its row is in view. */
import type { ClusterNode } from '../../../shared/studio/api.js';
import type { Studio } from '../app/studio.js';
import { explorerStoreOf, type ExplorerTarget } from './explorer-store.js';

export function revealNode(studio: Studio, node: Pick<ClusterNode, 'connectionId' | 'nodeId' | 'container'>): void {
  const explorer = explorerStoreOf(studio).getState();
  explorer.setExpanded({ connectionId: node.connectionId }, true);
  if (node.container) {
    const host: ExplorerTarget = { connectionId: node.connectionId, nodeId: node.container.hostNodeId };
    explorer.setExpanded(host, true);
    explorer.setExpanded({ ...host, group: 'containers' }, true);
  }
  explorer.select({ connectionId: node.connectionId, nodeId: node.nodeId });
}

/** Selects a node's "Containers" group (its container nodes, and starting and stopping containers). */
export function revealContainers(studio: Studio, host: Pick<ClusterNode, 'connectionId' | 'nodeId'>): void {
  const explorer = explorerStoreOf(studio).getState();
  const target: ExplorerTarget = { connectionId: host.connectionId, nodeId: host.nodeId };
  explorer.setExpanded({ connectionId: host.connectionId }, true);
  explorer.setExpanded(target, true);
  explorer.select({ ...target, group: 'containers' });
}
