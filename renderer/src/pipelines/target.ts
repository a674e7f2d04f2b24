/**
 * The nodes a pipeline can be checked against and run on: every node that is up, of every
 * connected connection. By default a pipeline targets the first of them that has all its
 * modules (else the first one that has most of them).
 */
import type { ClusterNode, ConnectionStatus } from '../../../shared/studio/api.js';
import { nodeKey } from '../stores/connections-store.js';
import type { PipelineTarget } from './pipeline-doc-store.js';

export interface TargetNode {
  connectionId: string;
  nodeId: string;
  connectionName: string;
  /** `connection name / node id`, for pickers. */
  label: string;
  node: ClusterNode;
}

export function availableNodes(connections: ConnectionStatus[], nodes: Record<string, ClusterNode[]>): TargetNode[] {
  const out: TargetNode[] = [];
  for (const connection of connections) {
    if (connection.state !== 'connected') continue;
    for (const node of nodes[connection.id] ?? []) {
      if (node.health !== 'up') continue;
      out.push({ connectionId: connection.id, nodeId: node.nodeId, connectionName: connection.name, label: `${connection.name} / ${node.nodeId}`, node });
    }
  }
  return out;
}

export function defaultTarget(candidates: TargetNode[], modules: string[]): PipelineTarget | null {
  let best: TargetNode | undefined;
  let bestCount = -1;
  const wanted = [...new Set(modules)];
  for (const candidate of candidates) {
    const have = new Set(candidate.node.availableModules);
    const count = wanted.filter((m) => have.has(m)).length;
    if (count === wanted.length) return { connectionId: candidate.connectionId, nodeId: candidate.nodeId };
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best ? { connectionId: best.connectionId, nodeId: best.nodeId } : null;
}

export const targetKey = (target: PipelineTarget) => nodeKey(target.connectionId, target.nodeId);

export function sameTarget(a: PipelineTarget | null, b: PipelineTarget | null): boolean {
  return a === b || (a !== null && b !== null && a.connectionId === b.connectionId && a.nodeId === b.nodeId);
}
