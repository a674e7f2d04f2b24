/**
 * SPLNodeService (definitions/spl-node.avdl) on a node: the embedded registry (registerNode,
 * heartbeat), the node's view of the cluster (listNodes), the node itself (describeNode) and
 * executeRemote. Any node serves it, so any node can be the registry others `--join`, and any
 * node can be shown on its own (the studio's lone-node connections).
 */
import { DeclaredError } from '../rpc/errors.js';
import type { Handler } from '../rpc/server.js';
import type { ClusterNode } from '../cluster/cluster-node.js';
import type { RemoteExecutor, RemoteExecuteRequest } from '../cluster/remote-execute.js';
import { fromValue, toValue } from '../cluster/node-info.js';

export const NODE_ERROR = 'spl.node.NodeError';

function nodeError(code: string, message: string, nodeId?: string, details: Record<string, string> = {}): DeclaredError {
  return new DeclaredError(NODE_ERROR, { code, message, nodeId: nodeId === undefined ? null : { string: nodeId }, details });
}

const ENDPOINT = /^(https?|tcps?):\/\/[^\s/]+(\/\S*)?$/i;

export function nodeHandlers(cluster: ClusterNode, remote: RemoteExecutor): Record<string, Handler> {
  return {
    registerNode({ node }) {
      const info = fromValue(node);
      if (!info.nodeId.trim()) throw nodeError('INVALID_REQUEST', 'registerNode needs a nodeId (a stable, unique name such as host-7400)');
      if (!ENDPOINT.test(info.endpoint)) throw nodeError('INVALID_REQUEST', `node ${info.nodeId} gave endpoint '${info.endpoint}': expected http://HOST:PORT or tcp://HOST:PORT`, info.nodeId);
      if (info.nodeId === cluster.nodeId) throw nodeError('INVALID_REQUEST', `nodeId ${info.nodeId} is this registry's own id: give each node its own --id`, info.nodeId);
      cluster.registry.register(info);
    },

    heartbeat({ nodeId }) {
      const id = nodeId as string;
      if (!cluster.registry.heartbeat(id)) throw nodeError('NODE_NOT_FOUND', `node ${id} is not registered with ${cluster.nodeId} (expired after ${cluster.registry.ttlMs} ms without a heartbeat, or this registry restarted): call registerNode again`, id);
    },

    listNodes: () => cluster.nodes().map(toValue),

    // The very NodeInfo the node's agents register (ClusterNode.self): one description, whoever asks.
    describeNode: () => toValue(cluster.self()),

    executeRemote: ({ request }, context) => remote.execute(request as RemoteExecuteRequest, context.meta),
  };
}
