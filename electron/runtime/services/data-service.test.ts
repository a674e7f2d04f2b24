import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../../../shared/avro/model.js';
import { loadDefinition } from '../definitions.js';
import { openSqliteRecordStore } from '../data/sqlite-record-store.js';
import { DeclaredError } from '../rpc/errors.js';
import { InProcessClient } from '../rpc/in-process.js';
import { RpcServer } from '../rpc/server.js';
import { SchemaRegistry, type RegisteredSchema } from '../schemas/schema-registry.js';
import { createDataService, type DataService, type DataServiceOptions } from './data-service.js';

const USER_V1 = JSON.stringify({ type: 'record', name: 'User', namespace: 'spl.test', fields: [{ name: 'id', type: 'string' }, { name: 'age', type: 'int' }] });
const USER_V2 = JSON.stringify({
  type: 'record', name: 'User', namespace: 'spl.test',
  fields: [{ name: 'id', type: 'string' }, { name: 'age', type: 'long' }, { name: 'email', type: ['null', 'string'], default: null }],
});
const ORDER = JSON.stringify({ type: 'record', name: 'Order', namespace: 'spl.test', fields: [{ name: 'total', type: 'double' }] });

let protocol: Protocol;
beforeAll(async () => {
  protocol = await loadDefinition('data');
});

const dirs: string[] = [];
const services: DataService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spl-data-'));
  dirs.push(dir);
  return dir;
}

interface Node {
  service: DataService;
  registry: RegisteredSchemaHolder;
  client: InProcessClient;
}
interface RegisteredSchemaHolder {
  registry: SchemaRegistry;
  v1: RegisteredSchema;
}

/** A data service on `dir`, called through the whole wire path (encode, handshake, decode). */
function node(dir = tempDir(), options: Partial<DataServiceOptions> = {}): Node {
  const registry = new SchemaRegistry();
  const v1 = registry.register(USER_V1);
  const service = createDataService({ dataDir: dir, registry, ...options });
  services.push(service);
  const server = new RpcServer();
  server.addService(protocol, service.handlers);
  return { service, registry: { registry, v1 }, client: new InProcessClient(server, protocol, { binary: true }) };
}

function payload(schema: RegisteredSchema, value: unknown, ref: { name?: boolean; fingerprint?: boolean; json?: boolean } = { name: true, fingerprint: true }) {
  return {
    schema: {
      name: ref.name && schema.fullName ? { string: schema.fullName } : null,
      fingerprint: ref.fingerprint ? { 'spl.common.SchemaFingerprint': schema.fingerprint } : null,
      json: ref.json ? { string: schema.json } : null,
    },
    value: schema.type.toBuffer(value),
  };
}

const writeRequest = (topic: string, primaryKey: string, data: unknown, schema: string | null = null) => ({ request: { topic, primaryKey, data, schema: schema === null ? null : { string: schema } } });
const readRequest = (topic: string, options: { primaryKey?: string; limit?: number | bigint; offset?: number | bigint } = {}) => ({
  request: {
    topic,
    primaryKey: options.primaryKey === undefined ? null : { string: options.primaryKey },
    limit: options.limit === undefined ? null : { long: options.limit },
    offset: options.offset === undefined ? null : { long: options.offset },
  },
});

interface Page {
  records: { schema: { name: { string: string } | null; fingerprint: Record<string, Buffer> | null }; value: Buffer }[];
  totalCount: number;
  nextOffset: { string: string } | null;
  primaryKeys: string[];
}

async function declared(call: Promise<unknown>): Promise<{ type: string; value: { code: string; message: string; topic: string; details: Record<string, string> } }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof DeclaredError) return error as never;
    throw error;
  }
  throw new Error('expected a declared error');
}

