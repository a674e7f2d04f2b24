/**
 * Container nodes in a connection, without Podman: a real node given a stand-in engine
 * (containers/test-engine.ts) that lists the containers the test sets, each pointing at a real
 * node on loopback as the node inside a container would be. The connection lists them beside
 * their host, describes each once, drops them when they stop, and asks only nodes that have an
 * engine. test/studio-containers.test.ts does the same with real containers.
 */
import path from 'node:path';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterNode } from '../../../../shared/studio/api.js';
import { startNode, type RunningNode } from '../../node.js';
import type { CallLogEntry } from '../../rpc/middleware/logging.js';
import { TestEngine } from '../containers/test-engine.js';
import { openHarness, until, type Harness } from './test-support.js';

const A = 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1b2';
const B = 'b0b1b2b3b4b5b6b7b8b9babbbcbdbebfb0b1b2b3b4b5b6b7b8b9babbbcbdbebf';

describe('ConnectionManager with container nodes', () => {
  let h: Harness;
  let engine: TestEngine;
  let host: RunningNode;
  let plain: RunningNode;
  let inside: RunningNode;
  /** An address nobody listens on: a container whose node is not answering. */
  let silent: string;
  const hostCalls: CallLogEntry[] = [];
  const plainCalls: CallLogEntry[] = [];
  const insideCalls: CallLogEntry[] = [];

  beforeAll(async () => {
    h = await openHarness();
    engine = await TestEngine.start();
    const data = (id: string) => path.join(h.dir, 'data', id);
    host = await startNode({ nodeId: 'host', httpPort: 0, dataDir: data('host'), token: 'host-secret', watchModules: false, containerEngine: engine.url, logCalls: (e) => hostCalls.push(e) });
    plain = await startNode({ nodeId: 'plain', httpPort: 0, dataDir: data('plain'), watchModules: false, logCalls: (e) => plainCalls.push(e) });
    inside = await startNode({ nodeId: 'inside', httpPort: 0, dataDir: data('inside'), moduleDirs: ['assets/modules'], watchModules: false, logCalls: (e) => insideCalls.push(e) });
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    silent = `http://127.0.0.1:${(probe.address() as net.AddressInfo).port}`;
    await new Promise((resolve) => probe.close(resolve));
  });

  afterAll(async () => {
    await h?.close();
    await Promise.all([host, plain, inside].map((n) => n?.close()));
    await engine?.close();
  });

  const nodes = (id: string) => h.manager.api.cluster.nodes(id);
  const nodeOf = async (id: string, nodeId: string): Promise<ClusterNode | undefined> => (await nodes(id)).find((n) => n.nodeId === nodeId);
  /** Waits for `count` more listings of the engine: that many polls of the host have happened. */
  const polls = async (count: number) => {
    const target = engine.listings + count;
    await until(`${count} more listings`, () => engine.listings >= target);
  };

  it('lists the running containers that have a node, after their host, described by their own node', async () => {
    engine.containers = [
      { id: A, endpoint: inside.http!.url, image: 'localhost/spl-node:0.1.0' },
      { id: B, endpoint: silent, state: 'exited' },
      { id: 'c'.repeat(64), state: 'running' },
    ];
    await h.manager.api.connections.save({ id: 'h', name: 'Host', kind: 'node', url: host.http!.url }, { token: 'host-secret' });
    const container = await until('the container node', async () => (await nodeOf('h', 'host/a1b2c3d4e5f6'))?.health === 'up' && nodeOf('h', 'host/a1b2c3d4e5f6'));
    expect(container).toMatchObject({
      connectionId: 'h',
      endpoint: inside.http!.url,
      health: 'up',
      container: { hostNodeId: 'host', containerId: A, image: 'localhost/spl-node:0.1.0', status: 'running' },
      capabilities: { http: inside.http!.url },
    });
    expect(container!.availableModules).toContain('tools/text/uppercase');
    expect(container!.protocols).toEqual(inside.server.protocols.map((p) => ({ name: p.fullName, md5: p.hashKey })));
    expect(container!.drift['spl.node.SPLNodeService']).toBe('same');
    // The exited one and the one without a node are not nodes; the host comes first.
    expect((await nodes('h')).map((n) => n.nodeId)).toEqual(['host', 'host/a1b2c3d4e5f6']);
    expect((await nodeOf('h', 'host'))!.container).toBeUndefined();
    // The renderer hears of it as of any node.
    await until('a cluster.change with the container node', () => h.clusterEvents.some((e) => e.connectionId === 'h' && e.nodes.some((n) => n.nodeId === 'host/a1b2c3d4e5f6')));
  });

  it('describes a container node once while it runs, and again when it comes back', async () => {
    const described = () => insideCalls.filter((c) => c.message === 'describeNode').length;
    const before = described();
    await polls(3);
    expect(described()).toBe(before);

    engine.containers = engine.containers.map((c) => (c.id === A ? { ...c, state: 'paused' } : c));
    await until('the paused container gone', async () => !(await nodeOf('h', 'host/a1b2c3d4e5f6')));
    engine.containers = engine.containers.map((c) => (c.id === A ? { ...c, state: 'running' } : c));
    await until('the container back', async () => (await nodeOf('h', 'host/a1b2c3d4e5f6'))?.health === 'up');
    expect(described()).toBe(before + 1);
  });

  it('reaches a container node without the connection\'s token, for calls, descriptions and modules', async () => {
    expect((await h.manager.resolveTarget('h', 'host')).token).toBe('host-secret');
    const target = await h.manager.resolveTarget('h', 'host/a1b2c3d4e5f6');
    expect(target).toMatchObject({ connectionName: 'Host', endpoint: inside.http!.url });
    expect(target.token).toBeUndefined();
    expect((await target.protocol('spl.execute.SPLExecuteService')).fullName).toBe('spl.execute.SPLExecuteService');

    const description = await h.manager.api.describe.node('h', 'host/a1b2c3d4e5f6');
    expect(description).toMatchObject({ nodeId: 'host/a1b2c3d4e5f6', endpoint: inside.http!.url });
    expect(description.protocols.map((p) => p.name).sort()).toEqual(inside.server.protocols.map((p) => p.fullName).sort());
    const modules = await h.manager.api.describe.modules('h', 'host/a1b2c3d4e5f6');
    expect(modules.map((m) => m.module)).toContain('tools/text/uppercase');
  });

  it('shows a container whose node does not answer as unreachable, saying why', async () => {
    engine.containers = [...engine.containers, { id: B, endpoint: silent }];
    const node = await until('the silent container', async () => nodeOf('h', 'host/b0b1b2b3b4b5'));
    expect(node).toMatchObject({ endpoint: silent, health: 'unreachable', protocols: [], availableModules: [], container: { containerId: B, status: 'running' } });
    expect(node!.healthError).toMatch(new RegExp(`^cannot reach ${silent}: `));
  });

  it('drops a container node when its container stops', async () => {
    engine.containers = engine.containers.filter((c) => c.id !== A);
    await until('the stopped container gone', async () => !(await nodeOf('h', 'host/a1b2c3d4e5f6')));
    expect((await nodes('h')).map((n) => n.nodeId)).toEqual(['host', 'host/b0b1b2b3b4b5']);
    await expect(h.manager.resolveTarget('h', 'host/a1b2c3d4e5f6')).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining("its nodes are host, host/b0b1b2b3b4b5") });
  });

  it('asks only nodes that have an engine for their containers', async () => {
    await h.manager.api.connections.save({ id: 'p', name: 'Plain', kind: 'node', url: plain.http!.url });
    await until('the plain node', async () => (await nodeOf('p', 'plain'))?.health === 'up');
    // Several polls of both connections: the plain node is described each time, never asked for containers.
    const described = () => plainCalls.filter((c) => c.message === 'describeNode').length;
    const seen = described();
    await until('three more polls of the plain node', () => described() >= seen + 3);
    await polls(1);
    expect(plainCalls.filter((c) => c.protocol === 'spl.container.SPLContainerService')).toEqual([]);
    expect((await nodes('p')).map((n) => n.nodeId)).toEqual(['plain']);
    // The host was asked with its token, over its own protocol.
    expect(hostCalls.some((c) => c.protocol === 'spl.container.SPLContainerService' && c.message === 'listContainers' && c.outcome === 'ok')).toBe(true);
  });

  it('keeps the container nodes as last known while the host cannot list them, and says so once', async () => {
    const listed = engine.listings;
    await engine.close();
    const refused = () => hostCalls.filter((c) => c.message === 'listContainers' && c.outcome === 'declared-error').length;
    await until('three refused listings', () => refused() >= 3);
    expect(engine.listings).toBe(listed);
    expect((await nodes('h')).map((n) => n.nodeId)).toEqual(['host', 'host/b0b1b2b3b4b5']);
    const logged = h.logs.filter((l) => l.includes("cannot list the containers of node 'host'"));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`no container engine socket at ${engine.url}`);
    expect(logged[0]).toContain('its container nodes are shown as last known');
  });

  it('stops asking the host when the connection goes', async () => {
    await h.manager.api.connections.remove('h');
    expect(h.clusterEvents.filter((e) => e.connectionId === 'h').at(-1)).toEqual({ connectionId: 'h', nodes: [] });
    const asked = hostCalls.length;
    const described = () => plainCalls.filter((c) => c.message === 'describeNode').length;
    const seen = described();
    await until('three more polls of the plain node', () => described() >= seen + 3);
    expect(hostCalls.length).toBe(asked);
  });
});
