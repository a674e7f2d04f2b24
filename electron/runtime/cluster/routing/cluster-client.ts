/**
 * Routes calls across a cluster: a call goes to a live node that offers its module (or serves
 * its protocol), chosen by the load balancer and skipping nodes whose circuit breaker is open.
 * A call that certainly did not run moves on to the next node; an idempotent one moves on after
 * any transport failure. Every call has a deadline, so none hangs: it resolves, or fails with a
 * ClusterError that says which nodes were tried and why each failed.
 */
import type { Protocol } from '../../../../shared/avro/model.js';
import { errorMessage } from '../../rpc/errors.js';
import type { CallOptions } from '../../rpc/client.js';
import type { Meta } from '../../rpc/wire.js';
import type { Membership, NodeInfo } from '../membership.js';
import { CircuitBreaker, type BreakerOptions } from './circuit-breaker.js';
import { ClusterError } from './errors.js';
import { loadBalancer, type LoadBalancer, type LoadBalancing } from './load-balancer.js';
import { NodeClients, type NodeClientOptions } from './node-clients.js';
import { classify, isNodeFault, isReadOnly, tryElsewhere } from './retry-policy.js';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface ClusterClientOptions extends NodeClientOptions {
  loadBalancing?: LoadBalancing;
  /** Deadline of each call, retries included, in milliseconds (default 10 s). */
  timeoutMs?: number;
  breaker?: Omit<BreakerOptions, 'now'>;
  /** The clock, for tests of the breaker. */
  now?: () => number;
}

export interface RouteOptions {
  /** Only this node (by nodeId): for follow-up calls that must reach the node that answered. */
  nodeId?: string;
  /** The module the call runs: only nodes that offer it are candidates. */
  module?: string;
  /** Safe to run twice: retried elsewhere after any transport failure (read-only messages are). */
  idempotent?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  meta?: Meta;
}

export interface Routed {
  response: unknown;
  /** The node that answered. */
  nodeId: string;
  /** How many nodes were tried before it. */
  retries: number;
}

export interface ClusterStats {
  calls: number;
  succeeded: number;
  failed: number;
  /** Attempts moved to another node. */
  retries: number;
  perNode: Record<string, number>;
}

const fullNameOf = (p: Protocol): string => (p.namespace ? `${p.namespace}.${p.protocol}` : p.protocol);

export class ClusterClient {
  private readonly balancer: LoadBalancer;
  private readonly clients: NodeClients;
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly inFlight = new Map<string, number>();
  private readonly timeoutMs: number;
  private readonly unsubscribe: () => void;
  private readonly counts: ClusterStats = { calls: 0, succeeded: 0, failed: 0, retries: 0, perNode: {} };

  constructor(
    readonly membership: Membership,
    private readonly options: ClusterClientOptions = {},
  ) {
    this.balancer = loadBalancer(options.loadBalancing ?? 'round-robin');
    this.clients = new NodeClients(options);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.unsubscribe = membership.onChange((nodes) => this.forget(nodes));
    // Start reading membership now, so the first call finds it ready (a failure shows in calls).
    membership.ready().catch(() => undefined);
  }

  /** The live nodes, as membership last said. */
  nodes(): NodeInfo[] {
    return this.membership.nodes();
  }

  /** A node's breaker state: closed (in use), open (set aside) or half-open (one probe allowed). */
  health(nodeId: string): 'closed' | 'open' | 'half-open' {
    return this.breakers.get(nodeId)?.state ?? 'closed';
  }

  stats(): ClusterStats {
    return { ...this.counts, perNode: { ...this.counts.perNode } };
  }

  async call(protocol: Protocol, message: string, request: Record<string, unknown>, route: RouteOptions = {}): Promise<Routed> {
    this.counts.calls++;
    try {
      const routed = await this.route(protocol, message, request, route);
      this.counts.succeeded++;
      this.counts.perNode[routed.nodeId] = (this.counts.perNode[routed.nodeId] ?? 0) + 1;
      return routed;
    } catch (error) {
      this.counts.failed++;
      throw error;
    }
  }