describe('SPLDataService write and read', () => {
  it('stores a record and reads it back by key with its writer schema', async () => {
    const { client, registry } = node();
    const data = payload(registry.v1, { id: 'u1', age: 30 });
    expect(await client.call('write', writeRequest('users', 'u1', data))).toBeNull();
    const page = (await client.call('read', readRequest('users', { primaryKey: 'u1' }))) as Page;
    expect(page.totalCount).toBe(1);
    expect(page.nextOffset).toBeNull();
    expect(page.primaryKeys).toEqual(['u1']);
    expect(page.records[0].value.equals(data.value)).toBe(true);
    expect(page.records[0].schema.name).toEqual({ string: 'spl.test.User' });
    expect(page.records[0].schema.fingerprint?.['spl.common.SchemaFingerprint'].equals(registry.v1.fingerprint)).toBe(true);
  });

  it('replaces a record by key, keeping its place in key order', async () => {
    const { client, registry } = node();
    for (const key of ['a', 'b', 'c']) await client.call('write', writeRequest('t', key, payload(registry.v1, { id: key, age: 1 })));
    await client.call('write', writeRequest('t', 'b', payload(registry.v1, { id: 'b', age: 2 })));
    const page = (await client.call('read', readRequest('t'))) as Page;
    expect(page.primaryKeys).toEqual(['a', 'b', 'c']);
    expect(page.totalCount).toBe(3);
    expect(registry.registry.decode(page.records[1].value, registry.v1)).toEqual({ id: 'b', age: 2 });
  });

  it('pages in primary key order with limit, offset, totalCount and nextOffset', async () => {
    const { client, registry } = node();
    const keys = Array.from({ length: 25 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    await Promise.all([...keys].reverse().map((key) => client.call('write', writeRequest('t', key, payload(registry.v1, { id: key, age: 0 })))));
    const seen: string[] = [];
    let offset: string | null = '0';
    const offsets: string[] = [];
    while (offset !== null) {
      offsets.push(offset);
      const page = (await client.call('read', readRequest('t', { limit: 10, offset: BigInt(offset) }))) as Page;
      expect(page.totalCount).toBe(25);
      seen.push(...page.primaryKeys);
      offset = page.nextOffset?.string ?? null;
    }
    expect(offsets).toEqual(['0', '10', '20']);
    expect(seen).toEqual(keys);
    const beyond = (await client.call('read', readRequest('t', { offset: 99 }))) as Page;
    expect(beyond).toMatchObject({ records: [], totalCount: 25, nextOffset: null });
    const huge = (await client.call('read', readRequest('t', { offset: 2n ** 62n }))) as Page;
    expect(huge.records).toEqual([]);
  });

  it('uses a default page size and caps large limits', async () => {
    const { client, registry } = node(tempDir(), { defaultPageSize: 3, maxPageSize: 5 });
    for (let i = 0; i < 8; i++) await client.call('write', writeRequest('t', `k${i}`, payload(registry.v1, { id: 'x', age: i })));
    expect(((await client.call('read', readRequest('t'))) as Page).nextOffset).toEqual({ string: '3' });
    const capped = (await client.call('read', readRequest('t', { limit: 1000 }))) as Page;
    expect(capped.records).toHaveLength(5);
    expect(capped.nextOffset).toEqual({ string: '5' });
    const counted = (await client.call('read', readRequest('t', { limit: 0 }))) as Page;
    expect(counted).toMatchObject({ records: [], totalCount: 8, nextOffset: { string: '0' } });
  });

  it('never skips a record when keys are inserted between pages (the boundary record may repeat)', async () => {
    const { client, registry } = node();
    for (const key of ['b', 'd', 'f', 'h']) await client.call('write', writeRequest('t', key, payload(registry.v1, { id: key, age: 0 })));
    const first = (await client.call('read', readRequest('t', { limit: 2 }))) as Page;
    expect(first.primaryKeys).toEqual(['b', 'd']);
    // Someone inserts before the cursor and after it.
    await client.call('write', writeRequest('t', 'a', payload(registry.v1, { id: 'a', age: 0 })));
    await client.call('write', writeRequest('t', 'z', payload(registry.v1, { id: 'z', age: 0 })));
    const second = (await client.call('read', readRequest('t', { limit: 10, offset: BigInt(first.nextOffset!.string) }))) as Page;
    expect(second.primaryKeys).toEqual(['d', 'f', 'h', 'z']);
    expect(second.totalCount).toBe(6);
  });

  it('lists topics sorted', async () => {
    const { client, registry } = node();
    expect(await client.call('listTopics', {})).toEqual([]);
    for (const topic of ['users', 'orders', 'audit']) await client.call('write', writeRequest(topic, 'k', payload(registry.v1, { id: 'k', age: 1 })));
    expect(await client.call('listTopics', {})).toEqual(['audit', 'orders', 'users']);
  });

  it('answers DataReadError for an unknown topic or key and for a bad offset', async () => {
    const { client, registry } = node();
    await client.call('write', writeRequest('users', 'u1', payload(registry.v1, { id: 'u1', age: 1 })));
    const topic = await declared(client.call('read', readRequest('nope')));
    expect(topic.type).toBe('spl.data.DataReadError');
    expect(topic.value).toMatchObject({ code: 'TOPIC_NOT_FOUND', topic: 'nope' });
    expect((await declared(client.call('read', readRequest('nope', { primaryKey: 'x' })))).value.code).toBe('TOPIC_NOT_FOUND');
    const key = await declared(client.call('read', readRequest('users', { primaryKey: 'u2' })));
    expect(key.value.code).toBe('RECORD_NOT_FOUND');
    expect(key.value.message).toContain("'u2'");
    const offset = await declared(client.call('read', readRequest('users', { offset: -1 })));
    expect(offset.value).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'offset' } });
  });
});

