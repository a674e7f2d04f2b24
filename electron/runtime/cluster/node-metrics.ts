/**
 * A node's `GET /metrics` (Prometheus text format 0.0.4): the call metrics of its RPC server
 * (CallMetrics: calls by outcome, latency histograms, in flight per message), plus what only
 * the node knows: open connections per transport, calls in flight in all, cluster members.
 */
import type { CallMetrics } from '../rpc/middleware/metrics.js';
import type { Listening } from '../rpc/http.js';
import type { Membership } from './membership.js';

export const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

export interface NodeMetricsSources {
  nodeId: string;
  calls: CallMetrics;
  transports: { transport: string; listening?: Listening }[];
  cluster: Membership;
}

const label = (value: string): string => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function nodeMetricsText({ nodeId, calls, transports, cluster }: NodeMetricsSources): string {
  const inFlight = calls.snapshot().reduce((sum, m) => sum + m.inFlight, 0);
  const lines = [
    '# HELP spl_node_info This node; always 1.',
    '# TYPE spl_node_info gauge',
    `spl_node_info{node_id="${label(nodeId)}"} 1`,
    '# HELP spl_connections_open Client connections open now, by transport.',
    '# TYPE spl_connections_open gauge',
  ];
  for (const { transport, listening } of transports) {
    if (listening?.connections) lines.push(`spl_connections_open{transport="${transport}"} ${listening.connections()}`);
  }
  lines.push(
    '# HELP spl_rpc_in_flight Avro RPC calls running now, all messages.',
    '# TYPE spl_rpc_in_flight gauge',
    `spl_rpc_in_flight ${inFlight}`,
    '# HELP spl_cluster_nodes Cluster members this node knows of, itself included.',
    '# TYPE spl_cluster_nodes gauge',
    `spl_cluster_nodes ${cluster.nodes().length}`,
  );
  return lines.join('\n') + '\n' + calls.prometheus();
}
