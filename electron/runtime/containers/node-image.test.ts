/**
 * The Dockerfile (for Docker users; it cannot be built here) and the image conventions that
 * scripts/build-node-image.mjs and the nodes use must describe the same image: entrypoint,
 * default command, port and the spl.avro.services label.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, NODE_DEFAULT_COMMAND, NODE_ENTRYPOINT, nodeCommand, nodeImage, splNodeServices } from './node-image.js';
import { productVersion } from '../studio/package-root.js';

const dockerfile = readFile(path.resolve(import.meta.dirname, '../../../Dockerfile'), 'utf8');

/** The last stage's instruction's argument (the runtime image's, not the build stage's). */
async function instruction(name: string): Promise<string> {
  const lines = (await dockerfile).split('\n').filter((line) => line.startsWith(`${name} `));
  expect(lines.length, `the Dockerfile's ${name}`).toBeGreaterThan(0);
  return lines[lines.length - 1].slice(name.length + 1).trim();
}

describe('the SPL node image', () => {
  it('is localhost/spl-node tagged with the package version', () => {
    expect(nodeImage()).toBe(`localhost/spl-node:${productVersion()}`);
  });

  it('runs `spl node` with the image folders, and takes the port and id a host node appends', async () => {
    expect(JSON.parse(await instruction('ENTRYPOINT'))).toEqual(NODE_ENTRYPOINT);
    expect(JSON.parse(await instruction('CMD'))).toEqual(NODE_DEFAULT_COMMAND);
    expect(await instruction('EXPOSE')).toBe(String(DEFAULT_PORT));
    expect(nodeCommand(7411, 'ml-1')).toEqual(['--http', '7411', '--id', 'ml-1']);
  });

  it('labels itself with every protocol an SPL node serves', async () => {
    const services = await splNodeServices();
    expect(services).toEqual(['spl.execute.SPLExecuteService', 'spl.data.SPLDataService', 'spl.pipeline.SPLPipelineService', 'spl.node.SPLNodeService', 'spl.container.SPLContainerService']);
    expect(await instruction('LABEL')).toBe(`spl.avro.services="${services.join(',')}"`);
  });
});
