/**
 * Cluster connections against real discovery: nodes (in this process, over their sockets) that
 * register in etcd (a real etcd on loopback; skipped without Debian's etcd-server) or join a
 * registry node. Joins, departures, heartbeats, a discovery that goes away, and cluster.change
 * coalescing counted in events.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterNode } from '../../../../shared/studio/api.js';
import { ETCD, removeDir, startEtcd, type Etcd } from '../../../../test/cluster/harness.js';
import { connectEtcd, DEFAULT_PREFIX } from '../../cluster/etcd-client.js';
import { startNode, type RunningNode, type NodeOptions } from '../../node.js';
import { openHarness, statusOf, until, type Harness } from './test-support.js';

const FAST: NodeOptions = { heartbeatMs: 150, ttlMs: 1000, watchModules: false, httpPort: 0 };
const ids = (nodes: ClusterNode[]) => nodes.map((n) => n.nodeId);

describe.skipIf(!existsSync(ETCD))(`an etcd cluster (needs ${ETCD})`, () => {
  let h: Harness;
  let etcd: Etcd;
  let url: string;
  const nodes: RunningNode[] = [];
  const start = async (id: string) => {
    const node = await startNode({ ...FAST, nodeId: id, dataDir: path.join(h.dir, 'data', id), discovery: etcd.url });
    nodes.push(node);
    return node;
  };

  beforeAll(async () => {
    h = await openHarness();
    etcd = await startEtcd();
    url = etcd.url.replace(/^etcd:/, 'http:');
    await start('e1');
    await start('e2');
  }, 30_000);
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.close()));
    await h?.close();
    await etcd?.stop();
    if (etcd) await removeDir(etcd.dataDir);
  });

  const listed = async () => ids(await h.manager.api.cluster.nodes('etcd'));

  it('lists the members, then joins, departures and heartbeats as they happen', async () => {
    await h.manager.api.connections.save({ id: 'etcd', name: 'etcd cluster', kind: 'etcd', url });
    await until('e1 and e2', async () => (await listed()).join() === 'e1,e2');
    expect(await statusOf(h.manager, 'etcd')).toMatchObject({ state: 'connected', kind: 'etcd', url });
    const [e1] = await h.manager.api.cluster.nodes('etcd');
    expect(e1).toMatchObject({ connectionId: 'etcd', nodeId: 'e1', endpoint: nodes[0].http!.url, health: 'up' });
    expect(Object.values(e1.drift)).toEqual(['same', 'same', 'same', 'same', 'same']);

    const e3 = await start('e3');
    await until('e3 joined', async () => (await listed()).includes('e3'));
    await until('a cluster.change with e3', () => h.clusterEvents.some((e) => e.connectionId === 'etcd' && ids(e.nodes).includes('e3')));
    await e3.close();
    await until('e3 left', async () => !(await listed()).includes('e3'));
    await until('a cluster.change without e3', () => h.clusterEvents.at(-1)?.connectionId === 'etcd' && !ids(h.clusterEvents.at(-1)!.nodes).includes('e3'));

    // Heartbeats reach the renderer too (coalesced), though membership did not change.
    const beat = e1.lastHeartbeat;
    await until('a newer heartbeat of e1 in an event', () => h.clusterEvents.some((e) => e.nodes.some((n) => n.nodeId === 'e1' && n.lastHeartbeat > beat)));
  });

  it('coalesces: a hundred members registering at once reach listeners in one event, never half of them', async () => {
    const client = connectEtcd(etcd.url);
    try {
      const info = (i: number) => JSON.stringify({ nodeId: `bulk-${String(i).padStart(3, '0')}`, endpoint: `http://127.0.0.1:${20000 + i}`, availableModules: ['spl/data/read'], capabilities: {}, lastHeartbeat: Date.now(), protocols: [] });
      const start = h.clusterEvents.length;
      // One transaction (etcd allows 128 operations in one): one watch response of 100 puts.
      await client.if(`${DEFAULT_PREFIX}bulk-000`, 'Version', '==', 0).then(...Array.from({ length: 100 }, (_, i) => client.put(`${DEFAULT_PREFIX}bulk-${i}`).value(info(i)))).commit();
      await until('all hundred listed', async () => (await listed()).filter((id) => id.startsWith('bulk-')).length === 100);
      await until('an event with all hundred', () => h.clusterEvents.slice(start).some((e) => ids(e.nodes).filter((id) => id.startsWith('bulk-')).length === 100));
      const counts = h.clusterEvents.slice(start).filter((e) => e.connectionId === 'etcd').map((e) => ids(e.nodes).filter((id) => id.startsWith('bulk-')).length);
      expect(counts.filter((c) => c > 0 && c < 100)).toEqual([]);

      const before = h.clusterEvents.length;
      await client.delete().prefix(`${DEFAULT_PREFIX}bulk-`);
      await until('the hundred gone', async () => (await listed()).join() === 'e1,e2');
      await until('an event without them', () => h.clusterEvents.slice(before).some((e) => ids(e.nodes).join() === 'e1,e2'));
      const after = h.clusterEvents.slice(before).map((e) => ids(e.nodes).filter((id) => id.startsWith('bulk-')).length);
      expect(after.filter((c) => c > 0 && c < 100)).toEqual([]);
    } finally {
      client.close();
    }
  });

  it('says when etcd stops answering, keeps the last members, and recovers when it is back', async () => {
    await etcd.stop();
    const status = await until('an etcd error', async () => (await statusOf(h.manager, 'etcd'))?.state === 'error' && statusOf(h.manager, 'etcd'));
    expect(status!.error).toMatch(new RegExp(`^etcd at ${url.replace(/[.]/g, '\\.')} does not answer .*the nodes are shown as last known`));
    expect(await listed()).toEqual(['e1', 'e2']);
    etcd = await startEtcd(Number(new URL(url).port), etcd.dataDir);
    await until('connected again', async () => (await statusOf(h.manager, 'etcd'))?.state === 'connected');
    await until('e1 and e2 still there', async () => (await listed()).join() === 'e1,e2');
  }, 30_000);

  it('reports an etcd that is not there from the start, naming the URL', async () => {
    await h.manager.api.connections.save({ id: 'no-etcd', name: 'nowhere', kind: 'etcd', url: 'http://127.0.0.1:1' });
    const status = await until('an error', async () => (await statusOf(h.manager, 'no-etcd'))?.state === 'error' && statusOf(h.manager, 'no-etcd'));
    expect(status!.error).toMatch(/^cannot read the cluster's members from etcd at http:\/\/127\.0\.0\.1:1: .*Check that etcd is running/);
    await h.manager.api.connections.remove('no-etcd');
  });
});

describe('a registry cluster', () => {
  let h: Harness;
  let registry: RunningNode;
  let registryPort: number;
  const members: RunningNode[] = [];

  beforeAll(async () => {
    h = await openHarness();
    registry = await startNode({ ...FAST, nodeId: 'reg', dataDir: path.join(h.dir, 'data', 'reg') });
    registryPort = registry.http!.port;
    for (const id of ['m1', 'm2']) members.push(await startNode({ ...FAST, nodeId: id, tcpPort: 0, dataDir: path.join(h.dir, 'data', id), join: registry.http!.url }));
  });
  afterAll(async () => {
    await Promise.all([...members, registry].map((n) => n.close()));
    await h?.close();
  });

  const listed = async () => ids(await h.manager.api.cluster.nodes('reg'));

  it('lists the registry and its members, sees one leave, and follows heartbeats', async () => {
    await h.manager.api.connections.save({ id: 'reg', name: 'Registry', kind: 'registry', url: registry.http!.url });
    await until('reg, m1, m2', async () => (await listed()).join() === 'm1,m2,reg');
    expect(await statusOf(h.manager, 'reg')).toMatchObject({ state: 'connected', kind: 'registry' });
    const m1 = (await h.manager.api.cluster.nodes('reg'))[0];
    expect(m1).toMatchObject({ nodeId: 'm1', endpoint: members[0].http!.url, health: 'up' });
    // The members' modules and protocols come from the registry, and describe works through them.
    const description = await h.manager.api.describe.node('reg', 'm1');
    expect(description.protocols.map((p) => p.drift)).toEqual(['same', 'same', 'same', 'same', 'same']);

    await until('a newer heartbeat of m1 in an event', () => h.clusterEvents.some((e) => e.nodes.some((n) => n.nodeId === 'm1' && n.lastHeartbeat > m1.lastHeartbeat)));

    await members.pop()!.close();
    // m2 stops heartbeating and expires after the registry's TTL.
    await until('m2 expired', async () => (await listed()).join() === 'm1,reg');
    expect(h.clusterEvents.at(-1)).toMatchObject({ connectionId: 'reg' });
  });

  it('says when the registry stops answering, and recovers when it is back', async () => {
    await registry.close();
    const status = await until('a registry error', async () => (await statusOf(h.manager, 'reg'))?.state === 'error' && statusOf(h.manager, 'reg'));
    expect(status!.error).toMatch(new RegExp(`^cannot list the cluster's nodes: cannot reach ${registry.http!.url.replace(/[.]/g, '\\.')}.*Check that the node is running.*\\(the nodes are shown as last known\\)$`));
    expect(await listed()).toEqual(['m1', 'reg']);
    registry = await startNode({ ...FAST, nodeId: 'reg', httpPort: registryPort, dataDir: path.join(h.dir, 'data', 'reg') });
    await until('connected again', async () => (await statusOf(h.manager, 'reg'))?.state === 'connected');
    // m1 registers again on its next heartbeat (the new registry answers NODE_NOT_FOUND).
    await until('m1 back', async () => (await listed()).join() === 'm1,reg');
  });
});
