/**
 * SPLNodeService.describeNode on a real node (in this process, over its sockets): the node as it
 * would register, whether or not it is in a cluster, and the very description its agents register.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../cluster/endpoint-client.js';
import { fromValue } from '../cluster/node-info.js';
import { loadDefinition } from '../definitions.js';
import { startNode, type RunningNode } from '../node.js';

describe('SPLNodeService.describeNode', () => {
  let dir: string;
  let registry: RunningNode;
  let lone: RunningNode;
  let member: RunningNode;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spl-describe-node-'));
    lone = await startNode({ nodeId: 'lone', httpPort: 0, tcpPort: 0, dataDir: path.join(dir, 'lone'), moduleDirs: ['assets/modules'], watchModules: false });
    registry = await startNode({ nodeId: 'reg', httpPort: 0, dataDir: path.join(dir, 'reg'), watchModules: false, heartbeatMs: 200, ttlMs: 2000 });
    member = await startNode({ nodeId: 'member', tcpPort: 0, dataDir: path.join(dir, 'member'), watchModules: false, join: registry.http!.url, heartbeatMs: 200, ttlMs: 2000 });
  });
  afterAll(async () => {
    await Promise.all([lone, member, registry].map((n) => n?.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('answers on a node in no cluster, over HTTP and TCP, with its id, endpoint, modules, capabilities and protocols', async () => {
    const protocol = await loadDefinition('node');
    for (const endpoint of [lone.http!.url, lone.tcp!.url]) {
      const client = clientFor(endpoint, protocol);
      const before = Date.now();
      const info = fromValue(await client.call('describeNode', {}));
      const after = Date.now();
      await client.channel.close();
      expect(info.nodeId).toBe('lone');
      expect(info.endpoint).toBe(lone.http!.url);
      expect(info.availableModules).toEqual(expect.arrayContaining(['spl/data/write', 'tools/text/uppercase', 'apps/analytics/count-words']));
      expect(info.capabilities).toMatchObject({ http: lone.http!.url, tcp: lone.tcp!.url });
      expect(info.protocols).toEqual(lone.server.protocols.map((p) => ({ name: p.fullName, md5: p.hashKey })));
      expect(info.protocols.map((p) => p.name)).toContain('spl.node.SPLNodeService');
      // "lastHeartbeat is now": taken while answering.
      expect(info.lastHeartbeat).toBeGreaterThanOrEqual(before);
      expect(info.lastHeartbeat).toBeLessThanOrEqual(after);
    }
  });

  it('is what the node registers: the registry lists the member as the member describes itself', async () => {
    const protocol = await loadDefinition('node');
    const toMember = clientFor(member.tcp!.url, protocol);
    const toRegistry = clientFor(registry.http!.url, protocol);
    const self = fromValue(await toMember.call('describeNode', {}));
    let listed;
    for (let i = 0; i < 200 && !listed; i++) {
      listed = ((await toRegistry.call('listNodes', {})) as unknown[]).map(fromValue).find((n) => n.nodeId === 'member');
      if (!listed) await new Promise((r) => setTimeout(r, 25));
    }
    await Promise.all([toMember.channel.close(), toRegistry.channel.close()]);
    const { lastHeartbeat: _a, ...described } = self;
    const { lastHeartbeat: _b, ...registered } = listed!;
    expect(registered).toEqual(described);
    expect(described.endpoint).toBe(member.tcp!.url);
  });
});
