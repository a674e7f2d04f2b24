/** The onChange plumbing every Membership shares: listeners, and telling them only of real changes. */
import type { NodeInfo } from './membership.js';
import { byId, sameMembers } from './node-info.js';

export class MemberList {
  private current: NodeInfo[] = [];
  private readonly listeners = new Set<(nodes: NodeInfo[]) => void>();

  nodes(): NodeInfo[] {
    return this.current;
  }

  onChange(listener: (nodes: NodeInfo[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replaces the list; listeners hear of it when members, endpoints or modules changed. */
  set(nodes: Iterable<NodeInfo>): void {
    const next = byId(nodes);
    const changed = !sameMembers(this.current, next);
    this.current = next;
    if (!changed) return;
    for (const listener of [...this.listeners]) {
      try {
        listener(next);
      } catch {
        // One broken listener must not starve the others.
      }
    }
  }
}
