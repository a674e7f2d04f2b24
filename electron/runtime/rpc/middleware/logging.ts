/**
 * Logs every call as one JSON line: protocol, message, transport, peer, duration, outcome, and
 * the trace id when the caller sent one (meta `spl.trace`). Structured, so logs can be queried.
 */
import type { Middleware } from '../server.js';
import { describeError, observed, outcomeOf } from './outcome.js';

export const TRACE_META = 'spl.trace';

export interface CallLogEntry {
  time: string;
  level: 'info' | 'warn';
  event: 'call';
  protocol: string;
  message: string;
  transport: string;
  peer?: string;
  traceId?: string;
  durationMs: number;
  outcome: 'ok' | 'declared-error' | 'system-error';
  error?: string;
}

export function loggingMiddleware(write: (entry: CallLogEntry) => void = (entry) => process.stderr.write(JSON.stringify(entry) + '\n')): Middleware {
  return (context, _request, next) => observed(next, (failure, durationMs) => {
    const trace = context.meta[TRACE_META];
    const outcome = outcomeOf(failure);
    const entry: CallLogEntry = {
      time: new Date().toISOString(),
      level: outcome === 'system-error' ? 'warn' : 'info',
      event: 'call',
      protocol: context.protocol,
      message: context.message,
      transport: context.transport,
      ...(context.peer ? { peer: context.peer } : {}),
      ...(trace ? { traceId: Buffer.from(trace).toString('utf8') } : {}),
      durationMs: Math.round(durationMs * 1000) / 1000,
      outcome,
      ...(failure !== undefined ? { error: describeError(failure) } : {}),
    };
    try {
      write(entry);
    } catch {
      // A broken log sink must not fail the call.
    }
  });
}
