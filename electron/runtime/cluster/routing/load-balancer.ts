/**
 * The order in which a call tries the nodes that can take it. Round-robin rotates per routing
 * key (a module or a protocol), so each module's calls spread evenly even when nodes offer
 * different modules; least-inflight prefers the node with the fewest of this client's calls
 * in flight, rotating among ties so equal nodes share the load.
 */
import type { NodeInfo } from '../membership.js';

export type LoadBalancing = 'round-robin' | 'least-inflight';

export interface LoadBalancer {
  /** Every candidate once, best first. */
  order(key: string, candidates: NodeInfo[], inFlight: (nodeId: string) => number): NodeInfo[];
}

export function loadBalancer(kind: LoadBalancing): LoadBalancer {
  if (kind === 'round-robin') return new RoundRobin();
  if (kind === 'least-inflight') return new LeastInflight();
  throw new Error(`unknown loadBalancing '${String(kind)}': use 'round-robin' or 'least-inflight'`);
}

/** Counters per key, bounded so that arbitrary keys cannot grow it without end. */
class Rotation {
  private readonly next = new Map<string, number>();
  take(key: string): number {
    const n = this.next.get(key) ?? 0;
    if (!this.next.has(key) && this.next.size >= 10_000) this.next.clear();
    this.next.set(key, (n + 1) % 1_000_000_007);
    return n;
  }
}

function rotate<T>(items: T[], by: number): T[] {
  if (items.length === 0) return items;
  const at = by % items.length;
  return [...items.slice(at), ...items.slice(0, at)];
}

/** Membership lists may come in any order: sort by id so rotation is stable across updates. */
const byId = (a: NodeInfo, b: NodeInfo): number => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0);

export class RoundRobin implements LoadBalancer {
  private readonly rotation = new Rotation();
  order(key: string, candidates: NodeInfo[]): NodeInfo[] {
    return rotate([...candidates].sort(byId), this.rotation.take(key));
  }
}

export class LeastInflight implements LoadBalancer {
  private readonly rotation = new Rotation();
  order(key: string, candidates: NodeInfo[], inFlight: (nodeId: string) => number): NodeInfo[] {
    const rotated = rotate([...candidates].sort(byId), this.rotation.take(key));
    // A stable sort keeps the rotation among nodes with equal load.
    return rotated.sort((a, b) => inFlight(a.nodeId) - inFlight(b.nodeId));
  }
}
