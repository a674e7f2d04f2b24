/**
 * NodeInfo between its two shapes: the engine's (wrapped unions, md5 as a 16-byte Buffer, what
 * SPLNodeService sends) and the plain one (membership.ts). JSON in etcd uses the plain one.
 */
import type { NodeInfo, ServedProtocolInfo } from './membership.js';

export interface NodeInfoValue {
  nodeId: string;
  endpoint: string;
  availableModules: string[];
  capabilities: Record<string, string>;
  lastHeartbeat: number;
  protocols: { name: string; md5: Buffer }[];
}

export function toValue(node: NodeInfo): NodeInfoValue {
  return { ...node, protocols: node.protocols.map((p) => ({ name: p.name, md5: Buffer.from(p.md5, 'hex') })) };
}

export function fromValue(value: unknown): NodeInfo {
  const v = value as NodeInfoValue;
  return {
    nodeId: v.nodeId,
    endpoint: v.endpoint,
    availableModules: [...v.availableModules],
    capabilities: { ...v.capabilities },
    lastHeartbeat: Number(v.lastHeartbeat),
    protocols: (v.protocols ?? []).map((p) => ({ name: p.name, md5: Buffer.from(p.md5).toString('hex') })),
  };
}

/** A NodeInfo read from outside (etcd JSON): checked field by field, or undefined if it is not one. */
export function parseNodeInfo(json: string): NodeInfo | undefined {
  let v: Partial<NodeInfo>;
  try {
    v = JSON.parse(json) as Partial<NodeInfo>;
  } catch {
    return undefined;
  }
  if (!v || typeof v.nodeId !== 'string' || typeof v.endpoint !== 'string' || !Array.isArray(v.availableModules)) return undefined;
  return {
    nodeId: v.nodeId,
    endpoint: v.endpoint,
    availableModules: v.availableModules.filter((m): m is string => typeof m === 'string'),
    capabilities: v.capabilities && typeof v.capabilities === 'object' ? Object.fromEntries(Object.entries(v.capabilities).map(([k, x]) => [k, String(x)])) : {},
    lastHeartbeat: typeof v.lastHeartbeat === 'number' ? v.lastHeartbeat : Date.now(),
    protocols: Array.isArray(v.protocols) ? v.protocols.filter((p): p is ServedProtocolInfo => !!p && typeof p.name === 'string' && typeof p.md5 === 'string') : [],
  };
}

/**
 * Whether two member lists mean the same cluster, ignoring heartbeat times: listeners hear of
 * joins, departures and changed modules, not of every heartbeat.
 */
export function sameMembers(a: NodeInfo[], b: NodeInfo[]): boolean {
  if (a.length !== b.length) return false;
  const key = (n: NodeInfo) => JSON.stringify([n.nodeId, n.endpoint, n.availableModules, n.capabilities, n.protocols]);
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.every((k, i) => k === right[i]);
}

/** Sorted by id, so every view prints and compares the same way. */
export function byId(nodes: Iterable<NodeInfo>): NodeInfo[] {
  return [...nodes].sort((x, y) => (x.nodeId < y.nodeId ? -1 : x.nodeId > y.nodeId ? 1 : 0));
}
