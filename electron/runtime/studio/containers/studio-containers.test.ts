/**
 * StudioContainers without Podman, through a real connection manager to real nodes on loopback:
 * one started without an engine (every request refused, saying how to give it one), one given
 * a stand-in engine (test-engine.ts) for listings and the engine's refusals, and an Avro server
 * that serves no SPLContainerService. test/studio-containers.test.ts runs real containers.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProtocolJson } from '../../../../shared/avro/schema-reader.js';
import { StudioError } from '../../../../shared/studio/api.js';
import { startNode, type RunningNode } from '../../node.js';
import { RpcServer } from '../../rpc/server.js';
import { serveTcp } from '../../rpc/tcp.js';
import type { Listening } from '../../rpc/http.js';
import { openHarness, rejection, until, type Harness } from '../connections/test-support.js';
import { StudioContainers } from './studio-containers.js';
import { TestEngine } from './test-engine.js';

const COUNTER = { protocol: 'Counter', namespace: 'org.example', messages: { add: { request: [{ name: 'a', type: 'int' }, { name: 'b', type: 'int' }], response: 'int' } } };
const ID = 'd00dfeed0123456789abcdef0123456789abcdef0123456789abcdef01234567';

describe('StudioContainers without Podman', () => {
  let h: Harness;
  let engine: TestEngine;
  let bare: RunningNode;
  let host: RunningNode;
  let counter: Listening;
  let containers: StudioContainers;

  beforeAll(async () => {
    h = await openHarness();
    engine = await TestEngine.start();
    const data = (id: string) => path.join(h.dir, 'data', id);
    bare = await startNode({ nodeId: 'bare', httpPort: 0, dataDir: data('bare'), watchModules: false });
    host = await startNode({ nodeId: 'host', httpPort: 0, tcpPort: 0, dataDir: data('host'), token: 't0ken', watchModules: false, containerEngine: engine.url });
    const rpc = new RpcServer();
    rpc.addService(readProtocolJson(JSON.stringify(COUNTER), { file: 'counter.avpr' }), { add: ({ a, b }) => (a as number) + (b as number) });
    counter = await serveTcp(rpc, { port: 0 });
    await h.manager.api.connections.save({ id: 'bare', name: 'Bare', kind: 'node', url: bare.http!.url });
    await h.manager.api.connections.save({ id: 'host', name: 'Host over TCP', kind: 'node', url: host.tcp!.url }, { token: 't0ken' });
    await h.manager.api.connections.save({ id: 'counter', name: 'Counter', kind: 'node', url: counter.url });
    for (const id of ['bare', 'host', 'counter']) await until(`${id} up`, async () => (await h.manager.api.cluster.nodes(id))[0]?.health === 'up');
    containers = new StudioContainers({ targets: h.manager });
  });

  afterAll(async () => {
    await containers?.close();
    await h?.close();
    await Promise.all([bare, host].map((n) => n?.close()));
    await counter?.close();
    await engine?.close();
  });

  it('says how to give a node an engine, for list, start and stop alike (invalid-argument)', async () => {
    const api = containers.api.containers;
    for (const request of [api.list('bare', 'bare'), api.start('bare', 'bare', 'localhost/spl-node:0.1.0', {}), api.stop('bare', 'bare', 'spl-0123')]) {
      const error = await rejection(request);
      expect(error).toBeInstanceOf(StudioError);
      expect(error).toMatchObject({ code: 'invalid-argument' });
      expect(error.message).toMatch(/^containers\.(list|start|stop): .*node 'bare' of connection 'bare': \[CONTAINER_ENGINE_UNAVAILABLE\] node bare has no container engine: start it with --container-engine unix:\/\/\/PATH\.sock/);
    }
  });

  it('lists a node\'s containers as ContainerSummary, over TCP with the connection\'s token', async () => {
    engine.containers = [
      { id: ID, image: 'localhost/spl-node:0.1.0', endpoint: 'http://127.0.0.1:7410', created: 1_700_000_123 },
      { id: 'e'.repeat(64), state: 'exited' },
    ];
    expect(await containers.api.containers.list('host', 'host')).toEqual([
      { containerId: ID, image: 'localhost/spl-node:0.1.0', status: 'running', exposedServices: ['spl.node.SPLNodeService'], createdAt: 1_700_000_123_000, endpoint: 'http://127.0.0.1:7410' },
      { containerId: 'e'.repeat(64), image: 'localhost/spl-node:test', status: 'exited', exposedServices: ['spl.node.SPLNodeService'], createdAt: 1_700_000_000_000, endpoint: null },
    ]);
  });

  it('passes the node\'s refusals on with their codes: a missing container, a missing image, a bad setting', async () => {
    const api = containers.api.containers;
    const missing = await rejection(api.stop('host', 'host', 'no-such'));
    expect(missing).toMatchObject({ code: 'not-found', message: expect.stringMatching(/^containers\.stop: container 'no-such' on node 'host' of connection 'host': \[CONTAINER_NOT_FOUND\] no container 'no-such' .*see listContainers/) });
    const image = await rejection(api.start('host', 'host', 'localhost/spl-node:0.0.0-missing', {}));
    expect(image).toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('[IMAGE_NOT_FOUND] the container engine at') });
    expect(image.message).toContain('node scripts/build-node-image.mjs');
    const setting = await rejection(api.start('host', 'host', 'localhost/spl-node:0.1.0', { network: 'spl' }));
    expect(setting).toMatchObject({ code: 'invalid-argument', message: expect.stringContaining("[INVALID_REQUEST] startContainer does not take config key 'network'") });
    const id = await rejection(api.stop('host', 'host', '../etc'));
    expect(id).toMatchObject({ code: 'invalid-argument', message: expect.stringContaining("[INVALID_REQUEST] '../etc' is not a container id or name") });
  });

  it('names the node and connection it cannot find, and a server that serves no containers', async () => {
    expect(await rejection(containers.api.containers.list('nowhere', 'n1'))).toMatchObject({ code: 'not-found', message: expect.stringContaining("no connection 'nowhere'") });
    expect(await rejection(containers.api.containers.list('host', 'n1'))).toMatchObject({ code: 'not-found', message: expect.stringContaining("connection 'host' has no node 'n1'; its nodes are host") });
    expect(await rejection(containers.api.containers.list('counter', counter.url))).toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('does not serve spl.container.SPLContainerService; it serves org.example.Counter'),
    });
  });

  it('takes no requests once closed', async () => {
    const closed = new StudioContainers({ targets: h.manager });
    await closed.close();
    expect(await rejection(closed.api.containers.list('host', 'host'))).toMatchObject({ code: 'internal', message: 'containers: the studio is shutting down; requests are no longer taken' });
  });
});
