/** In-process calls: values handed over after validation with paths, or the full wire path on request. */
import { describe, expect, it } from 'vitest';
import { compileIdlText } from '../../../shared/idl/compile.js';
import { memoryReader } from '../../../test/support/memory-reader.js';
import { DeclaredError, RemoteSystemError } from './errors.js';
import { InProcessClient } from './in-process.js';
import { RpcServer } from './server.js';

async function setup() {
  const compiled = await compileIdlText('/t/p.avdl', `@namespace("t") protocol Local {
    record Item { string name; long count; union { null, bytes } raw = null; }
    error Nope { string why; }
    Item echo(Item item) throws Nope;
    Item broken(Item item);
    void fire(string what) oneway;
  }`, { reader: memoryReader({}) });
  const server = new RpcServer();
  const fired: unknown[] = [];
  server.addService(compiled.protocol!, {
    echo: ({ item }) => {
      if ((item as { name: string }).name === 'nope') throw new DeclaredError('Nope', { why: 'asked to' });
      if ((item as { name: string }).name === 'bad-error') throw new DeclaredError('Nope', { why: 42 });
      return item;
    },
    broken: () => ({ name: 'x', count: 'many' }),
    fire: ({ what }) => void fired.push(what),
  });
  return { protocol: compiled.protocol!, server, fired };
}

describe('in-process calls', () => {
  it('hand values over unserialized, exact longs and bytes included', async () => {
    const { protocol, server } = await setup();
    const client = new InProcessClient(server, protocol);
    const item = { name: 'a', count: 2n ** 60n, raw: { bytes: new Uint8Array([0, 255]) } };
    expect(await client.call('echo', { item })).toBe(item);
  });

  it('validate requests and responses, naming the path of each problem', async () => {
    const { protocol, server } = await setup();
    const client = new InProcessClient(server, protocol);
    await expect(client.call('echo', { item: { name: 'a', count: 1.5, raw: null } })).rejects.toThrow(/invalid request for 'echo': .*request\.item\.count/);
    await expect(client.call('broken', { item: { name: 'a', count: 1, raw: null } })).rejects.toThrow(/returned an invalid response[^]*at response\.count: expected a long/);
  });

  it('declared errors come back typed; invalid ones and undeclared ones are reported', async () => {
    const { protocol, server } = await setup();
    const client = new InProcessClient(server, protocol);
    await expect(client.call('echo', { item: { name: 'nope', count: 1, raw: null } })).rejects.toMatchObject({ type: 't.Nope', value: { why: 'asked to' } });
    await expect(client.call('echo', { item: { name: 'bad-error', count: 1, raw: null } })).rejects.toThrow(/threw t.Nope with an invalid value/);
  });

  it('one-way messages run and return nothing', async () => {
    const { protocol, server, fired } = await setup();
    const client = new InProcessClient(server, protocol);
    expect(await client.call('fire', { what: 'now' })).toBeNull();
    expect(fired).toEqual(['now']);
  });

  it('binary mode runs the whole wire path, with the same results', async () => {
    const { protocol, server } = await setup();
    const client = new InProcessClient(server, protocol, { binary: true });
    const item = { name: 'a', count: 2n ** 60n, raw: { bytes: Buffer.from([0, 255]) } };
    expect(await client.call('echo', { item })).toEqual(item);
    await expect(client.call('echo', { item: { name: 'nope', count: 1, raw: null } })).rejects.toMatchObject({ type: 't.Nope' });
    await expect(client.call('broken', { item: { name: 'a', count: 1, raw: null } })).rejects.toThrow(RemoteSystemError);
  });
});
