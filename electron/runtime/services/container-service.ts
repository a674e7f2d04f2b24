/**
 * SPLContainerService (definitions/spl-container.avdl) on a node: startContainer,
 * listContainers, stopContainer and executeContainer over the node's container engine
 * (containers/node-containers.ts). Every node serves it; without --container-engine each call
 * answers ContainerError CONTAINER_ENGINE_UNAVAILABLE saying how to give one.
 */
import type { Handler } from '../rpc/server.js';
import type { ContainerExecuteValue, NodeContainers } from '../containers/node-containers.js';
import type { ContainerSummary } from '../containers/container-summary.js';

/** ContainerInfo in the engine's value shape. */
function infoValue(c: ContainerSummary): Record<string, unknown> {
  return {
    containerId: c.containerId,
    image: c.image,
    status: c.status,
    exposedServices: c.exposedServices,
    createdAt: c.createdAt === undefined ? null : { long: c.createdAt },
    endpoint: c.endpoint === undefined ? null : { string: c.endpoint },
  };
}

export function containerHandlers(containers: NodeContainers): Record<string, Handler> {
  return {
    executeContainer: ({ request }, context) => containers.execute(request as ContainerExecuteValue, context.meta),

    listContainers: async () => (await containers.list()).map(infoValue),

    startContainer: async ({ image, config }) => infoValue(await containers.start(image as string, config as Record<string, string>)),

    async stopContainer({ containerId }) {
      await containers.stop(containerId as string);
      return null;
    },
  };
}
