/**
 * SPLContainerService against a real container engine: Podman's Docker-compatible API on a
 * socket of this test's own (`podman system service`), a node in this process with
 * `containerEngine` pointing at it, and the SPL node image built from this checkout by
 * scripts/build-node-image.mjs (kept when its inputs have not changed). Containers use host
 * networking on loopback ports. Skipped, saying how to install it, where Podman is absent.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import avsc from 'avsc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../shared/avro/model.js';
import { clientFor } from '../electron/runtime/cluster/endpoint-client.js';
import { fromValue } from '../electron/runtime/cluster/node-info.js';
import { loadDefinition } from '../electron/runtime/definitions.js';
import { startNode, type RunningNode } from '../electron/runtime/node.js';
import type { RpcClient } from '../electron/runtime/rpc/client.js';
import { nodeImage, splNodeServices } from '../electron/runtime/containers/node-image.js';
import { MANAGED_BY_LABEL, WORKER_SPEC_LABEL } from '../electron/runtime/containers/labels.js';
import { buildNodeImage, containersLabelled, hasPodman, podman, podmanSuite, startPodmanService, type PodmanService } from './support/podman.js';

const title = podmanSuite('SPLContainerService with Podman', 'test/containers.test.ts');

const Text = avsc.Type.forSchema({ type: 'record', name: 'Text', namespace: 'tools.text', fields: [{ name: 'text', type: 'string' }] });

interface Info {
  containerId: string;
  image: string;
  status: string;
  exposedServices: string[];
  createdAt: { long: number } | null;
  endpoint: { string: string } | null;
}

describe.skipIf(!hasPodman)(title, () => {
  const image = nodeImage();
  const nodeId = `containers-test-${randomBytes(3).toString('hex')}`;
  let dir: string;
  let engine: PodmanService | undefined;
  let node: RunningNode | undefined;
  let protocol: Protocol;
  let to: RpcClient;
  const clients: RpcClient[] = [];
  const mine = () => containersLabelled(`${MANAGED_BY_LABEL}=${nodeId}`);

  beforeAll(async () => {
    // The image first (dist/ is built by the global setup): seconds, or a hash check when unchanged.
    process.stdout.write(`containers test: ${buildNodeImage()}`);
    dir = await mkdtemp(path.join(tmpdir(), 'spl-containers-'));
    engine = await startPodmanService(dir);
    node = await startNode({ nodeId, httpPort: 0, dataDir: path.join(dir, 'node'), watchModules: false, containerEngine: engine.url });
    protocol = await loadDefinition('container');
    to = clientFor(node.http!.url, protocol);
    clients.push(to);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.channel.close()));
    await node?.close();
    // Whatever a failed test left behind.
    const left = hasPodman ? mine() : [];
    if (left.length > 0) podman('rm', '-f', ...left);
    await engine?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
    expect(left, 'containers left behind by the tests (removed now)').toEqual([]);
  }, 120_000);

  it('starts an SPL node container, lists it with its services and endpoint, and stops it', async () => {
    const name = `${nodeId}-started`;
    const info = (await to.call('startContainer', { image, config: { name, 'env.SPL_TEST': 'yes' } })) as Info;
    expect(info).toMatchObject({ image, status: 'running', exposedServices: await splNodeServices() });
    expect(info.endpoint?.string).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.createdAt?.long).toBeGreaterThan(0);

    // The node inside answers where the label says, under the container's name.
    const inside = clientFor(info.endpoint!.string, await loadDefinition('node'));
    clients.push(inside);
    const described = fromValue(await inside.call('describeNode', {}));
    expect(described.nodeId).toBe(name);
    expect(described.availableModules).toContain('tools/text/uppercase');
    expect(podman('inspect', '--format', '{{range .Config.Env}}{{println .}}{{end}}', info.containerId)).toContain('SPL_TEST=yes');

    const listed = ((await to.call('listContainers', {})) as Info[]).find((c) => c.containerId === info.containerId);
    expect(listed).toEqual({ ...info, createdAt: { long: expect.any(Number) } });

    await to.call('stopContainer', { containerId: name });
    expect(((await to.call('listContainers', {})) as Info[]).map((c) => c.containerId)).not.toContain(info.containerId);
    expect(podman('ps', '-a', '-q', '--filter', `name=^${name}$`)).toBe('');
    await expect(to.call('stopContainer', { containerId: info.containerId })).rejects.toMatchObject({
      type: 'spl.container.ContainerError',
      value: { code: 'CONTAINER_NOT_FOUND', containerId: { string: info.containerId }, message: expect.stringContaining('see listContainers') },
    });
  });

  it('runs modules in a worker container, reusing it, and passes the node\'s ExecutionError through', async () => {
    const call = (module: string, text: string) =>
      to.call('executeContainer', { request: { image, request: { module, headers: { trace: 't1' }, value: { string: JSON.stringify({ text }) }, schema: null }, environment: { map: { SPL_WORKER: '1' } }, volumes: null } }) as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

    const first = await call('tools/text/uppercase', 'hello, container');
    expect(first.status).toBe('DATA');
    // The result carries its schema, which only the worker's node knows: readable as it stands.
    const payload = first.value['spl.common.Payload'];
    expect(payload.schema.name).toEqual({ string: 'tools.text.Text' });
    const writer = avsc.Type.forSchema(JSON.parse(payload.schema.json.string));
    expect(writer.fromBuffer(payload.value)).toEqual({ text: 'HELLO, CONTAINER' });
    const second = await call('tools/text/uppercase', 'again');
    expect(Text.fromBuffer(second.value['spl.common.Payload'].value)).toEqual({ text: 'AGAIN' });

    const workers = podman('ps', '-q', '--no-trunc', '--filter', `label=${MANAGED_BY_LABEL}=${nodeId}`, '--filter', `label=${WORKER_SPEC_LABEL}`).split('\n').filter(Boolean);
    expect(workers, 'one worker serves both calls').toHaveLength(1);
    const workerName = podman('inspect', '--format', '{{.Name}}', workers[0]).replace(/^\//, '');

    await expect(call('no/such-module', 'x')).rejects.toMatchObject({
      type: 'spl.common.ExecutionError',
      value: { code: 'MODULE_NOT_FOUND', nodeId: { string: workerName } },
    });

    // Stopped behind the node's back: the next call starts another worker.
    podman('rm', '-f', workers[0]);
    const third = await call('tools/text/uppercase', 'third');
    expect(Text.fromBuffer(third.value['spl.common.Payload'].value)).toEqual({ text: 'THIRD' });
    const now = podman('ps', '-q', '--no-trunc', '--filter', `label=${MANAGED_BY_LABEL}=${nodeId}`, '--filter', `label=${WORKER_SPEC_LABEL}`).split('\n').filter(Boolean);
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(workers[0]);
  });

  it('says how to get a missing image', async () => {
    await expect(to.call('startContainer', { image: 'localhost/spl-node:0.0.0-missing', config: {} })).rejects.toMatchObject({
      type: 'spl.container.ContainerError',
      value: { code: 'IMAGE_NOT_FOUND', image: { string: 'localhost/spl-node:0.0.0-missing' }, message: expect.stringContaining('node scripts/build-node-image.mjs') },
    });
    await expect(to.call('executeContainer', { request: { image: 'localhost/no-such-image:1', request: { module: 'tools/text/uppercase', headers: {}, value: null, schema: null }, environment: null, volumes: null } })).rejects.toMatchObject({
      value: { code: 'IMAGE_NOT_FOUND', message: expect.stringContaining('podman pull localhost/no-such-image:1') },
    });
  });

  it('reports a container whose node cannot start with its last log lines, and removes it', async () => {
    // Hold a port, so the node inside cannot listen on it.
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as net.AddressInfo).port;
    const name = `${nodeId}-no-port`;
    try {
      await expect(to.call('startContainer', { image, config: { name, port: String(port) } })).rejects.toMatchObject({
        type: 'spl.container.ContainerError',
        value: {
          code: 'CONTAINER_FAILED',
          message: expect.stringMatching(new RegExp(`container ${name} \\(${image}\\) did not start an SPL node at http://127.0.0.1:${port}: the container stopped .*Its last log lines:\\n.*EADDRINUSE`, 's')),
          details: { endpoint: `http://127.0.0.1:${port}`, logs: expect.stringContaining('EADDRINUSE') },
        },
      });
    } finally {
      holder.close();
    }
    expect(podman('ps', '-a', '-q', '--filter', `name=^${name}$`)).toBe('');
  });

  it("passes the engine's own refusal on as CONTAINER_FAILED with its status", async () => {
    const name = `${nodeId}-twice`;
    const first = (await to.call('startContainer', { image, config: { name } })) as Info;
    try {
      await expect(to.call('startContainer', { image, config: { name } })).rejects.toMatchObject({
        value: { code: 'CONTAINER_FAILED', message: expect.stringContaining(`could not create container ${name}`), details: { status: expect.stringMatching(/^[45]\d\d$/), engineMessage: expect.stringContaining(name) } },
      });
    } finally {
      await to.call('stopContainer', { containerId: first.containerId });
    }
  });
});
