/**
 * A world with containers for the containers', cluster browser's and explorer's tests: on the
 * local connection, n1 (no engine) and h1 (an engine) running two containers whose SPL nodes
 * the connection lists under ids "h1/<12 hex>"; on prod, n2. Imported by tests only.
 */
import type { ClusterNode, ContainerSummary } from '../../../shared/studio/api.js';
import type { MemoryNetwork } from '../../../shared/studio/memory-api.js';
import { CONNECTIONS, ORDERS_DESCRIPTION, PING_MD5, PING_PROTOCOL, description, node } from '../explorer/test-network.js';

export const ENGINE = 'unix:///run/podman/podman.sock';
export const ML_ID = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2';
export const WEB_ID = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';
export const NEW_ID = 'feedfacecafebeefdeadbeef0123456789abcdef0123456789abcdef01234567';

const PING = [{ name: 'spl.test.Ping', md5: PING_MD5 }];

export function summary(containerId: string, image: string, overrides: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    containerId,
    image,
    status: 'running',
    exposedServices: ['spl.test.Ping'],
    createdAt: Date.now() - 5 * 60_000,
    endpoint: `http://127.0.0.1:74${containerId.length % 100}`,
    ...overrides,
  };
}

/** The node the host lists for one of h1's containers. */
export function containerNode(container: ContainerSummary, overrides: Partial<ClusterNode> = {}): ClusterNode {
  return node('local', `h1/${container.containerId.slice(0, 12)}`, {
    endpoint: container.endpoint ?? 'http://127.0.0.1:1',
    protocols: PING,
    drift: { 'spl.test.Ping': 'not-in-workspace' },
    container: { hostNodeId: 'h1', containerId: container.containerId, image: container.image, status: container.status },
    ...overrides,
  });
}

export const ML = summary(ML_ID, 'localhost/spl-ml:2.0', { endpoint: 'http://127.0.0.1:7411' });
export const WEB = summary(WEB_ID, 'localhost/spl-node:0.1.0', { status: 'exited', exposedServices: [], createdAt: null, endpoint: null });
export const HOST = node('local', 'h1', { capabilities: { zone: 'a', containers: ENGINE } });

/**
 * Overrides for `networkStudio`: h1 with an engine and ML and WEB containers (only ML serves,
 * so only its node is listed); `startContainer` answers with `started` (default: NEW on :7420).
 */
export function containerNetwork(options: { started?: (image: string, config: Record<string, string>) => Promise<ContainerSummary> } = {}): MemoryNetwork {
  const ping = { name: 'spl.test.Ping', md5: PING_MD5, text: PING_PROTOCOL, drift: 'not-in-workspace' as const };
  return {
    connections: CONNECTIONS,
    nodes: [
      node('local', 'n1'),
      HOST,
      containerNode(ML),
      node('prod', 'n2', { protocols: PING, drift: { 'spl.test.Ping': 'not-in-workspace' } }),
    ],
    descriptions: [
      description('local', 'n1', [ORDERS_DESCRIPTION]),
      description('local', 'h1', [ORDERS_DESCRIPTION]),
      { ...description('local', containerNode(ML).nodeId, [ping]), endpoint: 'http://127.0.0.1:7411' },
      description('prod', 'n2', [ping]),
    ],
    containers: { 'local/h1': [ML, WEB] },
    startContainer: options.started ?? (async (image) => summary(NEW_ID, image, { endpoint: 'http://127.0.0.1:7420', createdAt: Date.now() })),
  };
}
