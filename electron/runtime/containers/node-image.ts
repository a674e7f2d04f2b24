/**
 * The SPL node image: what the Dockerfile and scripts/build-node-image.mjs build, and the
 * contract between a host node and any image it starts. The image's entrypoint is `spl node`
 * with the image's own data and module folders; the host appends `--http PORT --id NAME`
 * (nodeCommand) and runs it with host networking, so the node answers on the host's loopback.
 */
import { loadDefinition, type SplService } from '../definitions.js';
import { productVersion } from '../studio/package-root.js';

/** The image's repository; tagged with the package version and `latest`. */
export const NODE_IMAGE_REPOSITORY = 'localhost/spl-node';
/** Where the project sits inside the image. */
export const APP_DIR = '/app';
/** The node's data (SQLite store, pipelines) inside the container. */
export const DATA_DIR = '/var/lib/spl';
/** The sample modules, which the image's node loads. */
export const MODULES_DIR = `${APP_DIR}/assets/modules`;
/** The HTTP port of a container started by hand (`podman run --network host IMAGE`). */
export const DEFAULT_PORT = 7410;

/** ENTRYPOINT: `spl node` with the image's folders. */
export const NODE_ENTRYPOINT = ['node', `${APP_DIR}/bin/spl.js`, 'node', '--data', DATA_DIR, '--modules', MODULES_DIR];
/** CMD, replaced by nodeCommand when a node starts the container. */
export const NODE_DEFAULT_COMMAND = ['--http', String(DEFAULT_PORT)];

/** What a host node appends to the entrypoint: the node's port (on the host's loopback) and id. */
export function nodeCommand(port: number, name: string): string[] {
  return ['--http', String(port), '--id', name];
}

/** The image name for this version: localhost/spl-node:0.1.0. */
export function nodeImage(version = productVersion()): string {
  return `${NODE_IMAGE_REPOSITORY}:${version}`;
}

const SPL_SERVICES: SplService[] = ['execute', 'data', 'pipeline', 'node', 'container'];

/** The protocols an SPL node serves (full names), for the image's spl.avro.services label. */
export async function splNodeServices(): Promise<string[]> {
  const protocols = await Promise.all(SPL_SERVICES.map((s) => loadDefinition(s)));
  return protocols.map((p) => (p.namespace ? `${p.namespace}.${p.protocol}` : p.protocol));
}

/** How to get an image the engine does not have, for IMAGE_NOT_FOUND. */
export function howToGetImage(image: string): string {
  if (image.startsWith(`${NODE_IMAGE_REPOSITORY}:`)) {
    return `build it in the SPL Studio repository: \`node scripts/build-node-image.mjs\` (Podman) or \`docker build -t ${image} .\` (Docker)`;
  }
  return `pull or build it on the engine's host (\`podman pull ${image}\` or \`docker pull ${image}\`), or use ${nodeImage()}`;
}
