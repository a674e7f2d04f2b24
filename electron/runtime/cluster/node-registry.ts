/**
 * The embedded registry: nodes that registered with this node, each kept while its heartbeats
 * arrive within the TTL. Held in memory only: after a restart the members' next heartbeats are
 * answered NODE_NOT_FOUND, they register again, and the view is rebuilt within one interval.
 */
import type { NodeInfo } from './membership.js';
import { MemberList } from './listeners.js';
import { byId } from './node-info.js';

export interface NodeRegistryOptions {
  /** A node not heard of for this long is dropped (default 3000 ms). */
  ttlMs?: number;
  now?: () => number;
}

export class NodeRegistry {
  readonly ttlMs: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, NodeInfo>();
  private readonly list = new MemberList();
  private readonly sweeper: NodeJS.Timeout;

  constructor(options: NodeRegistryOptions = {}) {
    this.ttlMs = options.ttlMs ?? 3000;
    this.now = options.now ?? Date.now;
    // Expiry is checked on every read too; the sweep is what tells listeners promptly.
    this.sweeper = setInterval(() => this.sweep(), Math.max(50, Math.min(500, Math.floor(this.ttlMs / 4))));
    this.sweeper.unref();
  }

  register(node: NodeInfo): void {
    this.entries.set(node.nodeId, { ...node, lastHeartbeat: this.now() });
    this.publish();
  }

  /** False when the node is unknown or expired: it must register again. */
  heartbeat(nodeId: string): boolean {
    this.sweep();
    const entry = this.entries.get(nodeId);
    if (!entry) return false;
    entry.lastHeartbeat = this.now();
    return true;
  }

  nodes(): NodeInfo[] {
    this.sweep();
    return byId([...this.entries.values()].map((e) => ({ ...e })));
  }

  onChange(listener: (nodes: NodeInfo[]) => void): () => void {
    return this.list.onChange(listener);
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const oldest = this.now() - this.ttlMs;
    let dropped = false;
    for (const [id, entry] of this.entries) {
      if (entry.lastHeartbeat < oldest) {
        this.entries.delete(id);
        dropped = true;
      }
    }
    if (dropped) this.publish();
  }

  private publish(): void {
    this.list.set([...this.entries.values()].map((e) => ({ ...e })));
  }
}
