/**
 * Every JavaScript example of the seed (../shared/seed/avro-service-definitions.md), run. Where
 * the seed writes a generic `record` (not valid Avro), the value travels as a typed Payload
 * (`spl.avro.payload(schema, value)`), as definitions/README.md explains; the rest is as written.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protocolToJson } from '../../../shared/avro/schema-writer.js';
import { toJsonText } from '../../../shared/avro/json-text.js';
import { loadDefinition } from '../definitions.js';
import { silentLogger } from '../modules/logger.js';
import type { Payload } from '../services/client-types.js';
import { createSpl, type Spl } from './create-spl.js';

const SAMPLE_MODULES = path.resolve(import.meta.dirname, '../../../assets/modules');

const UserSchema = {
  type: 'record',
  name: 'UserSchema',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'age', type: 'int' },
    { name: 'email', type: ['null', 'string'], default: null },
  ],
};
const userData = { name: 'Ada', age: 36, email: 'ada@example.org' };

describe('the seed\'s JavaScript examples', () => {
  const dirs: string[] = [];
  let spl: Spl;
  const tempDir = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'spl-seed-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    spl = await createSpl({ dataDir: await tempDir(), modules: [SAMPLE_MODULES], watchModules: false, logger: silentLogger });
    spl.avro.registerSchema(UserSchema);
    await spl.pipeline.register({ name: 'word-stats', stages: [{ module: 'tools/text/split-words' }, { module: 'apps/analytics/count-words' }, { module: 'apps/analytics/summarize' }] });
  });
  afterAll(async () => {
    await spl?.close();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  // Elsewhere the default is the real per-user folder (services/data-dir.test.ts checks each platform's).
  it.runIf(process.platform === 'linux')('createSpl() with no options: an in-process node, the built-in modules, a default data directory; close() releases it', async () => {
    const home = await tempDir();
    const saved = process.env.XDG_DATA_HOME;
    process.env.XDG_DATA_HOME = home;
    try {
      const local = await createSpl({ logger: silentLogger });
      expect(local.dataDir).toBe(path.join(home, 'spl-studio', 'node'));
      expect(local.modules().map((m) => m.module)).toEqual(['spl/data/read', 'spl/data/topics', 'spl/data/write', 'spl/execute/next', 'spl/pipeline/run']);
      expect(await local.execute('spl/data/topics')).toEqual({ topics: [] });
      await local.close();
      await local.close(); // twice is fine
    } finally {
      if (saved === undefined) delete process.env.XDG_DATA_HOME;
      else process.env.XDG_DATA_HOME = saved;
    }
  });

  it("const result = await spl.execute('spl/data/write', input)  (current local module execution)", async () => {
    const input = { topic: 'users', primaryKey: 'user123', data: spl.avro.payload('UserSchema', userData) };
    const result = await spl.execute('spl/data/write', input);
    expect(result).toBeUndefined(); // status COMPLETED: stored, nothing to return
    const read = (await spl.execute('spl/data/read', { topic: 'users', primaryKey: 'user123' })) as { records: Payload[]; primaryKeys: string[] };
    expect(read.primaryKeys).toEqual(['user123']);
    expect(spl.avro.decode(read.records[0])).toEqual(userData);
  });

  it("await spl.execute('spl/execute/next', { headers: { spl: { execute: context } }, value: pipelineData })  (current pipeline execution)", async () => {
    // Continue the registered word-stats pipeline after its first stage: pipelineData is what stage 0 would have produced.
    const context = { pipeline: 'word-stats', next: 1 };
    const pipelineData = { words: ['to', 'be', 'or', 'not', 'to', 'be'] };
    const summary = await spl.execute('spl/execute/next', { headers: { spl: { execute: context } }, value: pipelineData });
    expect(summary).toEqual({ totalWords: 6, distinctWords: 4, topWords: ['be', 'to', 'not'], mostFrequent: 'be' });

    // An inline pipeline, as SPlectrum's execution context lists it: module URIs in order.
    const inline = { pipeline: ['tools/text/split-words', 'apps/analytics/count-words'] };
    const counts = await spl.execute('spl/execute/next', { headers: { spl: { execute: inline } }, value: { text: 'b a b' } });
    expect(counts).toEqual({ counts: [{ word: 'b', count: 2 }, { word: 'a', count: 1 }], total: 3 });
  });

  it("spl.avro.getService('SPLDataService').write({ topic, primaryKey, data, schema })  (backward compatibility layer)", async () => {
    const legacyResult = await spl.execute('spl/data/write', { topic: 'users', primaryKey: 'user124', data: spl.avro.payload('UserSchema', { name: 'Bob', age: 41 }) });
    expect(legacyResult).toBeUndefined();

    const dataService = spl.avro.getService('SPLDataService');
    const avroResult = await dataService.write({
      topic: 'users',
      primaryKey: 'user123',
      data: spl.avro.payload('UserSchema', userData),
      schema: 'UserSchema',
    });
    expect(avroResult).toBeNull();
    const page = await dataService.read({ topic: 'users' });
    expect(page.primaryKeys).toEqual(['user123', 'user124']);
    expect(page.records.map((r) => spl.avro.decode(r))).toEqual([userData, { name: 'Bob', age: 41, email: null }]);
  });

  it("spl.avro.registerService('SPLDataService', { implementation, definition })  (service registration)", async () => {
    const own = await createSpl({ dataDir: await tempDir(), logger: silentLogger });
    try {
      // What `require('./modules/spl/avro/definitions/spl-data.avsc')` gives: the protocol's JSON.
      const definition = JSON.parse(toJsonText(protocolToJson(await loadDefinition('data')))) as Record<string, unknown>;
      const records = new Map<string, Payload>();
      const implementation = {
        write: (request: { topic: string; primaryKey: string; data: Payload }) => void records.set(`${request.topic}/${request.primaryKey}`, request.data),
        read: (request: { topic: string; primaryKey: string | null }) => {
          const keys = [...records.keys()].filter((k) => k.startsWith(`${request.topic}/`) && (request.primaryKey === null || k === `${request.topic}/${request.primaryKey}`));
          return { records: keys.map((k) => records.get(k)!), totalCount: keys.length, primaryKeys: keys.map((k) => k.slice(request.topic.length + 1)) };
        },
        listTopics: () => [...new Set([...records.keys()].map((k) => k.split('/')[0]))].sort(),
      };
      own.avro.registerService('SPLDataService', { implementation, definition });

      own.avro.registerSchema(UserSchema);
      await own.avro.getService('SPLDataService').write({ topic: 'users', primaryKey: 'u1', data: own.avro.payload('UserSchema', userData) });
      expect([...records.keys()]).toEqual(['users/u1']);
      // The built-in data modules go through the service too.
      expect(await own.execute('spl/data/topics')).toEqual({ topics: ['users'] });
      // A result that does not fit the contract is refused with its path.
      own.avro.registerService('SPLDataService', { implementation: { ...implementation, listTopics: () => [1] }, definition });
      await expect(own.avro.getService('SPLDataService').listTopics()).rejects.toThrow(/listTopics returned a value that does not fit its schema: at response\[0\]: expected a string, got 1/);
      expect(() => own.avro.registerService('SPLDataService', { implementation: { write() {} }, definition })).toThrow('the implementation of SPLDataService lacks read, listTopics');
    } finally {
      await own.close();
    }
  });

  it("const clients = spl.avro.generateClients(['SPLExecuteService', 'SPLDataService', 'SPLPipelineService'])  (type-safe client generation)", async () => {
    spl.avro.registerSchema({ type: 'record', name: 'EventSchema', fields: [{ name: 'kind', type: 'string' }, { name: 'at', type: 'long' }] });
    const eventData = spl.avro.payload('EventSchema', { kind: 'login', at: 1_700_000_000_000 });

    const clients = spl.avro.generateClients(['SPLExecuteService', 'SPLDataService', 'SPLPipelineService']);
    const result = await clients.data.write({
      topic: 'events', // Type: string (required)
      primaryKey: 'evt001', // Type: string (required)
      data: eventData, // Type: Payload (required)
      schema: 'EventSchema', // Type: string (optional)
    });
    expect(result).toBeNull();
    expect(await clients.execute.listAvailableModules()).toContain('tools/text/uppercase');
    expect(await clients.pipeline.listPipelines()).toEqual(['word-stats']);
    // Misuse fails to compile, and at run time with the field path and expected type.
    // @ts-expect-error topic is a string
    await expect(clients.data.write({ topic: 5, primaryKey: 'evt002', data: eventData })).rejects.toThrow('invalid request for SPLDataService.write: at request.topic: expected a string, got 5');
    // @ts-expect-error there is no such message
    expect(clients.data.remove).toBeUndefined();
  });

  it("spl.avro.getDistributedService('SPLExecuteService', { transport, endpoint })  (network transport)", async () => {
    // node-02: another node, serving over HTTP and TCP, with a module spl/ml/analyze.
    const node02 = await createSpl({ dataDir: await tempDir(), http: 0, tcp: 0, nodeId: 'node-02', logger: silentLogger });
    try {
      const MlData = { type: 'record', name: 'MlData', namespace: 'spl.ml', fields: [{ name: 'samples', type: { type: 'array', items: 'double' } }] };
      const Analysis = { type: 'record', name: 'Analysis', namespace: 'spl.ml', fields: [{ name: 'mean', type: 'double' }, { name: 'count', type: 'int' }] };
      node02.registerModule({
        uri: 'spl/ml/analyze',
        input: MlData,
        output: Analysis,
        handler: (input: { samples: number[] }) => ({ mean: input.samples.reduce((a, b) => a + b, 0) / input.samples.length, count: input.samples.length }),
      });
      const mlData = spl.avro.payload(MlData, { samples: [1, 2, 3, 6] });

      for (const [transport, endpoint] of [['http', node02.http!.url], ['tcp', node02.tcp!.url]] as const) {
        const distributedService = spl.avro.getDistributedService('SPLExecuteService', { transport, endpoint });
        const remoteResult = await distributedService.execute({
          module: 'spl/ml/analyze',
          value: mlData,
        });
        expect(remoteResult.status).toBe('DATA');
        expect(spl.avro.decode(remoteResult.value as Payload)).toEqual({ mean: 3, count: 4 });
        // The remote node says what does not fit, with the path and the expected type.
        const wrong = spl.avro.payload({ type: 'record', name: 'MlData', namespace: 'spl.ml', fields: [{ name: 'samples', type: { type: 'array', items: 'string' } }] }, { samples: ['x'] });
        await expect(distributedService.execute({ module: 'spl/ml/analyze', value: wrong })).rejects.toMatchObject({
          type: 'spl.common.ExecutionError',
          value: { code: 'SCHEMA_MISMATCH', nodeId: 'node-02', details: { problems: expect.stringContaining('MlData.samples[]: writer type string cannot be read as reader type double') } },
        });
      }
      const distributedData = spl.avro.getDistributedService('SPLDataService', { endpoint: node02.tcp!.url });
      expect(await distributedData.listTopics()).toEqual([]);
    } finally {
      await node02.close();
    }
  });

  it("const executeModule = await spl.loadModule('spl/execute', { contractValidation: true, serviceDefinition: 'SPLExecuteService' })  (module system enhancement)", async () => {
    const executeModule = await spl.loadModule('spl/execute', { contractValidation: true, serviceDefinition: 'SPLExecuteService' });
    expect(executeModule.modules.map((m) => m.module)).toEqual(['spl/execute/next']);
    expect(await executeModule.service.describeModule('spl/execute/next')).toMatchObject({ module: 'spl/execute/next', inputSchema: null });
    expect(await executeModule.execute({ headers: { spl: { execute: { pipeline: 'word-stats', next: 2 } } }, value: { counts: [{ word: 'x', count: 2 }], total: 2 } }))
      .toEqual({ totalWords: 2, distinctWords: 1, topWords: ['x'], mostFrequent: 'x' });

    const data = await spl.loadModule('spl/data', { contractValidation: true, serviceDefinition: 'SPLDataService' });
    expect(data.modules.map((m) => m.module)).toEqual(['spl/data/read', 'spl/data/topics', 'spl/data/write']);

    const uppercase = await spl.loadModule('tools/text/uppercase');
    expect(await uppercase.execute({ text: 'typed' })).toEqual({ text: 'TYPED' });
    await expect(uppercase.execute({ text: ['no'] })).rejects.toThrow('at input.text: expected a string, got an array of 1 item');
    const direct = await spl.loadModule('tools/text/uppercase', { contractValidation: false });
    expect(await direct.execute({ text: 'direct' })).toEqual({ text: 'DIRECT' });
    await expect(spl.loadModule('spl/nothing')).rejects.toThrow("no module 'spl/nothing'");
  });

  it("spl.pipeline.define({ name: 'user-analytics', stages: [...] })  (pipeline type safety)", async () => {
    // As the seed writes it, on a node without spl/ml/analyze: refused, every problem explained.
    const seedStages = [
      { module: 'spl/data/read', outputSchema: 'UserData' },
      { module: 'spl/ml/analyze', inputSchema: 'UserData', outputSchema: 'Analytics' },
      { module: 'spl/data/write', inputSchema: 'Analytics' },
    ];
    let refused: unknown;
    try {
      spl.pipeline.define({ name: 'user-analytics', stages: seedStages });
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ type: 'spl.pipeline.PipelineError', value: { code: 'INVALID_PIPELINE', pipeline: 'user-analytics', stage: 0 } });
    const message = (refused as Error).message;
    expect(message).toContain('stage 0: its outputSchema is UserData, but module spl/data/read writes spl.data.DataResponse');
    expect(message).toContain("stage 1: no module 'spl/ml/analyze' on this node");
    expect(message).toContain('stage 2: its inputSchema is Analytics, but module spl/data/write reads spl.data.DataWriteRequest');

    // With modules that read and write those schemas, the same shape is accepted and runs.
    const UserQuery = { type: 'record', name: 'UserQuery', namespace: 'apps.users', fields: [{ name: 'topic', type: 'string' }] };
    const UserData = { type: 'record', name: 'UserData', namespace: 'apps.users', fields: [{ name: 'ages', type: { type: 'array', items: 'int' } }] };
    const Analytics = { type: 'record', name: 'Analytics', namespace: 'apps.users', fields: [{ name: 'users', type: 'int' }, { name: 'meanAge', type: 'double' }] };
    spl.registerModule({
      uri: 'apps/users/load',
      input: UserQuery,
      output: UserData,
      handler: async (query: { topic: string }, context) => {
        const page = await context.services.data.read({ topic: query.topic });
        return { ages: page.records.map((r) => (spl.avro.decode(r) as { age: number }).age) };
      },
    });
    spl.registerModule({ uri: 'spl/ml/analyze', input: UserData, output: Analytics, handler: (d: { ages: number[] }) => ({ users: d.ages.length, meanAge: d.ages.reduce((a, b) => a + b, 0) / d.ages.length }) });
    spl.registerModule({
      uri: 'apps/users/store-analytics',
      input: Analytics,
      handler: async (a: unknown, context) => {
        await context.services.data.write({ topic: 'analytics', primaryKey: context.headers['apps.users.key'] ?? 'latest', data: spl.avro.payload('apps.users.Analytics', a) });
      },
    });
    const analyticsPipeline = spl.pipeline.define({
      name: 'user-analytics',
      stages: [
        { module: 'apps/users/load', outputSchema: 'UserData' },
        { module: 'spl/ml/analyze', inputSchema: 'UserData', outputSchema: 'Analytics' },
        { module: 'apps/users/store-analytics', inputSchema: 'Analytics', configuration: { 'apps.users.key': 'today' } },
      ],
    });
    expect(analyticsPipeline.stages.map((s) => `${s.inputSchema} -> ${s.outputSchema}`)).toEqual(['apps.users.UserQuery -> apps.users.UserData', 'apps.users.UserData -> apps.users.Analytics', 'apps.users.Analytics -> null']);
    const run = await analyticsPipeline.run({ topic: 'users' });
    expect(run.status).toBe('COMPLETED');
    expect(run.stages.map((s) => [s.module, s.status])).toEqual([['apps/users/load', 'DATA'], ['spl/ml/analyze', 'DATA'], ['apps/users/store-analytics', 'COMPLETED']]);
    const stored = await spl.avro.getService('SPLDataService').read({ topic: 'analytics', primaryKey: 'today' });
    expect(spl.avro.decode(stored.records[0])).toEqual({ users: 2, meanAge: 38.5 });
    await analyticsPipeline.register();
    expect(await spl.pipeline.list()).toEqual(['user-analytics', 'word-stats']);
  });

  it('a wrong payload fails with the field path and the expected type, through every path', async () => {
    await expect(spl.execute('tools/text/uppercase', { text: 42 })).rejects.toThrow('the input of tools/text/uppercase does not fit tools.text.Text: at input.text: expected a string, got 42');
    await expect(spl.execute('tools/text/uppercase', { txt: 'x' })).rejects.toThrow("at input.text: missing field 'text' of Text");
    await expect(spl.avro.getService('SPLDataService').read({ topic: 'users', limit: 'ten' as never })).rejects.toThrow('at request.limit: expected a value of one of the union\'s branches (null, long), got "ten"');
    expect(() => spl.avro.payload('UserSchema', { name: 'Ada', age: '36' })).toThrow('the value does not fit UserSchema: at value.age: expected an int');
    await expect(spl.pipeline.run('word-stats', { text: 7 })).rejects.toThrow('at input.text: expected a string, got 7');
    await expect(spl.execute('spl/execute/next', { headers: { spl: { execute: { pipeline: 'word-stats', next: 2 } } }, value: { counts: 'many', total: 1 } }))
      .rejects.toMatchObject({ value: { code: 'INVALID_REQUEST', details: { path: 'input.counts', expected: 'an array of WordCount' } } });
    // Avro JSON text as an execute value is read against the module's input schema, with line and column.
    await expect(spl.avro.getService('SPLExecuteService').execute({ module: 'tools/text/uppercase', value: '{"text": true}' }))
      .rejects.toMatchObject({ type: 'spl.common.ExecutionError', value: { code: 'INVALID_REQUEST', details: { path: 'text', expected: 'a string', got: 'true' } } });
  });
});
