/**
 * The studio and real containers: a node given Podman's engine (`podman system service` on a
 * socket of this test's own), in a lone-node connection of a real ConnectionManager; the studio
 * starts the SPL node image (scripts/build-node-image.mjs) on it, lists it, sees the node inside
 * join the connection with its protocols, calls that node through the CallService's targets,
 * and stops it. Skipped, saying how to install it, where Podman is absent.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterNode } from '../shared/studio/api.js';
import { MANAGED_BY_LABEL } from '../electron/runtime/containers/labels.js';
import { nodeImage, splNodeServices } from '../electron/runtime/containers/node-image.js';
import { startNode, type RunningNode } from '../electron/runtime/node.js';
import { CallService } from '../electron/runtime/studio/calls/call-service.js';
import { HistoryStore } from '../electron/runtime/studio/calls/history-store.js';
import { openHarness, until, type Harness } from '../electron/runtime/studio/connections/test-support.js';
import { StudioContainers } from '../electron/runtime/studio/containers/studio-containers.js';
import { buildNodeImage, containersLabelled, hasPodman, podman, podmanSuite, startPodmanService, type PodmanService } from './support/podman.js';

const title = podmanSuite('The studio with containers on Podman', 'test/studio-containers.test.ts');

describe.skipIf(!hasPodman)(title, () => {
  const image = nodeImage();
  const hostId = `studio-host-${randomBytes(3).toString('hex')}`;
  let dir: string | undefined;
  let engine: PodmanService | undefined;
  let host: RunningNode | undefined;
  let h: Harness | undefined;
  let history: HistoryStore | undefined;
  let calls: CallService | undefined;
  let containers: StudioContainers | undefined;

  beforeAll(async () => {
    process.stdout.write(`studio containers test: ${buildNodeImage()}`);
    dir = await mkdtemp(path.join(tmpdir(), 'spl-studio-containers-'));
    engine = await startPodmanService(dir);
    // With a token: the studio sends it to the host, never to the nodes in its containers.
    host = await startNode({ nodeId: hostId, httpPort: 0, token: 'host-token', dataDir: path.join(dir, 'host'), watchModules: false, containerEngine: engine.url });
    // Slower polls than the other connection tests: each one is a listing by the engine.
    h = await openHarness({ manager: { pollMs: 500 } });
    history = await HistoryStore.open(path.join(dir, 'user'));
    calls = new CallService({ targets: h.manager, history });
    containers = new StudioContainers({ targets: h.manager });
  }, 300_000);

  afterAll(async () => {
    await containers?.close();
    await calls?.close();
    await history?.close();
    await h?.close();
    await host?.close();
    // Whatever a failed test left behind.
    const left = hasPodman ? containersLabelled(`${MANAGED_BY_LABEL}=${hostId}`) : [];
    if (left.length > 0) podman('rm', '-f', ...left);
    await engine?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
    expect(left, 'containers left behind by the test (removed now)').toEqual([]);
  }, 120_000);

  it('starts a container, lists it, shows and calls its node as a node of the connection, and stops it', async () => {
    const api = containers!.api.containers;
    await h!.manager.api.connections.save({ id: 'h', name: 'Host', kind: 'node', url: host!.http!.url }, { token: 'host-token' });
    await until('the host node', async () => (await h!.manager.api.cluster.nodes('h'))[0]?.capabilities.containers === engine!.url);

    const started = await api.start('h', hostId, image, { name: `${hostId}-inside`, 'env.SPL_TEST': 'studio' });
    expect(started).toMatchObject({ image, status: 'running', exposedServices: await splNodeServices(), createdAt: expect.any(Number) });
    expect(started.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const listed = (await api.list('h', hostId)).find((c) => c.containerId === started.containerId);
    expect(listed).toEqual({ ...started, createdAt: expect.any(Number) });

    // The node inside joins the connection with its own description.
    const nodeId = `${hostId}/${started.containerId.slice(0, 12)}`;
    const inside = await until('the container node', async () => {
      const found = (await h!.manager.api.cluster.nodes('h')).find((n) => n.nodeId === nodeId);
      return found?.health === 'up' && found;
    }, 60_000) as ClusterNode;
    expect(inside).toMatchObject({ endpoint: started.endpoint, container: { hostNodeId: hostId, containerId: started.containerId, image, status: 'running' }, capabilities: { http: started.endpoint } });
    expect(inside.protocols.map((p) => p.name).sort()).toEqual((await splNodeServices()).sort());
    expect(inside.drift['spl.execute.SPLExecuteService']).toBe('same');
    expect(inside.availableModules).toContain('tools/text/uppercase');
    expect((await h!.manager.api.cluster.nodes('h')).map((n) => n.nodeId)).toEqual([hostId, nodeId]);

    // A call to it, as the composer makes one: resolved by the connection, without the host's token.
    expect((await h!.manager.resolveTarget('h', nodeId)).token).toBeUndefined();
    const result = await calls!.api.call.send({ callId: 'c1', connectionId: 'h', nodeId, protocol: 'spl.execute.SPLExecuteService', message: 'listAvailableModules', body: '{}' });
    expect(result).toMatchObject({ outcome: 'ok', endpoint: started.endpoint });
    expect(JSON.parse(result.body!)).toContain('tools/text/uppercase');

    await api.stop('h', hostId, started.containerId);
    await until('the container node gone', async () => !(await h!.manager.api.cluster.nodes('h')).some((n) => n.nodeId === nodeId), 30_000);
    expect((await api.list('h', hostId)).map((c) => c.containerId)).not.toContain(started.containerId);
    expect(containersLabelled(`${MANAGED_BY_LABEL}=${hostId}`)).toEqual([]);
    await expect(api.stop('h', hostId, started.containerId)).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('[CONTAINER_NOT_FOUND]') });
  }, 180_000);
});
