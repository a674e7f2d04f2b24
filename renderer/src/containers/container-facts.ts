/**
 * Small facts about containers that the cluster browser, the explorer and the containers
 * section share: whether a node has an engine, a container's short id, which nodes of a
 * connection run in a host's containers, and which node a listed container became.
 */
import type { ClusterNode } from '../../../shared/studio/api.js';

/** What a node without the `containers` capability shows, with how to give it one. */
export const NO_ENGINE_TEXT = 'No container engine: start the node with --container-engine unix:///PATH.sock';

/** The image's default, offered as a hint only: the user types what to run. */
export const IMAGE_HINT = 'localhost/spl-node:latest';

/** The engine's socket URL, when the node manages containers. */
export const containerEngineOf = (node: ClusterNode): string | undefined => node.capabilities.containers || undefined;

/** The 12 hex digits engines show for a container id (and the host uses in container node ids). */
export const shortContainerId = (id: string): string => id.slice(0, 12);

const sameContainer = (a: string, b: string) => shortContainerId(a) === shortContainerId(b);

/** The nodes of a connection that run in containers of `host`, in the order given. */
export function containerNodesOf(host: Pick<ClusterNode, 'nodeId'>, nodes: readonly ClusterNode[]): ClusterNode[] {
  return nodes.filter((n) => n.container?.hostNodeId === host.nodeId);
}

/** The node the cluster lists for a container of `host`, once it has joined. */
export function nodeOfContainer(host: Pick<ClusterNode, 'nodeId'>, containerId: string, nodes: readonly ClusterNode[]): ClusterNode | undefined {
  return nodes.find((n) => n.container?.hostNodeId === host.nodeId && sameContainer(n.container.containerId, containerId));
}