describe('SPLDataService write errors', () => {
  it('refuses an empty topic or key', async () => {
    const { client, registry } = node();
    const empty = await declared(client.call('write', writeRequest('', 'k', payload(registry.v1, { id: 'k', age: 1 }))));
    expect(empty.type).toBe('spl.data.DataWriteError');
    expect(empty.value).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'topic' } });
    expect((await declared(client.call('write', writeRequest('t', '', payload(registry.v1, { id: 'k', age: 1 }))))).value.code).toBe('INVALID_REQUEST');
  });

  it('answers SCHEMA_NOT_FOUND for a fingerprint the node does not know, and accepts the schema inline', async () => {
    const { client } = node();
    const stranger = new SchemaRegistry().register(ORDER);
    const unknown = await declared(client.call('write', writeRequest('orders', 'o1', payload(stranger, { total: 1.5 }))));
    expect(unknown.value).toMatchObject({ code: 'SCHEMA_NOT_FOUND', primaryKey: { string: 'o1' }, details: { fingerprint: stranger.hex } });
    expect(unknown.value.message).toContain('data.schema.json');
    await client.call('write', writeRequest('orders', 'o1', payload(stranger, { total: 1.5 }, { name: true, fingerprint: true, json: true })));
    // Known from now on by fingerprint alone.
    await client.call('write', writeRequest('orders', 'o2', payload(stranger, { total: 2 }, { fingerprint: true })));
    expect(((await client.call('read', readRequest('orders'))) as Page).totalCount).toBe(2);
  });

  it('refuses bytes that are not a value of the writer schema', async () => {
    const { client, registry } = node();
    const data = payload(registry.v1, { id: 'u1', age: 1 });
    data.value = data.value.subarray(0, 2);
    const bad = await declared(client.call('write', writeRequest('users', 'u1', data)));
    expect(bad.value.code).toBe('INVALID_REQUEST');
    expect(bad.value.message).toMatch(/not an Avro binary value of spl\.test\.User/);
  });

  it("checks the data against the topic's schema when the request names one", async () => {
    const { client, registry } = node();
    const order = registry.registry.register(ORDER);
    const mismatch = await declared(client.call('write', writeRequest('users', 'u1', payload(order, { total: 1 }), 'spl.test.User')));
    expect(mismatch.value.code).toBe('SCHEMA_MISMATCH');
    expect(mismatch.value.details).toMatchObject({ readerSchema: 'spl.test.User', writerSchema: 'spl.test.Order' });
    const unknown = await declared(client.call('write', writeRequest('users', 'u1', payload(registry.v1, { id: 'u', age: 1 }), 'spl.test.Nope')));
    expect(unknown.value.code).toBe('SCHEMA_NOT_FOUND');
    // An older version that resolves to the topic's schema is fine.
    registry.registry.register(USER_V2);
    await client.call('write', writeRequest('users', 'u1', payload(registry.v1, { id: 'u', age: 1 }), 'spl.test.User'));
  });
});

