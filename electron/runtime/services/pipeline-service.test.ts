/**
 * SPLPipelineService over the whole wire path: pipelines checked when registered (every
 * mismatch by field path), kept across restarts, run by name or inline with a per-stage trace.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NamedSchema } from '../../../shared/avro/model.js';
import { readSchemaJson } from '../../../shared/avro/schema-reader.js';
import { InProcessClient } from '../rpc/in-process.js';
import { silentLogger } from '../modules/logger.js';
import { createNodeCore, type NodeCore } from './node-core.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../../assets/modules');
const WORD_STATS = {
  name: 'word-stats',
  stages: [
    { module: 'tools/text/split-words', configuration: {}, inputSchema: null, outputSchema: null },
    { module: 'apps/analytics/count-words', configuration: {}, inputSchema: { string: 'apps.analytics.WordList' }, outputSchema: null },
    { module: 'apps/analytics/summarize', configuration: { 'apps.analytics.top': '2' }, inputSchema: null, outputSchema: { string: 'Summary' } },
  ],
  globalConfig: { lang: 'en' },
  description: { string: 'Words of a text, counted and summarized.' },
};

describe('SPLPipelineService', () => {
  let dir: string;
  let core: NodeCore;
  let client: InProcessClient;
  const open = async () => {
    const opened = await createNodeCore({ nodeId: 'pipe-node', dataDir: dir, moduleDirs: [SAMPLES], watchModules: false, logger: silentLogger });
    return { core: opened, client: new InProcessClient(opened.server, opened.protocol('SPLPipelineService'), { binary: true }) };
  };
  const text = (value: string) => {
    const schema = core.schemas.byName('tools.text.Text')!;
    return { schema: { name: { string: 'tools.text.Text' }, fingerprint: { 'spl.common.SchemaFingerprint': schema.fingerprint }, json: null }, value: schema.type.toBuffer({ text: value }) };
  };
  const run = (pipeline: unknown, input: unknown, context: Record<string, string> = {}) => client.call('executePipeline', { request: { pipeline, input, context } }) as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spl-pipelines-'));
    ({ core, client } = await open());
  });
  afterAll(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('registers, lists and returns pipelines, and keeps them across restarts', async () => {
    expect(await client.call('registerPipeline', { pipeline: WORD_STATS })).toBeNull();
    expect(await client.call('listPipelines', {})).toEqual(['word-stats']);
    expect(await client.call('getPipeline', { name: 'word-stats' })).toEqual(WORD_STATS);
    await core.close();
    ({ core, client } = await open());
    expect(await client.call('listPipelines', {})).toEqual(['word-stats']);
    expect(await client.call('getPipeline', { name: 'word-stats' })).toEqual(WORD_STATS);
    await expect(client.call('getPipeline', { name: 'nope' })).rejects.toMatchObject({ type: 'spl.pipeline.PipelineError', value: { code: 'PIPELINE_NOT_FOUND', message: "no pipeline 'nope' is registered on this node; it has word-stats" } });
  });

  it('runs a registered pipeline with a per-stage trace', async () => {
    const response = await run({ string: 'word-stats' }, text('the cat saw the other cat and the dog'), { trace: 'r1' });
    expect(response.status).toBe('DATA');
    const summary = core.schemas.byName('apps.analytics.Summary')!;
    expect(summary.type.fromBuffer(response.value['spl.common.Payload'].value)).toMatchObject({ totalWords: 9, distinctWords: 6, topWords: ['the', 'cat'] });
    expect(response.headers).toEqual({ trace: 'r1', 'apps.analytics.distinct': '6' });
    expect(response.stages.map((s: { index: number; module: string; status: string }) => [s.index, s.module, s.status])).toEqual([[0, 'tools/text/split-words', 'DATA'], [1, 'apps/analytics/count-words', 'DATA'], [2, 'apps/analytics/summarize', 'DATA']]);
    for (const stage of response.stages) {
      expect(stage.durationMicros).toBeGreaterThanOrEqual(0);
      expect(stage.outputSize).toBeGreaterThan(0);
      expect(stage.error).toBeNull();
    }
    expect(response.stages[2].outputSize).toBe(response.value['spl.common.Payload'].value.length);
  });

  it('runs an inline definition without registering it', async () => {
    const inline = { 'spl.pipeline.PipelineDefinition': { name: 'shout', stages: [{ module: 'tools/text/uppercase', configuration: {}, inputSchema: null, outputSchema: null }], globalConfig: {}, description: null } };
    const response = await run(inline, text('hey'));
    expect(core.schemas.byName('tools.text.Text')!.type.fromBuffer(response.value['spl.common.Payload'].value)).toEqual({ text: 'HEY' });
    expect(await client.call('listPipelines', {})).toEqual(['word-stats']);
  });

  it('stops at a stage that fails, with the failure in the trace and the response', async () => {
    const failing = { ...WORD_STATS, name: 'failing', stages: WORD_STATS.stages.map((s, i) => (i === 2 ? { ...s, configuration: { 'apps.analytics.top': 'many' } } : s)) };
    const response = await run({ 'spl.pipeline.PipelineDefinition': failing }, text('a b'));
    expect(response).toMatchObject({ status: 'ERROR', value: null, errorCode: { string: 'INVALID_REQUEST' }, errorMessage: { string: "stage 2 (apps/analytics/summarize) failed: header apps.analytics.top must be a whole number, not 'many'" } });
    expect(response.stages.map((s: { status: string }) => s.status)).toEqual(['DATA', 'DATA', 'ERROR']);
    expect(response.stages[2].error['spl.common.ExecutionError']).toMatchObject({ code: 'INVALID_REQUEST', module: { string: 'apps/analytics/summarize' } });

    core.modules.register({ uri: 'test/crash', input: core.schemas.byName('tools.text.Text')!.schema as NamedSchema, handler: () => { throw new Error('boom'); } });
    const crashing = { name: 'crashing', stages: [{ module: 'tools/text/uppercase' }, { module: 'test/crash' }, { module: 'tools/text/uppercase' }].map((s) => ({ ...s, configuration: {}, inputSchema: null, outputSchema: null })), globalConfig: {}, description: null };
    const crashed = await run({ 'spl.pipeline.PipelineDefinition': crashing }, text('x'));
    expect(crashed).toMatchObject({ status: 'ERROR', errorCode: { string: 'MODULE_FAILED' } });
    expect(crashed.stages).toHaveLength(2);
    expect(crashed.stages[1].error['spl.common.ExecutionError']).toMatchObject({ code: 'MODULE_FAILED', message: 'module test/crash failed: boom' });
  });

  it('refuses a pipeline whose stages do not connect, explaining every mismatch by field path', async () => {
    // Another version of tools.text.Words: its words are ints, and count-words reads strings.
    const numbers = readSchemaJson(JSON.stringify({ type: 'record', name: 'Words', namespace: 'tools.text', fields: [{ name: 'words', type: { type: 'array', items: 'int' } }, { name: 'ignoreCase', type: 'string' }] }), { file: 't.avsc' }).schema as NamedSchema;
    core.modules.register({ uri: 'test/numbers', output: numbers, handler: () => ({ words: [1], ignoreCase: 'yes' }) });
    const pipeline = { name: 'mismatched', stages: ['test/numbers', 'apps/analytics/count-words'].map((module) => ({ module, configuration: {}, inputSchema: null, outputSchema: null })), globalConfig: {}, description: null };
    const error = await client.call('registerPipeline', { pipeline }).catch((e: unknown) => e);
    expect(error).toMatchObject({ type: 'spl.pipeline.PipelineError', value: { code: 'SCHEMA_MISMATCH', pipeline: { string: 'mismatched' }, stage: { int: 1 }, details: { writerSchema: 'tools.text.Words', readerSchema: 'apps.analytics.WordList' } } });
    const paths = (error as { value: { details: { paths: string } } }).value.details.paths.split('\n');
    expect(paths).toEqual([
      'WordList.words[]: writer type int cannot be read as reader type string',
      'WordList.ignoreCase: writer type string cannot be read as reader type boolean',
    ]);
    const unknown = { ...pipeline, name: 'unknown', stages: [{ module: 'no/such', configuration: {}, inputSchema: null, outputSchema: null }] };
    await expect(client.call('registerPipeline', { pipeline: unknown })).rejects.toMatchObject({ value: { code: 'INVALID_PIPELINE', stage: { int: 0 }, message: expect.stringContaining("stage 0: no module 'no/such'") } });
    await expect(client.call('registerPipeline', { pipeline: { ...pipeline, name: 'empty', stages: [] } })).rejects.toMatchObject({ value: { code: 'INVALID_PIPELINE', message: expect.stringContaining('at least one stage') } });
    expect(await client.call('listPipelines', {})).toEqual(['word-stats']);
  });

  it('throws when the first stage cannot read the input, or the pipeline is unknown', async () => {
    const words = core.schemas.byName('apps.analytics.WordCounts')!;
    const input = { schema: { name: { string: 'apps.analytics.WordCounts' }, fingerprint: { 'spl.common.SchemaFingerprint': words.fingerprint }, json: null }, value: words.type.toBuffer({ counts: [], total: 0 }) };
    await expect(run({ string: 'word-stats' }, input)).rejects.toMatchObject({ type: 'spl.common.ExecutionError', value: { code: 'SCHEMA_MISMATCH', module: { string: 'tools/text/split-words' } } });
    await expect(run({ string: 'nope' }, input)).rejects.toMatchObject({ type: 'spl.pipeline.PipelineError', value: { code: 'PIPELINE_NOT_FOUND' } });
  });

  it('runs as the module spl/pipeline/run too', async () => {
    const result = await core.services.execute('spl/pipeline/run', { pipeline: 'word-stats', input: { schema: { name: 'tools.text.Text', fingerprint: null, json: null }, value: text('b a b').value } });
    expect(result).toEqual({ totalWords: 3, distinctWords: 2, topWords: ['b', 'a'], mostFrequent: 'b' });
    await expect(core.services.execute('spl/pipeline/run', { pipeline: 'nope', input: { schema: { name: 'tools.text.Text' }, value: text('x').value } })).rejects.toMatchObject({ name: 'ModuleFailure', code: 'PIPELINE_NOT_FOUND' });
  });

  it('continues a pipeline from the headers its stages see, through SPLExecuteService (spl/execute/next)', async () => {
    const execute = new InProcessClient(core.server, core.protocol('SPLExecuteService'), { binary: true });
    const words = core.modules.get('tools/text/split-words')!.outputSchema!; // (an earlier test made another version current)
    const value = { 'spl.common.Payload': { schema: { name: { string: 'tools.text.Words' }, fingerprint: { 'spl.common.SchemaFingerprint': words.fingerprint }, json: null }, value: words.type.toBuffer({ words: ['x', 'y', 'x'], source: null }) } };
    const response = (await execute.call('execute', { request: { module: 'spl/execute/next', headers: { 'spl.execute.pipeline': 'word-stats', 'spl.execute.next': '1', trace: 'r2' }, value, schema: null } })) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(response).toMatchObject({ status: 'DATA', headers: { trace: 'r2', 'apps.analytics.distinct': '2' } });
    expect(core.schemas.byName('apps.analytics.Summary')!.type.fromBuffer(response.value['spl.common.Payload'].value)).toMatchObject({ totalWords: 3, topWords: ['x', 'y'] });
    const unknown = (await execute.call('execute', { request: { module: 'spl/execute/next', headers: { 'spl.execute.pipeline': 'nope' }, value, schema: null } })) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(unknown).toMatchObject({ status: 'ERROR', errorCode: { string: 'PIPELINE_NOT_FOUND' } });
  });

  it('skips a stored pipeline it cannot read, saying which file and why', async () => {
    await writeFile(path.join(dir, 'pipelines', 'broken.json'), '{"name": "broken", "stages": 3}');
    const logged: string[] = [];
    const other = await createNodeCore({ nodeId: 'other', dataDir: dir, moduleDirs: [SAMPLES], watchModules: false, logger: { ...silentLogger, warn: (m) => logged.push(m) } });
    try {
      expect(other.pipelines.list()).toEqual(['word-stats']);
      expect(logged).toEqual([expect.stringMatching(/^pipeline .*broken\.json is not loaded: at pipeline\.stages: expected an array/)]);
    } finally {
      await other.close();
    }
  });

  it('runs on a data dir where pipelines cannot be kept, and says why when registering', async () => {
    const blocked = await mkdtemp(path.join(tmpdir(), 'spl-pipelines-blocked-'));
    await writeFile(path.join(blocked, 'pipelines'), 'not a folder');
    const logged: string[] = [];
    const node = await createNodeCore({ nodeId: 'blocked', dataDir: blocked, moduleDirs: [SAMPLES], watchModules: false, logger: { ...silentLogger, warn: (m) => logged.push(m) } });
    try {
      expect(logged).toEqual([expect.stringMatching(/^pipeline .*pipelines is not loaded: .*EEXIST/)]);
      const blockedClient = new InProcessClient(node.server, node.protocol('SPLPipelineService'));
      await expect(blockedClient.call('registerPipeline', { pipeline: WORD_STATS })).rejects.toMatchObject({ value: { code: 'STORAGE_FAILURE', message: expect.stringContaining("pipeline 'word-stats' cannot be saved in") } });
    } finally {
      await node.close();
      await rm(blocked, { recursive: true, force: true });
    }
  });
});
