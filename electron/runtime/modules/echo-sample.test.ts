/**
 * The sample module tools/debug/echo, run by a node over HTTP as any Avro client would: fetch its
 * schema, send a typed Payload, read the Payload back. Its long beyond 2^53 must return exact,
 * since the echo exists to show the composer sends and receives such values unrounded.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import avsc from 'avsc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNode, type RunningNode } from '../node.js';
import { loadDefinition } from '../definitions.js';
import { clientFor } from '../cluster/endpoint-client.js';
import { exactLongHook } from '../rpc/exact-long.js';
import type { RpcClient } from '../rpc/client.js';
import { silentLogger } from './logger.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../../assets/modules');
// 2^53 + 1: the first integer a double cannot hold.
const BEYOND_DOUBLES = 9007199254740993n;

interface PayloadResponse {
  status: string;
  value: { 'spl.common.Payload': { schema: { name: { string: string } | null }; value: Buffer } };
}

describe('sample module tools/debug/echo', () => {
  let dir: string;
  let node: RunningNode;
  let client: RpcClient;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spl-echo-'));
    node = await startNode({ nodeId: 'echo-node', httpPort: 0, dataDir: dir, moduleDirs: [SAMPLES], watchModules: false, logger: silentLogger });
    client = clientFor(node.http!.url, await loadDefinition('execute'));
  });
  afterAll(async () => {
    await client?.channel.close();
    await node?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('describes itself', async () => {
    expect(await client.call('describeModule', { module: 'tools/debug/echo' })).toEqual({
      module: 'tools/debug/echo',
      description: { string: "Returns its input unchanged: a module to try the studio's request composer and pipelines with." },
      inputSchema: { string: 'spl.samples.EchoValue' },
      outputSchema: { string: 'spl.samples.EchoValue' },
    });
  });

  it('returns a typed Payload unchanged, its long beyond 2^53 exact', async () => {
    // The writer schema as a client learns it: from the node, then encoded on the client's side.
    const json = (await client.call('getModuleSchema', { module: 'tools/debug/echo' })) as string;
    const type = avsc.Type.forSchema(JSON.parse(json) as avsc.Schema, { wrapUnions: true, typeHook: exactLongHook(), registry: {} });
    const sent = { id: BEYOND_DOUBLES, tag: { long: BEYOND_DOUBLES + 2n }, text: 'héllo', labels: ['a', 'b'], at: { long: 1767225600000 } };
    const payload = { schema: { name: { string: 'spl.samples.EchoValue' }, fingerprint: null, json: { string: json } }, value: type.toBuffer(sent) };

    const response = (await client.call('execute', { request: { module: 'tools/debug/echo', headers: {}, value: { 'spl.common.Payload': payload }, schema: null } })) as PayloadResponse;
    expect(response.status).toBe('DATA');
    const returned = response.value['spl.common.Payload'];
    expect(returned.schema.name).toEqual({ string: 'spl.samples.EchoValue' });
    const echoed = type.fromBuffer(returned.value) as typeof sent;
    expect(echoed.id).toBe(BEYOND_DOUBLES);
    expect(echoed).toEqual(sent);
  });

  it('fills in the defaults of what was left out', async () => {
    const response = (await client.call('execute', { request: { module: 'tools/debug/echo', headers: {}, value: { string: '{"id": 9007199254740993}' }, schema: null } })) as PayloadResponse;
    const json = (await client.call('getModuleSchema', { module: 'tools/debug/echo' })) as string;
    const type = avsc.Type.forSchema(JSON.parse(json) as avsc.Schema, { wrapUnions: true, typeHook: exactLongHook(), registry: {} });
    expect(type.fromBuffer(response.value['spl.common.Payload'].value)).toEqual({ id: BEYOND_DOUBLES, tag: null, text: '', labels: [], at: null });
  });
});