describe('schema evolution of stored records', () => {
  it('reads records written with an old version as the new one, also after a restart', async () => {
    const dir = tempDir();
    const first = node(dir);
    await first.client.call('write', writeRequest('users', 'u1', payload(first.registry.v1, { id: 'u1', age: 41 })));
    await first.service.close();

    // A new process: a fresh registry that knows only v2 (the module's current schema).
    const registry = new SchemaRegistry();
    const v2 = registry.register(USER_V2);
    const service = createDataService({ dataDir: dir, registry });
    services.push(service);
    const v2Bytes = v2.type.toBuffer({ id: 'u2', age: 2n ** 60n, email: { string: 'u2@example.org' } });
    await service.handlers.write(writeRequest('users', 'u2', { schema: { name: null, fingerprint: { x: v2.fingerprint }, json: null }, value: v2Bytes }), {} as never);
    const page = service.store.readValues({ topic: 'users', readerSchema: 'spl.test.User' });
    expect(page.records.map((r) => r.value)).toEqual([
      { id: 'u1', age: 41, email: null },
      { id: 'u2', age: 2n ** 60n, email: { string: 'u2@example.org' } },
    ]);
    // The old writer schema came back from the data directory, under its own fingerprint.
    expect(page.records[0].writer.hex).toBe(first.registry.v1.hex);
    expect(registry.byName('spl.test.User')).toBe(v2);
    // Read as written (no reader schema): each record in its own writer's shape.
    expect(service.store.readValues({ topic: 'users', primaryKey: 'u1' }).records[0].value).toEqual({ id: 'u1', age: 41 });
    // A reader that cannot read the data: SCHEMA_MISMATCH, by field.
    registry.register(ORDER);
    expect(() => service.store.readValues({ topic: 'users', readerSchema: 'spl.test.Order' })).toThrow(/cannot be read as spl\.test\.Order/);
  });
});

describe('storage failures', () => {
  it('answers STORAGE_FAILURE for writes to a read-only store, and still reads', async () => {
    const dir = tempDir();
    const writer = node(dir);
    await writer.client.call('write', writeRequest('t', 'a', payload(writer.registry.v1, { id: 'a', age: 1 })));
    await writer.service.close();
    // Opening read-only stands in for a read-only directory (as root, chmod would not stop
    // SQLite); sqlite-record-store.test.ts mounts a real read-only directory where it can.
    const { client, registry, service } = node(dir, { openStore: () => openSqliteRecordStore(dir, { readOnly: true }) });
    expect(service.problem).toMatch(/open for reading only/);
    expect(((await client.call('read', readRequest('t'))) as Page).primaryKeys).toEqual(['a']);
    const failure = await declared(client.call('write', writeRequest('t', 'b', payload(registry.v1, { id: 'b', age: 1 }))));
    expect(failure.value.code).toBe('STORAGE_FAILURE');
    expect(failure.value.message).toMatch(/make the data directory writable/);
    expect(failure.value.details.kind).toBe('read-only');
  });

  it('answers STORAGE_FAILURE when the disk is full, and keeps serving', async () => {
    const dir = tempDir();
    // max_page_count makes SQLite report SQLITE_FULL, as a full disk does (the real tmpfs case is
    // in sqlite-record-store.test.ts).
    const { client, registry } = node(dir, { openStore: () => openSqliteRecordStore(dir, { maxPageCount: 16 }) });
    const big = 'x'.repeat(3000);
    let failure: Awaited<ReturnType<typeof declared>> | undefined;
    let stored = 0;
    for (let i = 0; i < 100 && !failure; i++) {
      try {
        await client.call('write', writeRequest('t', `k${i}`, payload(registry.v1, { id: big, age: i })));
        stored++;
      } catch (error) {
        if (!(error instanceof DeclaredError)) throw error;
        failure = error as never;
      }
    }
    expect(failure?.value.code).toBe('STORAGE_FAILURE');
    expect(failure?.value.message).toMatch(/is full: free some space/);
    expect(failure?.value.details).toMatchObject({ kind: 'full', code: 'SQLITE_FULL' });
    expect(((await client.call('read', readRequest('t'))) as Page).totalCount).toBe(stored);
  });

  it('answers STORAGE_FAILURE while the data directory cannot be opened, and heals once it can', async () => {
    const dir = tempDir();
    const blocked = path.join(dir, 'data');
    writeFileSync(blocked, 'not a directory');
    const { client, registry, service } = node(blocked, { retryOpenMs: 0 });
    expect(service.problem).toMatch(/opening the data store failed/);
    const write = await declared(client.call('write', writeRequest('t', 'a', payload(registry.v1, { id: 'a', age: 1 }))));
    expect(write.value.code).toBe('STORAGE_FAILURE');
    expect((await declared(client.call('read', readRequest('t')))).value.code).toBe('STORAGE_FAILURE');
    await expect(client.call('listTopics', {})).rejects.toThrow(/opening the data store failed/);
    rmSync(blocked);
    await client.call('write', writeRequest('t', 'a', payload(registry.v1, { id: 'a', age: 1 })));
    expect(service.problem).toBeUndefined();
    expect(await client.call('listTopics', {})).toEqual(['t']);
  });
});
