import { describe, expect, it } from 'vitest';
import { probeHandlers, probeProtocol, PROBE_NAME } from '../../../../test/support/rpc-probe.js';
import { RpcClient } from '../client.js';
import { DeclaredError, RemoteSystemError } from '../errors.js';
import { InProcessChannel } from '../in-process.js';
import { RpcServer } from '../server.js';
import { authorize } from './authorize.js';
import { loggingMiddleware, TRACE_META, type CallLogEntry } from './logging.js';
import { CallMetrics } from './metrics.js';

function served(setup: (server: RpcServer) => void): RpcClient {
  const server = new RpcServer();
  server.addService(probeProtocol, probeHandlers());
  setup(server);
  return new RpcClient(probeProtocol, new InProcessChannel(server));
}

describe('built-in middleware', () => {
  it('logging: one JSON entry per call with its outcome, duration and trace id', async () => {
    const entries: CallLogEntry[] = [];
    const client = served((server) => server.use(loggingMiddleware((entry) => entries.push(entry))));
    await client.call('add', { a: 1, b: 2 }, { meta: { [TRACE_META]: Buffer.from('trace-1') } });
    await expect(client.call('refuse', { why: 'no' })).rejects.toBeInstanceOf(DeclaredError);
    await expect(client.call('crash', { how: 'error' })).rejects.toBeInstanceOf(RemoteSystemError);
    expect(entries.map((e) => [e.message, e.outcome, e.level])).toEqual([['add', 'ok', 'info'], ['refuse', 'declared-error', 'info'], ['crash', 'system-error', 'warn']]);
    expect(entries[0]).toMatchObject({ event: 'call', protocol: PROBE_NAME, traceId: 'trace-1', transport: 'in-process' });
    expect(entries[1].error).toBe('test.rpc.Refused');
    expect(entries[2].error).toBe('boom: the handler failed');
    expect(entries.every((e) => e.durationMs >= 0 && !Number.isNaN(Date.parse(e.time)))).toBe(true);
  });

  it('logging: a sink that throws does not fail the call', async () => {
    const client = served((server) => server.use(loggingMiddleware(() => {
      throw new Error('disk full');
    })));
    expect(await client.call('add', { a: 1, b: 2 })).toBe(3);
  });

  it('metrics: counts by outcome, a latency histogram, and Prometheus text', async () => {
    const metrics = new CallMetrics();
    const client = served((server) => server.use(metrics.middleware));
    await client.call('add', { a: 1, b: 2 });
    await client.call('add', { a: 1, b: 2 });
    await expect(client.call('refuse', { why: 'no' })).rejects.toBeInstanceOf(DeclaredError);
    await expect(client.call('crash', { how: 'string' })).rejects.toBeInstanceOf(RemoteSystemError);
    const add = metrics.snapshot().find((m) => m.message === 'add')!;
    expect(add.calls).toEqual({ ok: 2, 'declared-error': 0, 'system-error': 0 });
    expect(add.buckets.at(-1)).toBe(2);
    expect(add.inFlight).toBe(0);
    const text = metrics.prometheus();
    expect(text).toContain(`spl_rpc_calls_total{protocol="${PROBE_NAME}",message="add",outcome="ok"} 2`);
    expect(text).toContain(`spl_rpc_calls_total{protocol="${PROBE_NAME}",message="refuse",outcome="declared-error"} 1`);
    expect(text).toContain(`spl_rpc_calls_total{protocol="${PROBE_NAME}",message="crash",outcome="system-error"} 1`);
    expect(text).toContain(`spl_rpc_call_duration_seconds_count{protocol="${PROBE_NAME}",message="add"} 2`);
    expect(text).toMatch(/# TYPE spl_rpc_call_duration_seconds histogram/);
    // Every sample line is `name{labels} number`.
    for (const line of text.trim().split('\n').filter((l) => !l.startsWith('#'))) expect(line).toMatch(/^[a-z_]+\{[^}]*\} [\d.e+-]+$/);
  });

  it('metrics: in flight while a call runs', async () => {
    const metrics = new CallMetrics();
    const client = served((server) => server.use(metrics.middleware));
    const slow = client.call('slow', { ms: 50 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(metrics.snapshot().find((m) => m.message === 'slow')!.inFlight).toBe(1);
    await slow;
    expect(metrics.snapshot().find((m) => m.message === 'slow')!.inFlight).toBe(0);
  });

  it('authorize: a refused call gets a system error saying why, and its handler never runs', async () => {
    const logged: string[] = [];
    const server = new RpcServer();
    server.addService(probeProtocol, probeHandlers(logged));
    server.use(authorize((context) => (context.message === 'add' ? true : 'only add is allowed for this caller')));
    const client = new RpcClient(probeProtocol, new InProcessChannel(server));
    expect(await client.call('add', { a: 2, b: 2 })).toBe(4);
    await expect(client.call('echo', { item: { name: 'x', tags: [], count: 1 } })).rejects.toThrow(new RemoteSystemError(`unauthorized: ${PROBE_NAME}.echo: only add is allowed for this caller`));
  });
});
