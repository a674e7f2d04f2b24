/** A container as SPLContainerService reports it (ContainerInfo), from either of the engine's views of it. */
import type { EngineContainer, EngineContainerSummary } from './engine-client.js';
import { ENDPOINT_LABEL, SERVICES_LABEL, parseServices } from './labels.js';

export interface ContainerSummary {
  containerId: string;
  image: string;
  /** The engine's state: created, running, exited... */
  status: string;
  exposedServices: string[];
  /** Milliseconds since the Unix epoch. */
  createdAt?: number;
  /** Where its node answers Avro RPC. */
  endpoint?: string;
}

/** From GET /containers/json. */
export function summaryOfListed(c: EngineContainerSummary): ContainerSummary {
  const labels = c.Labels ?? {};
  return {
    containerId: c.Id,
    image: c.Image,
    status: c.State,
    exposedServices: parseServices(labels[SERVICES_LABEL]),
    createdAt: Number.isFinite(c.Created) && c.Created > 0 ? c.Created * 1000 : undefined,
    endpoint: labels[ENDPOINT_LABEL] || undefined,
  };
}

/** From GET /containers/{id}/json. */
export function summaryOfInspected(c: EngineContainer): ContainerSummary {
  const labels = c.Config.Labels ?? {};
  const created = Date.parse(c.Created);
  return {
    containerId: c.Id,
    image: c.Config.Image,
    status: c.State.Status,
    exposedServices: parseServices(labels[SERVICES_LABEL]),
    createdAt: Number.isNaN(created) ? undefined : created,
    endpoint: labels[ENDPOINT_LABEL] || undefined,
  };
}
