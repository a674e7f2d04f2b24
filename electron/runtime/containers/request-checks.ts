/**
 * What a caller may hand to the engine through this node, checked before it goes into an
 * Engine API path or body: image references, container ids and names, environment variables,
 * bind mounts. Each refusal is an INVALID_REQUEST naming the field and what would be accepted.
 */
import path from 'node:path';
import { containerError } from './container-error.js';

// Docker's reference grammar, loosened to what is safe in a URL path (no '..', '//' or '%').
const IMAGE = /^[A-Za-z0-9][A-Za-z0-9._\-/:@]{0,254}$/;
const CONTAINER = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;
const BIND_MODES = new Set(['ro', 'rw']);

export function checkImage(image: string): string {
  if (!IMAGE.test(image) || image.includes('..') || image.includes('//')) {
    throw containerError({ code: 'INVALID_REQUEST', message: `'${image}' is not an image reference: expected NAME[:TAG] such as localhost/spl-node:0.1.0`, image, details: { field: 'image' } });
  }
  return image;
}

/** A container id or name, as the engine knows it. */
export function checkContainerId(id: string, field = 'containerId'): string {
  if (!CONTAINER.test(id)) {
    throw containerError({ code: 'INVALID_REQUEST', message: `'${id}' is not a container id or name: letters, digits, '_', '.' and '-', starting with a letter or digit (see listContainers)`, details: { field } });
  }
  return id;
}

export function checkEnvironment(env: Record<string, string>, field: string): Record<string, string> {
  for (const [name, value] of Object.entries(env)) {
    if (!ENV_NAME.test(name)) throw containerError({ code: 'INVALID_REQUEST', message: `${field}: '${name}' is not an environment variable name: letters, digits and '_', not starting with a digit`, details: { field, name } });
    if (value.includes('\0')) throw containerError({ code: 'INVALID_REQUEST', message: `${field}: the value of ${name} holds a NUL character, which no environment can carry`, details: { field, name } });
  }
  return env;
}

/** Docker's "HOST:CONTAINER[:ro|rw]", both paths absolute. */
export function checkVolumes(volumes: string[]): string[] {
  volumes.forEach((volume, i) => {
    const parts = volume.split(':');
    const [host, inside, mode] = parts;
    const fits = (parts.length === 2 || (parts.length === 3 && BIND_MODES.has(mode))) && path.posix.isAbsolute(host) && path.posix.isAbsolute(inside) && !volume.includes('\0');
    if (!fits) {
      throw containerError({ code: 'INVALID_REQUEST', message: `volumes[${i}] '${volume}' is not a bind mount: expected HOST:CONTAINER or HOST:CONTAINER:ro, both absolute paths, e.g. /srv/data:/data:ro`, details: { field: `volumes[${i}]` } });
    }
  });
  return volumes;
}
