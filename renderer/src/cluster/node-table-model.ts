/**
 * The cluster table's rows: the nodes of the chosen connections, filtered by words (each must
 * appear in the id, endpoint, a module name, a capability or a container's image) and sorted
 * by any column, with the drift of each node summed up for its badge. Unfiltered, each node
 * running in a container of another node follows that host, sorted among its siblings; a
 * filter shows every match in one sorted list, since a host may not match.
 */
import type { ClusterNode } from '../../../shared/studio/api.js';

export type NodeColumn = 'id' | 'connection' | 'endpoint' | 'modules' | 'capabilities' | 'heartbeat' | 'health' | 'drift';

export interface NodeSort {
  column: NodeColumn;
  direction: 'ascending' | 'descending';
}

export const NODE_COLUMNS: readonly { column: NodeColumn; label: string }[] = [
  { column: 'id', label: 'Node' },
  { column: 'connection', label: 'Connection' },
  { column: 'endpoint', label: 'Endpoint' },
  { column: 'modules', label: 'Modules' },
  { column: 'capabilities', label: 'Capabilities' },
  { column: 'heartbeat', label: 'Heartbeat' },
  { column: 'health', label: 'Health' },
  { column: 'drift', label: 'Protocols' },
];

export interface DriftSummary {
  tone: 'none' | 'in-sync' | 'differs' | 'missing';
  text: string;
  differs: number;
  missing: number;
}

export function driftSummary(node: ClusterNode): DriftSummary {
  let differs = 0;
  let missing = 0;
  for (const p of node.protocols) {
    const drift = node.drift[p.name] ?? 'not-in-workspace';
    if (drift === 'differs') differs++;
    else if (drift === 'not-in-workspace') missing++;
  }
  if (node.protocols.length === 0) return { tone: 'none', text: 'no protocols', differs, missing };
  if (differs > 0) return { tone: 'differs', text: `${differs} differ`, differs, missing };
  if (missing === node.protocols.length) return { tone: 'missing', text: 'not in workspace', differs, missing };
  if (missing > 0) return { tone: 'missing', text: `${missing} not in workspace`, differs, missing };
  return { tone: 'in-sync', text: 'in sync', differs, missing };
}

export const capabilityText = (node: ClusterNode) => Object.entries(node.capabilities).map(([k, v]) => `${k}=${v}`);

/** Lower-case words of a filter box. */
export const filterWords = (filter: string) => filter.toLowerCase().split(/\s+/).filter(Boolean);

export function matchesFilter(node: ClusterNode, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const haystack = [node.nodeId, node.endpoint, ...node.availableModules, ...capabilityText(node), node.container?.image ?? ''].join('\n').toLowerCase();
  return words.every((w) => haystack.includes(w));
}

const text = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compareBy(column: NodeColumn, connectionName: (id: string) => string): (a: ClusterNode, b: ClusterNode) => number {
  switch (column) {
    case 'id': return (a, b) => text.compare(a.nodeId, b.nodeId);
    case 'connection': return (a, b) => text.compare(connectionName(a.connectionId), connectionName(b.connectionId));
    case 'endpoint': return (a, b) => text.compare(a.endpoint, b.endpoint);
    case 'modules': return (a, b) => a.availableModules.length - b.availableModules.length;
    case 'capabilities': return (a, b) => text.compare(capabilityText(a).join(' '), capabilityText(b).join(' '));
    // Ascending: the most recently heard of first (the smallest age).
    case 'heartbeat': return (a, b) => b.lastHeartbeat - a.lastHeartbeat;
    case 'health': return (a, b) => (a.health === b.health ? 0 : a.health === 'up' ? -1 : 1);
    case 'drift': return (a, b) => {
      const x = driftSummary(a);
      const y = driftSummary(b);
      return x.differs - y.differs || x.missing - y.missing;
    };
  }
}

export interface NodeTableRow {
  node: ClusterNode;
  /** A container's node shown right under its host's row. */
  nested: boolean;
}

const keyOf = (connectionId: string, nodeId: string) => `${connectionId}/${nodeId}`;

export function tableRows(nodes: readonly ClusterNode[], filter: string, sort: NodeSort, connectionName: (id: string) => string): NodeTableRow[] {
  const words = filterWords(filter);
  const byColumn = compareBy(sort.column, connectionName);
  const sign = sort.direction === 'ascending' ? 1 : -1;
  // Ties keep a stable order (connection, then id) whichever way the column sorts.
  const tie = (a: ClusterNode, b: ClusterNode) => text.compare(a.connectionId, b.connectionId) || text.compare(a.nodeId, b.nodeId);
  const sorted = nodes.filter((n) => matchesFilter(n, words)).sort((a, b) => sign * byColumn(a, b) || tie(a, b));
  if (words.length > 0) return sorted.map((node) => ({ node, nested: false }));

  // One level: hosts are nodes not in containers; a container whose host is not listed stands alone.
  const hosts = new Set(sorted.filter((n) => !n.container).map((n) => keyOf(n.connectionId, n.nodeId)));
  const children = new Map<string, ClusterNode[]>();
  const top: ClusterNode[] = [];
  for (const node of sorted) {
    const host = node.container && keyOf(node.connectionId, node.container.hostNodeId);
    if (host && hosts.has(host)) {
      const list = children.get(host);
      if (list) list.push(node);
      else children.set(host, [node]);
    } else {
      top.push(node);
    }
  }
  return top.flatMap((node) => [
    { node, nested: false },
    ...(children.get(keyOf(node.connectionId, node.nodeId)) ?? []).map((child) => ({ node: child, nested: true })),
  ]);
}