  private async route(protocol: Protocol, message: string, request: Record<string, unknown>, route: RouteOptions): Promise<Routed> {
    const protocolName = fullNameOf(protocol);
    const what = route.module ? `module ${route.module}` : `protocol ${protocolName}`;
    const timeoutMs = route.timeoutMs ?? this.timeoutMs;
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = route.signal ? AbortSignal.any([route.signal, deadline]) : deadline;
    const timedOut = (tried: string[], failures: string[]): ClusterError =>
      new ClusterError('TIMEOUT', `${what}: ${route.signal?.aborted ? 'cancelled' : `no answer within ${timeoutMs} ms`}${tried.length ? `; tried ${failures.join('; ')}` : ''}`, tried);

    await this.ready(signal, what, timeoutMs);
    const idempotent = route.idempotent ?? isReadOnly(protocolName, message, route.module);
    const all = this.membership.nodes();
    const candidates = all.filter((n) => offers(n, protocolName, route.module) && (route.nodeId === undefined || n.nodeId === route.nodeId));
    if (candidates.length === 0) {
      const known = all.length ? all.map((n) => `${n.nodeId} (${n.availableModules.join(', ') || 'no modules'})`).join('; ') : 'none';
      throw new ClusterError('NO_NODE', `no node ${route.nodeId === undefined ? '' : `${route.nodeId} `}offers ${what}; known nodes: ${known}`);
    }
    const tried: string[] = [];
    const failures: string[] = [];
    const key = route.module ?? `${protocolName}.${message}`;
    for (const node of this.balancer.order(key, candidates, (id) => this.inFlight.get(id) ?? 0)) {
      const breaker = this.breaker(node.nodeId);
      if (!breaker.tryAcquire()) {
        failures.push(`${node.nodeId}: set aside after repeated failures until ${new Date(breaker.retryAt!).toISOString()}`);
        continue;
      }
      if (signal.aborted) {
        breaker.release();
        throw timedOut(tried, failures);
      }
      tried.push(node.nodeId);
      this.inFlight.set(node.nodeId, (this.inFlight.get(node.nodeId) ?? 0) + 1);
      try {
        // Retries are ours (to another node), not the client's to the same one.
        const options: CallOptions = { signal, retries: 0, meta: route.meta };
        const response = await this.clients.client(node, protocol).call(message, request, options);
        breaker.success();
        this.counts.retries += tried.length - 1;
        return { response, nodeId: node.nodeId, retries: tried.length - 1 };
      } catch (error) {
        const kind = classify(error);
        if (signal.aborted && !deadline.aborted) {
          breaker.release();
          throw timedOut(tried, [...failures, `${node.nodeId}: cancelled`]);
        }
        if (deadline.aborted) {
          // The node may be slow rather than dead: that is the deadline's business, not the breaker's.
          breaker.release();
          throw timedOut(tried, [...failures, `${node.nodeId}: ${errorMessage(error)}`]);
        }
        if (isNodeFault(kind)) breaker.failure();
        else breaker.success();
        if (!tryElsewhere(kind, idempotent)) {
          if (kind === 'maybe-run') {
            throw new ClusterError('NODE_FAILED', `${what}: node ${node.nodeId} (${node.endpoint}) failed after the call was sent, so it may have run; not retried since it is not idempotent (pass idempotent: true if it is): ${errorMessage(error)}`, tried, { cause: error });
          }
          throw error;
        }
        failures.push(`${node.nodeId} (${node.endpoint}): ${errorMessage(error)}`);
      } finally {
        this.inFlight.set(node.nodeId, (this.inFlight.get(node.nodeId) ?? 1) - 1);
      }
    }
    throw new ClusterError('ALL_FAILED', `all nodes offering ${what} failed: ${failures.join('; ')}`, tried);
  }

  /** Waits for the first membership list, within the call's deadline. */
  private async ready(signal: AbortSignal, what: string, timeoutMs: number): Promise<void> {
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new ClusterError('TIMEOUT', `${what}: cluster membership not known within ${timeoutMs} ms`));
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([this.membership.ready(), aborted]);
    } catch (error) {
      // A source that failed at first may have answered since (it keeps polling/watching).
      if (error instanceof ClusterError || this.membership.nodes().length === 0) {
        throw error instanceof ClusterError ? error : new ClusterError('NO_NODE', `${what}: cluster membership unavailable: ${errorMessage(error)}`, [], { cause: error });
      }
    } finally {
      signal.removeEventListener('abort', onAbort!);
      aborted.catch(() => undefined);
    }
  }

  private breaker(nodeId: string): CircuitBreaker {
    let breaker = this.breakers.get(nodeId);
    if (!breaker) this.breakers.set(nodeId, (breaker = new CircuitBreaker({ ...this.options.breaker, now: this.options.now })));
    return breaker;
  }

  /** Drops clients and breakers of nodes that left: a node that comes back starts afresh. */
  private forget(nodes: NodeInfo[]): void {
    this.clients.retain(nodes);
    const live = new Set(nodes.map((n) => n.nodeId));
    for (const id of this.breakers.keys()) if (!live.has(id)) this.breakers.delete(id);
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.clients.close();
  }
}

/** A node can take the call: it offers the module, and serves the protocol (when it says what it serves). */
function offers(node: NodeInfo, protocol: string, module: string | undefined): boolean {
  if (module !== undefined && !node.availableModules.includes(module)) return false;
  return node.protocols.length === 0 || node.protocols.some((p) => p.name === protocol);
}
