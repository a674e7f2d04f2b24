/**
 * Cluster membership as the rest of the runtime sees it: the live nodes, and news when they
 * change. Where the list comes from (a registry node, etcd, a fixed list) is the
 * implementation's business; routing (cluster/routing/) only reads this.
 */

/** One protocol a node serves, with its handshake hash as hex (ServedProtocol in spl-node.avdl). */
export interface ServedProtocolInfo {
  /** Full name, e.g. "spl.execute.SPLExecuteService". */
  name: string;
  /** MD5 of the protocol's JSON, 32 hex digits. */
  md5: string;
}

/**
 * A member of the cluster: spl-node.avdl's NodeInfo as plain TypeScript (no wrapped unions,
 * md5 as hex rather than a 16-byte Buffer).
 */
export interface NodeInfo {
  nodeId: string;
  /** Where it answers Avro RPC: "http://127.0.0.1:7400" or "tcp://127.0.0.1:7401". */
  endpoint: string;
  /** Module paths it can execute. */
  availableModules: string[];
  /** Free-form: {"version": "0.1.0", "tcp": "tcp://...", ...}. */
  capabilities: Record<string, string>;
  /** Milliseconds since the epoch when the source last heard of the node. */
  lastHeartbeat: number;
  protocols: ServedProtocolInfo[];
}

export interface Membership {
  /** The live nodes as last known (empty before ready()). */
  nodes(): NodeInfo[];
  /** Called with the full new list whenever it changes; returns the unsubscribe function. */
  onChange(listener: (nodes: NodeInfo[]) => void): () => void;
  /** Resolves once the first list is in (rejects if the source cannot be reached at all). */
  ready(): Promise<void>;
  /** Stops polling/watching; nodes() keeps its last list. */
  close(): Promise<void>;
}
