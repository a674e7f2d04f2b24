/**
 * SPLExecuteService over the whole wire path (InProcessChannel: encode, handshake, decode, no
 * sockets): statuses, headers, typed results as Payloads, schema lookups, and every kind of
 * input that does not fit, each explained.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NamedSchema } from '../../../shared/avro/model.js';
import { readSchemaJson } from '../../../shared/avro/schema-reader.js';
import { fingerprintHex } from '../../../shared/avro/fingerprint.js';
import { InProcessClient } from '../rpc/in-process.js';
import { ModuleFailure } from '../modules/module.js';
import { createNodeCore, type NodeCore } from './node-core.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../../assets/modules');
const named = (json: object): NamedSchema => readSchemaJson(JSON.stringify(json), { file: 'test.avsc' }).schema as NamedSchema;
const Count = named({ type: 'record', name: 'Count', namespace: 't', fields: [{ name: 'n', type: 'int' }] });

describe('SPLExecuteService', () => {
  let dir: string;
  let core: NodeCore;
  let client: InProcessClient;
  const payloadOf = (fullName: string, value: unknown, json = false) => {
    const schema = core.schemas.byName(fullName)!;
    return { 'spl.common.Payload': { schema: { name: { string: fullName }, fingerprint: { 'spl.common.SchemaFingerprint': schema.fingerprint }, json: json ? { string: schema.json } : null }, value: schema.type.toBuffer(value) } };
  };
  const execute = (module: string, value: unknown = null, headers: Record<string, string> = {}, schema: string | null = null) =>
    client.call('execute', { request: { module, headers, value, schema: schema === null ? null : { string: schema } } }) as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spl-execute-'));
    core = await createNodeCore({ nodeId: 'exec-node', dataDir: dir, moduleDirs: [SAMPLES], watchModules: false });
    core.modules.register({ uri: 'test/text', handler: (text: string | null) => (text === null ? undefined : `<${text}>`) });
    core.modules.register({ uri: 'test/blob', handler: () => Buffer.from([1, 2, 3]) });
    core.modules.register({ uri: 'test/fail', handler: () => { throw new ModuleFailure('no such thing', 'RECORD_NOT_FOUND'); } });
    core.modules.register({ uri: 'test/crash', handler: () => { throw new TypeError('oops'); } });
    core.modules.register({ uri: 'test/bad-output', output: Count, handler: () => ({ n: 'seven' }) });
    core.modules.register({ uri: 'test/count', input: Count, output: Count, handler: (c: { n: number }) => ({ n: c.n + 1 }) });
    client = new InProcessClient(core.server, core.protocol('SPLExecuteService'), { binary: true });
  });
  afterAll(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists and describes its modules', async () => {
    expect(await client.call('listAvailableModules', {})).toEqual(core.modules.list().map((m) => m.uri));
    expect(await client.call('listAvailableModules', {})).toContain('spl/execute/next');
    expect(await client.call('describeModule', { module: 'tools/text/split-words' })).toEqual({
      module: 'tools/text/split-words',
      description: { string: 'Splits a text into its words (letters, digits and apostrophes), in order.' },
      inputSchema: { string: 'tools.text.Text' },
      outputSchema: { string: 'tools.text.Words' },
    });
    await expect(client.call('describeModule', { module: 'no/such' })).rejects.toMatchObject({ type: 'spl.common.ExecutionError', value: { code: 'MODULE_NOT_FOUND', module: { string: 'no/such' }, nodeId: { string: 'exec-node' } } });
  });

  it('answers schemas by module, by name and by fingerprint', async () => {
    const text = JSON.parse((await client.call('getModuleSchema', { module: 'tools/text/uppercase' })) as string);
    expect(text).toMatchObject({ type: 'record', name: 'Text', namespace: 'tools.text' });
    expect(JSON.parse((await client.call('getModuleSchema', { module: 'apps.analytics.WordCounts' })) as string)).toMatchObject({ name: 'WordCounts' });
    const words = core.schemas.byName('tools.text.Words')!;
    expect(JSON.parse((await client.call('getSchemaByFingerprint', { fingerprint: words.fingerprint })) as string)).toMatchObject({ name: 'Words' });
    await expect(client.call('getModuleSchema', { module: 'spl/data/topics' })).rejects.toMatchObject({ value: { code: 'SCHEMA_NOT_FOUND', message: expect.stringContaining('takes no typed input') } });
    await expect(client.call('getModuleSchema', { module: 'no.Such' })).rejects.toMatchObject({ value: { code: 'SCHEMA_NOT_FOUND' } });
    await expect(client.call('getSchemaByFingerprint', { fingerprint: Buffer.alloc(8) })).rejects.toMatchObject({ value: { code: 'SCHEMA_NOT_FOUND', details: { fingerprint: '0000000000000000' } } });
  });

  it('runs a typed module on a Payload: status DATA, a typed Payload back, headers updated', async () => {
    const response = await execute('apps/analytics/count-words', payloadOf('tools.text.Words', { words: ['a', 'B', 'b'], source: null }), { trace: 't-1' });
    expect(response.status).toBe('DATA');
    expect(response.headers).toEqual({ trace: 't-1', 'apps.analytics.distinct': '2' });
    const payload = response.value['spl.common.Payload'];
    const counts = core.schemas.byName('apps.analytics.WordCounts')!;
    expect(payload.schema).toEqual({ name: { string: 'apps.analytics.WordCounts' }, fingerprint: { 'spl.common.SchemaFingerprint': counts.fingerprint }, json: null });
    expect(counts.type.fromBuffer(payload.value)).toMatchObject({ counts: [{ word: 'b', count: 2 }, { word: 'a', count: 1 }], total: 3 });
    expect(response.stages).toEqual([]);
  });

  it('reads Avro JSON text for a typed module, and answers DATA, BLOB, COMPLETED and ERROR as the module ran', async () => {
    expect((await execute('tools/text/uppercase', { string: '{"text": "hi"}' })).status).toBe('DATA');
    expect(await execute('test/text', { string: 'x' })).toMatchObject({ status: 'DATA', value: { string: '<x>' } });
    expect(await execute('test/blob')).toMatchObject({ status: 'BLOB', value: { bytes: Buffer.from([1, 2, 3]) } });
    expect(await execute('test/text')).toMatchObject({ status: 'COMPLETED', value: null });
    expect(await execute('test/fail')).toMatchObject({ status: 'ERROR', value: null, errorMessage: { string: 'no such thing' }, errorCode: { string: 'RECORD_NOT_FOUND' } });
  });

  it('resolves a Payload written with another version of the schema', async () => {
    // A writer that has an extra field (skipped) and an int where the reader... is an int: resolution, not identity.
    const newer = named({ type: 'record', name: 'Count', namespace: 't', fields: [{ name: 'n', type: 'int' }, { name: 'unit', type: 'string', default: 'pcs' }] });
    const writer = core.schemas.register(newer, { current: false });
    const value = { 'spl.common.Payload': { schema: { name: null, fingerprint: null, json: { string: writer.json } }, value: writer.type.toBuffer({ n: 41, unit: 'kg' }) } };
    const response = await execute('test/count', value);
    expect(core.schemas.byName('t.Count')!.type.fromBuffer(response.value['spl.common.Payload'].value)).toEqual({ n: 42 });
  });

  it('explains every input that does not fit: the path, the expected type, the schemas', async () => {
    await expect(execute('tools/text/uppercase', { string: '{"text": 5}' })).rejects.toMatchObject({
      type: 'spl.common.ExecutionError',
      value: { code: 'INVALID_REQUEST', module: { string: 'tools/text/uppercase' }, details: { path: 'text', expected: 'a string', got: '5' }, message: expect.stringContaining('1:10: at text: expected a string, got 5') },
    });
    await expect(execute('tools/text/uppercase')).rejects.toMatchObject({ value: { code: 'INVALID_REQUEST', message: expect.stringContaining('reads tools.text.Text: send a Payload of it') } });
    const stranger = { 'spl.common.Payload': { schema: { name: { string: 'x.Unknown' }, fingerprint: { 'spl.common.SchemaFingerprint': Buffer.alloc(8, 7) }, json: null }, value: Buffer.alloc(0) } };
    await expect(execute('tools/text/uppercase', stranger)).rejects.toMatchObject({ value: { code: 'SCHEMA_NOT_FOUND', details: { fingerprint: fingerprintHex(Buffer.alloc(8, 7)) } } });
    await expect(execute('apps/analytics/summarize', payloadOf('tools.text.Words', { words: [], source: null }))).rejects.toMatchObject({
      value: { code: 'SCHEMA_MISMATCH', details: { writerSchema: 'tools.text.Words', readerSchema: 'apps.analytics.WordCounts' } },
    });
    await expect(execute('tools/text/uppercase', payloadOf('tools.text.Text', { text: 'a' }), {}, 'tools.text.Words')).rejects.toMatchObject({ value: { code: 'SCHEMA_MISMATCH', message: expect.stringContaining('reads tools.text.Text, not tools.text.Words') } });
    const truncated = payloadOf('tools.text.Text', { text: 'abc' });
    truncated['spl.common.Payload'].value = truncated['spl.common.Payload'].value.subarray(0, 2);
    await expect(execute('tools/text/uppercase', truncated)).rejects.toMatchObject({ value: { code: 'INVALID_REQUEST' } });
    await expect(execute('no/such')).rejects.toMatchObject({ value: { code: 'MODULE_NOT_FOUND' } });
  });

  it('says when a module crashes or returns what its schema does not allow', async () => {
    await expect(execute('test/crash')).rejects.toMatchObject({ value: { code: 'MODULE_FAILED', message: 'module test/crash failed: oops' } });
    await expect(execute('test/bad-output')).rejects.toMatchObject({
      value: { code: 'MODULE_FAILED', details: { path: 'output.n', expected: expect.stringContaining('an int'), got: '"seven"' } },
    });
  });
});
