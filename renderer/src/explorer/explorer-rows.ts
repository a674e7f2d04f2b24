/**
 * The explorer tree's visible rows, from the connections store and which rows are open:
 * connection → node → protocol → message, with a quiet row where children are loading, failed
 * or absent. Protocol rows come from the node itself (live with every cluster change); messages
 * need the node's description, whose protocol text is parsed into the schema model.
 */
import type { Message } from '../../../shared/avro/model.js';
import type { ClusterNode, ConnectionStatus, DriftState, MessageDrift, NodeDescription, ProtocolDescription } from '../../../shared/studio/api.js';
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
  | (RowBase & { kind: 'protocol'; target: ExplorerTarget; name: string; drift: DriftState; description?: ProtocolDescription })
  | (RowBase & { kind: 'message'; target: ExplorerTarget; message: Message; verdict?: MessageDrift })
  | (RowBase & { kind: 'info'; tone: 'muted' | 'loading' | 'error'; text: string });

export type TargetRow = Exclude<ExplorerRow, { kind: 'info' }>;

export interface ExplorerData {
  connections: readonly ConnectionStatus[];
  nodes: Readonly<Record<string, readonly ClusterNode[]>>;
  descriptions: Readonly<Record<string, AsyncSlot<NodeDescription>>>;
}

export function explorerRows(data: ExplorerData, expanded: ReadonlySet<string>): ExplorerRow[] {
  const rows: ExplorerRow[] = [];
  const info = (parentKey: string, depth: number, tone: 'muted' | 'loading' | 'error', text: string) =>
    rows.push({ kind: 'info', key: `${parentKey}#info`, parentKey, depth, tone, text });

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
    for (const node of nodes) nodeRows(data, expanded, rows, info, key, node);
  }
  return rows;
}

function nodeRows(
  data: ExplorerData,
  expanded: ReadonlySet<string>,
  rows: ExplorerRow[],
  info: (parentKey: string, depth: number, tone: 'muted' | 'loading' | 'error', text: string) => void,
  parentKey: string,
  node: ClusterNode,
): void {
  const target: ExplorerTarget = { connectionId: node.connectionId, nodeId: node.nodeId };
  const key = targetKey(target);
  rows.push({ kind: 'node', key, parentKey, depth: 1, target, node });
  if (!expanded.has(key)) return;
  if (node.protocols.length === 0) {
    info(key, 2, 'muted', 'Serves no protocols.');
    return;
  }
  const slot = data.descriptions[nodeKey(node.connectionId, node.nodeId)];
  for (const served of node.protocols) {
    const protocolTarget: ExplorerTarget = { ...target, protocol: served.name };
    const protocolKey = targetKey(protocolTarget);
    const description = slot?.value?.protocols.find((p) => p.name === served.name);
    rows.push({ kind: 'protocol', key: protocolKey, parentKey: key, depth: 2, target: protocolTarget, name: served.name, drift: node.drift[served.name] ?? 'not-in-workspace', description });
    if (!expanded.has(protocolKey)) continue;
    if (!description) {
      if (slot?.status === 'error') info(protocolKey, 3, 'error', `Could not describe ${node.nodeId}: ${slot.error}`);
      else if (slot?.status === 'ready') info(protocolKey, 3, 'muted', `${node.nodeId} did not describe ${served.name}; refresh to ask again.`);
      else info(protocolKey, 3, 'loading', 'Loading messages…');
      continue;
    }
    const parsed = readProtocol(description);
    if (parsed.error !== undefined) {
      info(protocolKey, 3, 'error', parsed.error);
      continue;
    }
    if (parsed.value.messages.length === 0) info(protocolKey, 3, 'muted', 'No messages.');
    for (const message of parsed.value.messages) {
      const messageTarget: ExplorerTarget = { ...protocolTarget, message: message.name };
      rows.push({
        kind: 'message',
        key: targetKey(messageTarget),
        parentKey: protocolKey,
        depth: 3,
        target: messageTarget,
        message,
        verdict: description.messages?.find((m) => m.message === message.name),
      });
    }
  }
}
