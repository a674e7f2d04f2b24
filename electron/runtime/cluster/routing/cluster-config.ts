/**
 * `configureCluster`'s options, and the membership they name: a registry node's listNodes,
 * etcd's key prefix, or a fixed list of node endpoints.
 */
import type { Membership } from '../membership.js';
import { EtcdMembership } from '../etcd-membership.js';
import { RegistryMembership } from '../registry-membership.js';
import { StaticMembership } from '../static-membership.js';
import type { ClusterClientOptions } from './cluster-client.js';

export type DiscoveryMethod = 'etcd' | 'registry' | 'static';

export interface ClusterConfig extends Omit<ClusterClientOptions, 'now'> {
  discoveryMethod: DiscoveryMethod;
  /**
   * etcd: `etcd://HOST:PORT` (or bare HOST:PORT) of the etcd members; registry: the registry
   * node's URL (one); static: the nodes' URLs (`http://HOST:PORT`, `tcp://HOST:PORT`).
   */
  endpoints: string[];
  /** How often registry and static membership are refreshed (ms). */
  pollMs?: number;
  /** etcd's key prefix (default `/spl/nodes/`). */
  prefix?: string;
}

export function membershipFor(config: ClusterConfig): Membership {
  const endpoints = config.endpoints ?? [];
  if (!Array.isArray(endpoints) || endpoints.length === 0 || endpoints.some((e) => typeof e !== 'string' || e === '')) {
    throw new Error(`configureCluster: endpoints must be a non-empty list of URLs, got ${JSON.stringify(config.endpoints)}`);
  }
  switch (config.discoveryMethod) {
    case 'etcd': {
      // Several members as etcd://a:1,b:2, the form `spl node --discovery` takes.
      const hosts = endpoints.map((e) => e.replace(/^(etcd|https?):\/\//i, '').replace(/\/+$/, ''));
      return new EtcdMembership({ url: `etcd://${hosts.join(',')}`, prefix: config.prefix });
    }
    case 'registry':
      if (endpoints.length !== 1) throw new Error(`configureCluster: registry discovery takes one registry node URL, got ${endpoints.length}`);
      return new RegistryMembership({ registry: endpoints[0], pollMs: config.pollMs, token: config.token });
    case 'static':
      return new StaticMembership({ endpoints, pollMs: config.pollMs, token: config.token });
    default:
      throw new Error(`configureCluster: unknown discoveryMethod '${String(config.discoveryMethod)}': use 'etcd', 'registry' or 'static'`);
  }
}
