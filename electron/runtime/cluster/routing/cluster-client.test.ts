/**
 * Routing, load balancing, retry rules, the breaker and deadlines, against loopback servers
 * (real sockets, so refused connections and dropped ones are the real thing) and a membership
 * list the test controls.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../../../../shared/avro/model.js';
import { compileIdlText } from '../../../../shared/idl/compile.js';
import { memoryReader } from '../../../../test/support/memory-reader.js';
import { RpcServer } from '../../rpc/server.js';
import { serveHttp, type Listening } from '../../rpc/http.js';
import { serveTcp } from '../../rpc/tcp.js';
import type { Membership, NodeInfo } from '../membership.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { ClusterClient } from './cluster-client.js';
import { ClusterError } from './errors.js';
import { LeastInflight, RoundRobin } from './load-balancer.js';

class FakeMembership implements Membership {
  private listeners = new Set<(nodes: NodeInfo[]) => void>();
  constructor(
    private list: NodeInfo[],
    private readonly whenReady: Promise<void> = Promise.resolve(),
  ) {}
  nodes(): NodeInfo[] {
    return this.list;
  }
  set(list: NodeInfo[]): void {
    this.list = list;
    for (const l of this.listeners) l(list);
  }
  onChange(listener: (nodes: NodeInfo[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  ready(): Promise<void> {
    return this.whenReady;
  }
  async close(): Promise<void> {}
}

const node = (nodeId: string, endpoint: string, modules = ['m/a']): NodeInfo => ({ nodeId, endpoint, availableModules: modules, capabilities: {}, lastHeartbeat: Date.now(), protocols: [] });

let protocol: Protocol;
const listening: Listening[] = [];
const endpoints: Record<string, string> = {};
let dropping: net.Server;
let dropped = 0;
const hung: (() => void)[] = [];

beforeAll(async () => {
  const compiled = await compileIdlText('/t/echo.avdl', `@namespace("t") protocol Echo {
    string echo(string text);
    string hang();
  }`, { reader: memoryReader({}) });
  protocol = compiled.protocol!;
  for (const id of ['a', 'b', 'c']) {
    const server = new RpcServer();
    server.addService(protocol, { echo: ({ text }) => `${id}:${String(text)}`, hang: () => new Promise((resolve) => hung.push(() => resolve('late'))) });
    const l = id === 'c' ? await serveHttp(server) : await serveTcp(server);
    listening.push(l);
    endpoints[id] = l.url;
  }
  // Accepts, reads the request, then drops the connection: the call may have run.
  dropping = net.createServer((socket) => socket.once('data', () => (dropped++, socket.destroy())));
  await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
  endpoints.dropping = `tcp://127.0.0.1:${(dropping.address() as net.AddressInfo).port}`;
  // Nothing listens there: connections are refused, so the request never left.
  const closed = net.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  endpoints.refused = `tcp://127.0.0.1:${(closed.address() as net.AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  for (const release of hung) release();
  await Promise.all(listening.map((l) => l.close()));
  await new Promise((resolve) => dropping.close(resolve));
});

async function withCluster<T>(nodes: NodeInfo[], run: (client: ClusterClient, membership: FakeMembership) => Promise<T>, options: ConstructorParameters<typeof ClusterClient>[1] = {}): Promise<T> {
  const membership = new FakeMembership(nodes);
  const client = new ClusterClient(membership, options);
  try {
    return await run(client, membership);
  } finally {
    await client.close();
  }
}

describe('ClusterClient', () => {
  it('round-robin spreads a module\'s calls over the nodes that offer it, over TCP and HTTP', async () => {
    await withCluster([node('a', endpoints.a), node('b', endpoints.b), node('c', endpoints.c), node('x', endpoints.refused, ['m/other'])], async (client) => {
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push((await client.call(protocol, 'echo', { text: 'hi' }, { module: 'm/a' })).response);
      expect(answers.sort()).toEqual(['a:hi', 'a:hi', 'b:hi', 'b:hi', 'c:hi', 'c:hi']);
      expect(client.stats()).toMatchObject({ calls: 6, succeeded: 6, failed: 0, retries: 0, perNode: { a: 2, b: 2, c: 2 } });
    });
  });

  it('says which module no node offers, and which nodes it knows', async () => {
    await withCluster([node('a', endpoints.a)], async (client) => {
      const error = await client.call(protocol, 'echo', { text: 'x' }, { module: 'no/such' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClusterError);
      expect(error).toMatchObject({ code: 'NO_NODE', message: 'no node offers module no/such; known nodes: a (m/a)' });
    });
  });

  it('moves a call whose connection was refused to another node, even when not idempotent', async () => {
    await withCluster([node('a', endpoints.refused), node('b', endpoints.b)], async (client) => {
      for (let i = 0; i < 4; i++) expect((await client.call(protocol, 'echo', { text: 'x' }, { module: 'm/a' })).response).toBe('b:x');
      expect(client.stats().retries).toBeGreaterThanOrEqual(1);
    });
  });

  it('does not send a call again after a connection dropped mid-call, unless it is idempotent', async () => {
    await withCluster([node('a', endpoints.dropping), node('b', endpoints.b)], async (client) => {
      // Round-robin from 'a': the first call goes to the dropping node.
      const before = dropped;
      const error = await client.call(protocol, 'echo', { text: 'x' }, { module: 'm/a' }).catch((e: unknown) => e);
      expect(dropped).toBe(before + 1);
      expect(error).toMatchObject({ code: 'NODE_FAILED', tried: ['a'] });
      expect((error as Error).message).toContain('node a (tcp://127.0.0.1:');
      expect((error as Error).message).toContain('may have run; not retried since it is not idempotent');
      // The next call starts at b: skip it, so that the idempotent one starts at a again.
      await client.call(protocol, 'echo', { text: 'x' }, { module: 'm/a' });
      const routed = await client.call(protocol, 'echo', { text: 'y' }, { module: 'm/a', idempotent: true });
      expect(routed).toEqual({ response: 'b:y', nodeId: 'b', retries: 1 });
    });
  });

  it('sets a failing node aside after consecutive failures, then lets one probe through', async () => {
    let now = 1_000;
    await withCluster([node('a', endpoints.refused), node('b', endpoints.b)], async (client, membership) => {
      for (let i = 0; i < 6; i++) await client.call(protocol, 'echo', { text: 'x' }, { module: 'm/a' });
      expect(client.health('a')).toBe('open');
      // Open: only b is tried, so no call retries any more.
      const retries = client.stats().retries;
      for (let i = 0; i < 4; i++) await client.call(protocol, 'echo', { text: 'x' }, { module: 'm/a' });
      expect(client.stats().retries).toBe(retries);
      // After openMs, one probe; the node is back up at a working endpoint: it closes again.
      now += 5_000;
      expect(client.health('a')).toBe('half-open');
      membership.set([node('a', endpoints.a), node('b', endpoints.b)]);
      const answers = [];
      for (let i = 0; i < 2; i++) answers.push((await client.call(protocol, 'echo', { text: 'x' }, { module: 'm/a' })).nodeId);
      expect(answers.sort()).toEqual(['a', 'b']);
      expect(client.health('a')).toBe('closed');
    }, { breaker: { failures: 2, openMs: 5_000 }, now: () => now });
  });

  it('fails clearly when every node offering the module failed', async () => {
    await withCluster([node('a', endpoints.refused), node('b', endpoints.refused)], async (client) => {
      const error = await client.call(protocol, 'echo', { text: 'x' }, { module: 'm/a' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ALL_FAILED', tried: ['a', 'b'] });
      expect((error as Error).message).toMatch(/^all nodes offering module m\/a failed: a \(tcp:\/\/127\.0\.0\.1:\d+\): cannot connect to .*ECONNREFUSED; b /);
    });
  });

  it('never hangs: a call that gets no answer fails at its deadline', async () => {
    await withCluster([node('a', endpoints.a)], async (client) => {
      const started = Date.now();
      const error = await client.call(protocol, 'hang', {}, { timeoutMs: 300 }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(error).toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('no answer within 300 ms') });
      // A slow node is not a broken one.
      expect(client.health('a')).toBe('closed');
    });
  });

  it('a membership that never becomes ready fails the call at its deadline', async () => {
    const client = new ClusterClient(new FakeMembership([], new Promise(() => undefined)), { timeoutMs: 200 });
    await expect(client.call(protocol, 'echo', { text: 'x' })).rejects.toMatchObject({ code: 'TIMEOUT', message: 'protocol t.Echo: cluster membership not known within 200 ms' });
    await client.close();
  });
});

describe('load balancers', () => {
  const nodes = ['c', 'a', 'b'].map((id) => node(id, 'tcp://127.0.0.1:1'));
  it('round-robin rotates per key, in nodeId order whatever order membership gives', () => {
    const rr = new RoundRobin();
    expect([0, 1, 2, 3].map(() => rr.order('k', nodes)[0].nodeId)).toEqual(['a', 'b', 'c', 'a']);
    expect(rr.order('other', nodes).map((n) => n.nodeId)).toEqual(['a', 'b', 'c']);
  });
  it('least-inflight prefers the idlest node and rotates among ties', () => {
    const li = new LeastInflight();
    const load: Record<string, number> = { a: 3, b: 0, c: 0 };
    const firsts = [0, 1, 2, 3].map(() => li.order('k', nodes, (id) => load[id])[0].nodeId);
    expect(firsts).toEqual(['b', 'b', 'c', 'b']);
    expect(li.order('k', nodes, (id) => load[id]).at(-1)!.nodeId).toBe('a');
  });
});

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures, half-opens after T ms for one probe, and re-opens if the probe fails', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failures: 3, openMs: 100, now: () => now });
    breaker.failure();
    breaker.failure();
    breaker.success();
    breaker.failure();
    breaker.failure();
    expect(breaker.state).toBe('closed');
    breaker.failure();
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    now = 100;
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.failure();
    expect(breaker.state).toBe('open');
    now = 200;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });
});
