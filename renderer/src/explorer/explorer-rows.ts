/**
 * The explorer tree's visible rows, from the connections store and which rows are open:
 * connection → node → protocol → message, with a quiet row where children are loading, failed
 * or absent. Protocol rows come from the node itself (live with every cluster change); messages
 * need the node's description, whose protocol text is parsed into the schema model. Nodes
 * running in another node's containers sit under that host, in a "Containers" group after its
 * protocols (host → Containers → node → protocol → message); one whose host is not listed
 * stands with the others.
 */
import type { Message } from '../../../shared/avro/model.js';
import type { ClusterNode, ConnectionStatus, DriftState, MessageDrift, NodeDescription, ProtocolDescription } from '../../../shared/studio/api.js';
import { containerEngineOf } from '../containers/container-facts.js';
import { nodeKey, type AsyncSlot } from '../stores/connections-store.js';
import { targetKey, type ExplorerTarget } from './explorer-store.js';
import { readProtocol } from './read-schemas.js';

interface RowBase {
  key: string;
  depth: number;
  /** The parent row's key (Left goes there). */
  parentKey?: string;
}

export type ExplorerRow =
  | (RowBase & { kind: 'connection'; target: ExplorerTarget; connection: ConnectionStatus; nodeCount: number })
  | (RowBase & { kind: 'node'; target: ExplorerTarget; node: ClusterNode })
  | (RowBase & { kind: 'containers'; target: ExplorerTarget; host: ClusterNode; count: number })
  | (RowBase & { kind: 'protocol'; target: ExplorerTarget; name: string; drift: DriftState; description?: ProtocolDescription })
  | (RowBase & { kind: 'message'; target: ExplorerTarget; message: Message; verdict?: MessageDrift })
  | (RowBase & { kind: 'info'; tone: 'muted' | 'loading' | 'error'; text: string });

export type TargetRow = Exclude<ExplorerRow, { kind: 'info' }>;

export interface ExplorerData {
  connections: readonly ConnectionStatus[];
  nodes: Readonly<Record<string, readonly ClusterNode[]>>;
  descriptions: Readonly<Record<string, AsyncSlot<NodeDescription>>>;
}

type Info = (parentKey: string, depth: number, tone: 'muted' | 'loading' | 'error', text: string) => void;

interface Walk {
  data: ExplorerData;
  expanded: ReadonlySet<string>;
  rows: ExplorerRow[];
  info: Info;
  /** A connection's container nodes by their host's id (hosts listed in that connection only). */
  contained: Map<string, ClusterNode[]>;
}

export function explorerRows(data: ExplorerData, expanded: ReadonlySet<string>): ExplorerRow[] {
  const rows: ExplorerRow[] = [];
  const info: Info = (parentKey, depth, tone, text) => rows.push({ kind: 'info', key: `${parentKey}#info`, parentKey, depth, tone, text });

  for (const connection of data.connections) {
    const target: ExplorerTarget = { connectionId: connection.id };
    const key = targetKey(target);
    const nodes = data.nodes[connection.id] ?? [];
    rows.push({ kind: 'connection', key, depth: 0, target, connection, nodeCount: nodes.length });
    if (!expanded.has(key)) continue;
    if (nodes.length === 0) {
      if (connection.state === 'connecting') info(key, 1, 'loading', 'Connecting…');
      else if (connection.state === 'error') info(key, 1, 'error', connection.error ? `Not connected: ${connection.error}` : 'Not connected.');
      else info(key, 1, 'muted', 'No nodes.');
      continue;
    }
    const hosts = new Set(nodes.filter((n) => !n.container).map((n) => n.nodeId));
    const contained = new Map<string, ClusterNode[]>();
    const top: ClusterNode[] = [];
    for (const node of nodes) {
      const host = node.container?.hostNodeId;
      if (host !== undefined && hosts.has(host)) contained.set(host, [...(contained.get(host) ?? []), node]);
      else top.push(node);
    }
    const walk: Walk = { data, expanded, rows, info, contained };
    for (const node of top) nodeRows(walk, key, node, 1);
  }
  return rows;
}

function nodeRows(walk: Walk, parentKey: string, node: ClusterNode, depth: number): void {
  const target: ExplorerTarget = { connectionId: node.connectionId, nodeId: node.nodeId };
  const key = targetKey(target);
  walk.rows.push({ kind: 'node', key, parentKey, depth, target, node });
  if (!walk.expanded.has(key)) return;
  protocolRows(walk, key, node, depth + 1);

  // The group shows for a node with an engine even before it runs anything: it leads to starting one.
  const contained = node.container ? [] : walk.contained.get(node.nodeId) ?? [];
  if (contained.length === 0 && (node.container || !containerEngineOf(node))) return;
  const groupTarget: ExplorerTarget = { ...target, group: 'containers' };
  const groupKey = targetKey(groupTarget);
  walk.rows.push({ kind: 'containers', key: groupKey, parentKey: key, depth: depth + 1, target: groupTarget, host: node, count: contained.length });
  if (!walk.expanded.has(groupKey)) return;
  if (contained.length === 0) walk.info(groupKey, depth + 2, 'muted', 'No container nodes yet: select Containers to start one.');
  for (const child of contained) nodeRows(walk, groupKey, child, depth + 2);
}

function protocolRows(walk: Walk, key: string, node: ClusterNode, depth: number): void {
  const { data, expanded, rows, info } = walk;
  const target: ExplorerTarget = { connectionId: node.connectionId, nodeId: node.nodeId };
  if (node.protocols.length === 0) {
    info(key, depth, 'muted', 'Serves no protocols.');
    return;
  }
  const slot = data.descriptions[nodeKey(node.connectionId, node.nodeId)];
  for (const served of node.protocols) {
    const protocolTarget: ExplorerTarget = { ...target, protocol: served.name };
    const protocolKey = targetKey(protocolTarget);
    const description = slot?.value?.protocols.find((p) => p.name === served.name);
    rows.push({ kind: 'protocol', key: protocolKey, parentKey: key, depth, target: protocolTarget, name: served.name, drift: node.drift[served.name] ?? 'not-in-workspace', description });
    if (!expanded.has(protocolKey)) continue;
    if (!description) {
      if (slot?.status === 'error') info(protocolKey, depth + 1, 'error', `Could not describe ${node.nodeId}: ${slot.error}`);
      else if (slot?.status === 'ready') info(protocolKey, depth + 1, 'muted', `${node.nodeId} did not describe ${served.name}; refresh to ask again.`);
      else info(protocolKey, depth + 1, 'loading', 'Loading messages…');
      continue;
    }
    const parsed = readProtocol(description);
    if (parsed.error !== undefined) {
      info(protocolKey, depth + 1, 'error', parsed.error);
      continue;
    }
    if (parsed.value.messages.length === 0) info(protocolKey, depth + 1, 'muted', 'No messages.');
    for (const message of parsed.value.messages) {
      const messageTarget: ExplorerTarget = { ...protocolTarget, message: message.name };
      rows.push({
        kind: 'message',
        key: targetKey(messageTarget),
        parentKey: protocolKey,
        depth: depth + 1,
        target: messageTarget,
        message,
        verdict: description.messages?.find((m) => m.message === message.name),
      });
    }
  }
}
