/**
 * Where a connection's nodes come from, one implementation per kind: the host's own node
 * (local-source.ts), one node by URL (lone-node-source.ts), etcd (etcd-source.ts) or a
 * registry node (registry-source.ts). The connection manager only reads this.
 */
import type { ClusterNode, ConnectionState } from '../../../../shared/studio/api.js';
import type { NodeInfo } from '../../cluster/membership.js';
import type { NodeAccess } from './node-access.js';
import type { ProtocolCache } from './protocol-cache.js';

/** A node as its source knows it, with whether it answers. */
export interface SourceNode extends NodeInfo {
  health: 'up' | 'unreachable';
  /** Why it is unreachable: what failed and what to check. */
  healthError?: string;
  /** An SPL node in a container of another node of the connection (container-host.ts). */
  container?: ClusterNode['container'];
}

export interface SourceState {
  state: ConnectionState;
  /** Why it is not connected, for people. */
  error?: string;
}

export interface NodeSource {
  /** Starts connecting in the background; `onUpdate` tells of every change from then on. */
  start(): void;
  /** The nodes as last known, sorted by nodeId. */
  nodes(): SourceNode[];
  state(): SourceState;
  /** Stops polling and watching, and closes connections. */
  close(): Promise<void>;
}

/** What every source is given. */
export interface SourceContext {
  /** The connection's URL. */
  url: string;
  access: NodeAccess;
  pollMs: number;
  protocols: ProtocolCache;
  log: (message: string) => void;
  /** Something may have changed: nodes, their heartbeats or health, or the state. */
  onUpdate: () => void;
}
