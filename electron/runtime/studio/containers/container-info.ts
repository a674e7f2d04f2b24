/**
 * spl.container.ContainerInfo as the runtime's client decodes it (unions wrapped by branch, longs
 * as numbers or bigints), and as the renderer sees it (ContainerSummary: plain values, null for
 * unknown). The studio's `containers` group and the connections' container nodes both read it.
 */
import type { ContainerSummary } from '../../../../shared/studio/api.js';

export const CONTAINER_SERVICE = 'spl.container.SPLContainerService';

/** ContainerInfo in the engine's value shape. */
export interface ContainerInfoValue {
  containerId: string;
  image: string;
  status: string;
  exposedServices: string[];
  createdAt: { long: number | bigint } | null;
  endpoint: { string: string } | null;
}

export function containerSummary(value: ContainerInfoValue): ContainerSummary {
  return {
    containerId: value.containerId,
    image: value.image,
    status: value.status,
    exposedServices: [...value.exposedServices],
    // Milliseconds since 1970 fit a double exactly for the next 285,000 years.
    createdAt: value.createdAt === null ? null : Number(value.createdAt.long),
    endpoint: value.endpoint === null ? null : value.endpoint.string,
  };
}

/** The node id a container's node has in the studio: its host's id and the short form of its container id. */
export function containerNodeId(hostNodeId: string, containerId: string): string {
  return `${hostNodeId}/${containerId.slice(0, 12)}`;
}
