/** `spl.avro.configureCluster`: the seed API's handle, over two in-test nodes and static discovery. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpl, type Spl } from '../../spl/create-spl.js';
import { silentLogger } from '../../modules/logger.js';

describe('spl.avro.configureCluster', () => {
  let dir: string;
  let client: Spl;
  let nodes: Spl[];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spl-cluster-api-'));
    nodes = await Promise.all(['n1', 'n2'].map((id) => createSpl({ dataDir: path.join(dir, id), nodeId: id, tcp: 0, http: 0, watchModules: false, logger: silentLogger })));
    // Only n2 has the module; its schemas are unknown to the client until the answer brings them.
    nodes[1].registerModule({
      uri: 'spl/ml/analyze',
      input: { type: 'record', name: 'MlData', namespace: 'spl.ml', fields: [{ name: 'samples', type: { type: 'array', items: 'double' } }] },
      output: { type: 'record', name: 'Analysis', namespace: 'spl.ml', fields: [{ name: 'mean', type: 'double' }] },
      handler: (input: { samples: number[] }) => ({ mean: input.samples.reduce((a, b) => a + b, 0) / input.samples.length }),
    });
    client = await createSpl({ dataDir: path.join(dir, 'client'), watchModules: false, logger: silentLogger });
  });
  afterAll(async () => {
    await client.close();
    await Promise.all(nodes.map((n) => n.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('runs a module on the node that offers it, with plain values both ways', async () => {
    const cluster = client.avro.configureCluster({ discoveryMethod: 'static', endpoints: [nodes[0].tcp!.url, nodes[1].http!.url], loadBalancing: 'least-inflight' });
    await cluster.ready();
    expect(cluster.nodes()).toHaveLength(2);
    for (let i = 0; i < 3; i++) {
      const result = await cluster.execute('spl/ml/analyze', { samples: [1, 2, 6] });
      expect(result).toMatchObject({ status: 'DATA', value: { mean: 3 }, errorCode: null });
      expect(result.nodeId).toBe(cluster.nodes().find((n) => n.availableModules.includes('spl/ml/analyze'))!.nodeId);
    }
    // Services by name, routed per call.
    expect(await cluster.getService('SPLExecuteService').listAvailableModules()).toContain('spl/data/write');
    await expect(cluster.execute('no/such')).rejects.toMatchObject({ code: 'NO_NODE', message: expect.stringMatching(/^no node offers module no\/such; known nodes: /) });
    await cluster.close();
  });

  it('says what is wrong with its options', () => {
    expect(() => client.avro.configureCluster({ discoveryMethod: 'static', endpoints: [] })).toThrow('endpoints must be a non-empty list of URLs');
    expect(() => client.avro.configureCluster({ discoveryMethod: 'dns' as 'static', endpoints: ['x'] })).toThrow("unknown discoveryMethod 'dns'");
    expect(() => client.avro.configureCluster({ discoveryMethod: 'registry', endpoints: ['http://a:1', 'http://b:2'] })).toThrow('registry discovery takes one registry node URL');
  });
});
