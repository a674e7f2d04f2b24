/**
 * The cluster with real nodes on loopback (in this process, each with its own sockets):
 * registry join, expiry, registry restart, executeRemote with the trace id, /metrics, and
 * etcd membership with etcd restarts (etcd started here; skipped without /usr/bin/etcd).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type RunningNode } from '../node.js';
import type { CallLogEntry } from '../rpc/middleware/logging.js';
import { loadDefinition } from '../definitions.js';
import { clientFor } from './endpoint-client.js';
import { EtcdMembership } from './etcd-membership.js';

const FAST = { heartbeatMs: 200, ttlMs: 800, watchModules: false };

async function until<T>(what: string, probe: () => T | undefined | false, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = probe();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const ids = (node: RunningNode) => node.cluster.nodes().map((n) => n.nodeId);

describe('registry cluster', () => {
  let dir: string;
  let registry: RunningNode;
  const members: RunningNode[] = [];
  const logs = new Map<string, CallLogEntry[]>();
  const logTo = (id: string) => (entry: CallLogEntry) => logs.set(id, [...(logs.get(id) ?? []), entry]);
  let registryPort = 0;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spl-cluster-'));
    registry = await startNode({ ...FAST, nodeId: 'reg', httpPort: 0, dataDir: path.join(dir, 'reg'), logCalls: logTo('reg') });
    registryPort = registry.http!.port;
    for (const id of ['a', 'b', 'c']) {
      members.push(await startNode({ ...FAST, nodeId: id, httpPort: 0, tcpPort: 0, dataDir: path.join(dir, id), join: registry.http!.url, logCalls: logTo(id), moduleDirs: id === 'c' ? ['assets/modules'] : [] }));
    }
  });
  afterAll(async () => {
    await Promise.all([registry, ...members].map((n) => n.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the members that joined, with endpoint, modules and protocol hashes', async () => {
    await until('three members', () => ids(registry).length === 4);
    const client = clientFor(registry.http!.url, await loadDefinition('node'));
    const listed = (await client.call('listNodes', {})) as { nodeId: string; endpoint: string; availableModules: string[]; protocols: { name: string; md5: Buffer }[] }[];
    await client.channel.close();
    expect(listed.map((n) => n.nodeId)).toEqual(['a', 'b', 'c', 'reg']);
    const a = listed.find((n) => n.nodeId === 'a')!;
    expect(a.endpoint).toBe(members[0].http!.url);
    expect(a.availableModules).toContain('spl/data/write');
    expect(a.protocols.map((p) => p.name)).toContain('spl.node.SPLNodeService');
    expect(a.protocols[0].md5).toHaveLength(16);
    // Members see the whole cluster through the registry too.
    await until('a sees all', () => ids(members[0]).length === 4);
  });

  it('runs a module on a named node and passes the trace id along', async () => {
    const client = clientFor(members[0].http!.url, await loadDefinition('node'));
    const request = { module: 'spl/data/topics', headers: {}, value: null, schema: null };
    const response = (await client.call('executeRemote', { request: { targetNode: { string: 'b' }, request, timeout: null } }, { meta: { 'spl.trace': Buffer.from('trace-42') } })) as { status: string };
    await client.channel.close();
    expect(response.status).not.toBe('ERROR');
    const atB = logs.get('b')!.find((e) => e.message === 'execute');
    expect(atB).toMatchObject({ protocol: 'spl.execute.SPLExecuteService', traceId: 'trace-42', outcome: 'ok' });
    expect(logs.get('a')!.find((e) => e.message === 'executeRemote')).toMatchObject({ traceId: 'trace-42' });
  });

  it('auto-routes to a node that offers the module, and says so when none does', async () => {
    const client = clientFor(members[0].http!.url, await loadDefinition('node'));
    const request = { module: 'apps/analytics/count-words', headers: {}, value: { string: '{"words": ["a", "b"], "ignoreCase": false}' }, schema: null };
    await until('c\'s modules', () => members[0].cluster.nodes().find((n) => n.nodeId === 'c')?.availableModules.includes('apps/analytics/count-words'));
    await client.call('executeRemote', { request: { targetNode: null, request, timeout: { int: 5000 } } }, { meta: { 'spl.trace': Buffer.from('auto-1') } });
    expect(logs.get('c')!.some((e) => e.message === 'execute' && e.traceId === 'auto-1')).toBe(true);
    await expect(client.call('executeRemote', { request: { targetNode: null, request: { ...request, module: 'no/such/module' }, timeout: null } })).rejects.toMatchObject({ value: { code: 'MODULE_NOT_FOUND' } });
    await expect(client.call('executeRemote', { request: { targetNode: { string: 'zz' }, request, timeout: null } })).rejects.toMatchObject({ value: { code: 'NODE_NOT_FOUND' } });
    await client.channel.close();
  });

  it('serves /metrics in Prometheus text', async () => {
    const response = await fetch(`${members[0].http!.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(/^spl_node_info\{node_id="a"\} 1$/m);
    expect(text).toMatch(/^spl_connections_open\{transport="http"\} \d+$/m);
    expect(text).toMatch(/^spl_cluster_nodes 4$/m);
    expect(text).toMatch(/^spl_rpc_calls_total\{protocol="spl.node.SPLNodeService",message="executeRemote",outcome="ok"\} \d+$/m);
    expect(text).toMatch(/^spl_rpc_call_duration_seconds_bucket\{protocol="spl.node.SPLNodeService",message="executeRemote",le="\+Inf"\} \d+$/m);
    // Every sample line is `name{labels} value`.
    for (const line of text.trim().split('\n').filter((l) => !l.startsWith('#'))) expect(line).toMatch(/^[a-z_]+(\{[^}]*\})? [0-9.e+-]+$/);
    expect((await fetch(`${members[0].http!.url}/nothing`)).status).toBe(405);
  });

  it('drops a member that stops heartbeating within the TTL, and rebuilds after a registry restart', async () => {
    const gone = members.pop()!;
    const stoppedAt = Date.now();
    // Stop heartbeats without deregistering: close the cluster side only, as a crash would.
    await gone.cluster.close();
    await until('c expired', () => !ids(registry).includes('c'), 3000);
    expect(Date.now() - stoppedAt).toBeLessThan(FAST.ttlMs + 1000);
    await gone.close();

    await registry.close();
    registry = await startNode({ ...FAST, nodeId: 'reg', httpPort: registryPort, dataDir: path.join(dir, 'reg') });
    const restartedAt = Date.now();
    await until('view rebuilt', () => ids(registry).length === 3, 3000);
    expect(Date.now() - restartedAt).toBeLessThan(FAST.heartbeatMs * 2 + 500);
  });
});

const ETCD = '/usr/bin/etcd';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(!existsSync(ETCD))(`etcd cluster (needs ${ETCD}, Debian's etcd-server)`, () => {
  let dir: string;
  let etcd: ChildProcess | undefined;
  let clientPort = 0;
  let peerPort = 0;
  const nodes: RunningNode[] = [];

  const startEtcd = async (dataDir: string) => {
    const client = `http://127.0.0.1:${clientPort}`;
    const peer = `http://127.0.0.1:${peerPort}`;
    etcd = spawn(ETCD, ['--name', 'test', '--data-dir', dataDir, '--listen-client-urls', client, '--advertise-client-urls', client, '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer, '--initial-cluster', `test=${peer}`], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const ok = await fetch(`${client}/health`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('etcd did not start');
  };
  const stopEtcd = async () => {
    const child = etcd;
    etcd = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spl-etcd-'));
    [clientPort, peerPort] = [await freePort(), await freePort()];
    await startEtcd(path.join(dir, 'etcd-1'));
    for (const id of ['e1', 'e2', 'e3']) nodes.push(await startNode({ ...FAST, ttlMs: 2000, nodeId: id, httpPort: 0, dataDir: path.join(dir, id), discovery: `etcd://127.0.0.1:${clientPort}` }));
  }, 30_000);
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.close()));
    await stopEtcd();
    await rm(dir, { recursive: true, force: true });
  });

  it('registers every node under /spl/nodes/ and each node sees all', async () => {
    await until('e1 sees three', () => ids(nodes[0]).length === 3);
    const membership = new EtcdMembership({ url: `etcd://127.0.0.1:${clientPort}` });
    await membership.ready();
    expect(membership.nodes().map((n) => n.nodeId)).toEqual(['e1', 'e2', 'e3']);
    await membership.close();
  });

  it('drops a node that leaves, and registers again after etcd loses everything', async () => {
    // A clean close revokes the lease; a crash (kill -9) leaves it to expire: the process tests cover that.
    const gone = nodes.pop()!;
    const stoppedAt = Date.now();
    await gone.close();
    await until('e3 gone', () => !ids(nodes[0]).includes('e3'), 5000);
    expect(Date.now() - stoppedAt).toBeLessThan(3000 + 1000);

    await stopEtcd();
    await startEtcd(path.join(dir, 'etcd-2'));
    const restartedAt = Date.now();
    const membership = new EtcdMembership({ url: `etcd://127.0.0.1:${clientPort}` });
    await membership.ready();
    await until('both back', () => membership.nodes().length === 2, 15_000);
    console.log(`etcd restart (data lost): members back after ${Date.now() - restartedAt} ms`);
    await membership.close();
  }, 30_000);
});
