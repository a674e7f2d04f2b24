/**
 * Counts calls per protocol and message: totals by outcome, latency histograms and calls in
 * flight, readable as a snapshot or in Prometheus's text format.
 */
import type { Middleware } from '../server.js';
import { observed, outcomeOf, type CallOutcomeKind } from './outcome.js';

/** Histogram upper bounds, in seconds: from half a millisecond to ten seconds. */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface MessageMetrics {
  protocol: string;
  message: string;
  calls: Record<CallOutcomeKind, number>;
  inFlight: number;
  /** Calls at or under each bound of LATENCY_BUCKETS (cumulative), then all of them. */
  buckets: number[];
  sumSeconds: number;
}

export class CallMetrics {
  private readonly byMessage = new Map<string, MessageMetrics>();

  readonly middleware: Middleware = (context, _request, next) => {
    const metrics = this.entry(context.protocol, context.message);
    metrics.inFlight++;
    return observed(next, (failure, durationMs) => {
      metrics.inFlight--;
      const seconds = durationMs / 1000;
      metrics.calls[outcomeOf(failure)]++;
      metrics.sumSeconds += seconds;
      for (let i = 0; i < LATENCY_BUCKETS.length; i++) if (seconds <= LATENCY_BUCKETS[i]) metrics.buckets[i]++;
      metrics.buckets[LATENCY_BUCKETS.length]++;
    });
  };

  private entry(protocol: string, message: string): MessageMetrics {
    const key = `${protocol}\u0000${message}`;
    let metrics = this.byMessage.get(key);
    if (!metrics) {
      metrics = { protocol, message, calls: { ok: 0, 'declared-error': 0, 'system-error': 0 }, inFlight: 0, buckets: new Array<number>(LATENCY_BUCKETS.length + 1).fill(0), sumSeconds: 0 };
      this.byMessage.set(key, metrics);
    }
    return metrics;
  }

  snapshot(): MessageMetrics[] {
    return [...this.byMessage.values()].map((m) => ({ ...m, calls: { ...m.calls }, buckets: [...m.buckets] }));
  }

  /** The Prometheus text exposition format (version 0.0.4). */
  prometheus(): string {
    const label = (value: string): string => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
    const lines = [
      '# HELP spl_rpc_calls_total Avro RPC calls handled, by outcome.',
      '# TYPE spl_rpc_calls_total counter',
    ];
    const all = this.snapshot();
    for (const m of all) {
      for (const [outcome, count] of Object.entries(m.calls)) lines.push(`spl_rpc_calls_total{protocol="${label(m.protocol)}",message="${label(m.message)}",outcome="${outcome}"} ${count}`);
    }
    lines.push('# HELP spl_rpc_calls_in_flight Avro RPC calls running now.', '# TYPE spl_rpc_calls_in_flight gauge');
    for (const m of all) lines.push(`spl_rpc_calls_in_flight{protocol="${label(m.protocol)}",message="${label(m.message)}"} ${m.inFlight}`);
    lines.push('# HELP spl_rpc_call_duration_seconds Time spent handling a call.', '# TYPE spl_rpc_call_duration_seconds histogram');
    for (const m of all) {
      const labels = `protocol="${label(m.protocol)}",message="${label(m.message)}"`;
      LATENCY_BUCKETS.forEach((bound, i) => lines.push(`spl_rpc_call_duration_seconds_bucket{${labels},le="${bound}"} ${m.buckets[i]}`));
      lines.push(`spl_rpc_call_duration_seconds_bucket{${labels},le="+Inf"} ${m.buckets[LATENCY_BUCKETS.length]}`);
      lines.push(`spl_rpc_call_duration_seconds_sum{${labels}} ${m.sumSeconds}`);
      lines.push(`spl_rpc_call_duration_seconds_count{${labels}} ${m.buckets[LATENCY_BUCKETS.length]}`);
    }
    return lines.join('\n') + '\n';
  }
}
