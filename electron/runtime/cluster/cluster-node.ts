/**
 * A node's place in the cluster: what it says about itself, the members it knows, and the
 * discovery that keeps both current. Its view is the union of itself, the nodes that
 * registered with it (any node is a registry) and what its discovery reports (a registry it
 * joined, or etcd); for one nodeId the freshest entry wins. It is itself a Membership, so the
 * node's own routing can use it.
 */
import type { Protocol } from '../../../shared/avro/model.js';
import type { Membership, NodeInfo } from './membership.js';
import { MemberList } from './listeners.js';
import { NodeRegistry } from './node-registry.js';
import { RegistryAgent } from './registry-agent.js';
import { RegistryMembership } from './registry-membership.js';
import { EtcdAgent } from './etcd-agent.js';
import { EtcdMembership } from './etcd-membership.js';
import { byId } from './node-info.js';

export interface DiscoveryOptions {
  /** Register with this registry node (http://HOST:PORT or tcp://HOST:PORT). */
  join?: string;
  /** Register in etcd (etcd://HOST:PORT). */
  etcd?: string;
  heartbeatMs?: number;
  ttlMs?: number;
  token?: string;
  log?: (line: string) => void;
}

export class ClusterNode implements Membership {
  readonly registry: NodeRegistry;
  private readonly list = new MemberList();
  private discovery?: Membership;
  private agent?: RegistryAgent | EtcdAgent;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly describeSelf: () => NodeInfo, private readonly options: DiscoveryOptions = {}) {
    this.registry = new NodeRegistry({ ttlMs: options.ttlMs });
    this.unsubscribe.push(this.registry.onChange(() => this.publish()));
  }

  get nodeId(): string {
    return this.describeSelf().nodeId;
  }

  self(): NodeInfo {
    return { ...this.describeSelf(), lastHeartbeat: Date.now() };
  }

  /** Joins the cluster the options name (nothing to do without --join or --discovery). */
  async start(nodeProtocol: Protocol): Promise<void> {
    const { join, etcd, heartbeatMs, ttlMs, token, log } = this.options;
    if (join) {
      this.agent = new RegistryAgent({ registry: join, protocol: nodeProtocol, describe: () => this.self(), heartbeatMs, token, log });
      this.discovery = new RegistryMembership({ registry: join, protocol: nodeProtocol, pollMs: heartbeatMs, token });
    } else if (etcd) {
      this.agent = new EtcdAgent({ url: etcd, describe: () => this.self(), heartbeatMs, ttlMs, log });
      this.discovery = new EtcdMembership({ url: etcd });
    }
    if (!this.agent || !this.discovery) return;
    await this.agent.start();
    this.unsubscribe.push(this.discovery.onChange(() => this.publish()));
    try {
      await this.discovery.ready();
    } catch (error) {
      // Not fatal: the node serves anyway and its discovery keeps trying.
      log?.(`${(error as Error).message}; the cluster view stays partial until it answers`);
    }
    this.publish();
  }

  nodes(): NodeInfo[] {
    const merged = new Map<string, NodeInfo>();
    const add = (node: NodeInfo) => {
      const known = merged.get(node.nodeId);
      if (!known || known.lastHeartbeat < node.lastHeartbeat) merged.set(node.nodeId, node);
    };
    this.discovery?.nodes().forEach(add);
    this.registry.nodes().forEach(add);
    merged.set(this.nodeId, this.self());
    return byId(merged.values());
  }

  onChange(listener: (nodes: NodeInfo[]) => void): () => void {
    return this.list.onChange(listener);
  }

  ready(): Promise<void> {
    return this.discovery ? this.discovery.ready() : Promise.resolve();
  }

  /** Tells listeners of a change in this node too (its modules reloaded). */
  publish(): void {
    this.list.set(this.nodes());
  }

  async close(): Promise<void> {
    this.unsubscribe.forEach((u) => u());
    this.registry.close();
    await Promise.all([this.agent?.close(), this.discovery?.close()]);
  }
}
