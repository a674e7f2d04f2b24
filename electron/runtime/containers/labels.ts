/**
 * The labels that make a container an SPL container, on the image and on each container.
 * Images carry `spl.avro.services`; containers a node starts add where their node answers,
 * which node started them and, for executeContainer's reusable workers, what they were
 * started with.
 */

/** The Avro protocols (full names, comma-separated) the node inside serves. Images have it; containers inherit it. */
export const SERVICES_LABEL = 'spl.avro.services';
/** Where the node inside answers Avro RPC: http://127.0.0.1:PORT (host networking). */
export const ENDPOINT_LABEL = 'spl.node.endpoint';
/** The id of the node that started the container. */
export const MANAGED_BY_LABEL = 'spl.managed-by';
/** executeContainer's workers: a hash of image, environment and volumes, to find one to reuse. */
export const WORKER_SPEC_LABEL = 'spl.worker.spec';
/** On images built by scripts/build-node-image.mjs: a hash of what went into the image, so an unchanged build is skipped. */
export const INPUTS_LABEL = 'spl.image.inputs';

/** `a.B, c.D` → ['a.B', 'c.D']; absent or empty → []. */
export function parseServices(label: string | undefined): string[] {
  return (label ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export function formatServices(services: readonly string[]): string {
  return services.join(',');
}
