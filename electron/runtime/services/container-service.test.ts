/**
 * SPLContainerService on a node without a usable container engine, over HTTP: with none
 * configured and with a socket nobody serves, every call answers ContainerError
 * CONTAINER_ENGINE_UNAVAILABLE saying how to get one; bad requests are refused before the
 * engine is asked. The engine itself is exercised in test/containers.test.ts (Podman).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../../../shared/avro/model.js';
import { clientFor } from '../cluster/endpoint-client.js';
import { loadDefinition } from '../definitions.js';
import { startNode, type RunningNode } from '../node.js';
import type { RpcClient } from '../rpc/client.js';
import { splNodeServices } from '../containers/node-image.js';

const request = { module: 'tools/text/uppercase', headers: {}, value: { string: '{"text":"hi"}' }, schema: null };

describe('SPLContainerService without a container engine', () => {
  let dir: string;
  let unconfigured: RunningNode;
  let absent: RunningNode;
  let socket: string;
  let protocol: Protocol;
  const clients: RpcClient[] = [];
  const client = (node: RunningNode) => {
    const made = clientFor(node.http!.url, protocol);
    clients.push(made);
    return made;
  };
  const calls = {
    executeContainer: { request: { image: 'localhost/spl-node:0.1.0', request, environment: null, volumes: null } },
    listContainers: {},
    startContainer: { image: 'localhost/spl-node:0.1.0', config: {} },
    stopContainer: { containerId: 'spl-0123' },
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spl-container-service-'));
    socket = path.join(dir, 'no-engine.sock');
    protocol = await loadDefinition('container');
    unconfigured = await startNode({ nodeId: 'no-engine', httpPort: 0, dataDir: path.join(dir, 'a'), watchModules: false });
    absent = await startNode({ nodeId: 'absent-engine', httpPort: 0, dataDir: path.join(dir, 'b'), watchModules: false, containerEngine: `unix://${socket}` });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.channel.close()));
    await Promise.all([unconfigured, absent].map((n) => n?.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('is served by every node, and says how to configure an engine when there is none', async () => {
    // What the node image's spl.avro.services label says a node serves.
    expect(unconfigured.server.protocols.map((p) => p.fullName).sort()).toEqual((await splNodeServices()).sort());
    const to = client(unconfigured);
    for (const [message, args] of Object.entries(calls)) {
      await expect(to.call(message, args), message).rejects.toMatchObject({
        type: 'spl.container.ContainerError',
        value: { code: 'CONTAINER_ENGINE_UNAVAILABLE', message: expect.stringMatching(/node no-engine has no container engine: start it with --container-engine unix:\/\/\/PATH\.sock .*podman system service --time=0/) },
      });
    }
  });

  it('names the absent socket and how to start an engine on it', async () => {
    const to = client(absent);
    for (const [message, args] of Object.entries(calls)) {
      await expect(to.call(message, args), message).rejects.toMatchObject({
        type: 'spl.container.ContainerError',
        value: {
          code: 'CONTAINER_ENGINE_UNAVAILABLE',
          message: expect.stringContaining(`no container engine socket at unix://${socket}: start one with \`podman system service --time=0 unix://${socket}\``),
          details: { engine: `unix://${socket}`, reason: 'ENOENT' },
        },
      });
    }
  });

  it('refuses malformed requests before asking the engine, naming the field', async () => {
    const to = client(absent);
    await expect(to.call('startContainer', { image: 'localhost/spl-node:0.1.0', config: { network: 'spl' } })).rejects.toMatchObject({
      value: { code: 'INVALID_REQUEST', message: expect.stringContaining("does not take config key 'network': it takes name, port, env.NAME"), details: { field: 'config.network' } },
    });
    await expect(to.call('startContainer', { image: '../etc', config: {} })).rejects.toMatchObject({ value: { code: 'INVALID_REQUEST', details: { field: 'image' } } });
    await expect(to.call('stopContainer', { containerId: 'a/../b' })).rejects.toMatchObject({ value: { code: 'INVALID_REQUEST', details: { field: 'containerId' } } });
    await expect(to.call('executeContainer', { request: { ...calls.executeContainer.request, volumes: { array: ['data:/data'] } } })).rejects.toMatchObject({
      value: { code: 'INVALID_REQUEST', message: expect.stringContaining("volumes[0] 'data:/data' is not a bind mount"), details: { field: 'volumes[0]' } },
    });
    await expect(to.call('executeContainer', { request: { ...calls.executeContainer.request, environment: { map: { '1BAD': 'x' } } } })).rejects.toMatchObject({
      value: { code: 'INVALID_REQUEST', details: { field: 'environment', name: '1BAD' } },
    });
  });
});
