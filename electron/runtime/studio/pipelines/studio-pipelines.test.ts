/**
 * StudioPipelines against a real node on loopback serving the sample modules, through a
 * CallTargets double that resolves to it and learns its protocols by handshake, as the
 * connection manager does. A middleware on the node sees every execute call (which stages really
 * ran, with which headers) and can hold one until the test lets it go (for cancel and deadlines).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAvroJson, type RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { decodeBinary, encodeBinary, schemaRefFor } from '../../../../shared/avro/binary.js';
import { toJsonText } from '../../../../shared/avro/json-text.js';
import type { NamedSchema } from '../../../../shared/avro/model.js';
import { readSchemaJson } from '../../../../shared/avro/schema-reader.js';
import { StudioError, type PipelineRunRequest, type StageRun, type StudioEvents } from '../../../../shared/studio/api.js';
import { silentLogger } from '../../modules/logger.js';
import { startNode, type RunningNode } from '../../node.js';
import { discoverProtocol, RpcClient } from '../../rpc/client.js';
import { channelForEndpoint } from '../../rpc/endpoint-channel.js';
import type { ProtocolCodec } from '../../rpc/protocol-codec.js';
import type { CallTarget, CallTargets } from '../call-target.js';
import { EXECUTE_SERVICE, ExecuteContract } from './node-contract.js';
import { StudioPipelines } from './studio-pipelines.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../../../assets/modules');

/** CallTargets over fixed endpoints; protocols come from the node's handshake, cached by name. */
class TestTargets implements CallTargets {
  private readonly endpoints = new Map<string, string>();
  private readonly codecs = new Map<string, Promise<ProtocolCodec>>();

  add(connectionId: string, nodeId: string, endpoint: string): void {
    this.endpoints.set(`${connectionId}/${nodeId}`, endpoint);
  }

  async resolveTarget(connectionId: string, nodeId: string): Promise<CallTarget> {
    const endpoint = this.endpoints.get(`${connectionId}/${nodeId}`);
    if (!endpoint) throw new StudioError('not-found', `no node ${nodeId} in connection ${connectionId}`);
    return {
      connectionName: `Test ${connectionId}`,
      endpoint,
      protocol: (fullName) => {
        const key = `${endpoint} ${fullName}`;
        let codec = this.codecs.get(key);
        if (!codec) {
          const channel = channelForEndpoint(endpoint, fullName);
          codec = discoverProtocol(channel, { protocolName: fullName }).finally(() => channel.close());
          // A failure is not kept: the next request asks again.
          codec.catch(() => this.codecs.delete(key));
          this.codecs.set(key, codec);
        }
        return codec;
      },
    };
  }
}

interface ExecuteSeen {
  module: string;
  headers: Record<string, string>;
}

let dir: string;
let node: RunningNode;
let pipelines: StudioPipelines;
let execute: ExecuteContract;
let executeClient: RpcClient;
const targets = new TestTargets();
const logs: string[] = [];
/** The execute calls the node was asked for, in order. */
const executed: ExecuteSeen[] = [];
/** Execute calls whose headers carry `test.hold`, waiting to be let go; `onHeld` hears of the next one. */
const held: (() => void)[] = [];
let onHeld: (() => void) | undefined;
const nextHeld = () => new Promise<void>((resolve) => (onHeld = resolve));
const schemas = new Map<string, NamedSchema>();
let runs = 0;

/** A schema the node knows, by module path (its input) or full name, as getModuleSchema gives it. */
async function schema(moduleOrName: string): Promise<NamedSchema> {
  let found = schemas.get(moduleOrName);
  if (!found) {
    const text = (await executeClient.call('getModuleSchema', { module: moduleOrName })) as string;
    found = readSchemaJson(text, { file: `${moduleOrName}.avsc` }).schema as NamedSchema;
    schemas.set(moduleOrName, found);
  }
  return found;
}

/** A typed ExecuteRequest.value (a Payload) as Avro JSON text. */
function payloadText(writer: NamedSchema, value: RuntimeValue): string {
  const ref = schemaRefFor(writer);
  const payload = {
    'spl.common.Payload': {
      schema: { name: { string: ref.name! }, fingerprint: { 'spl.common.SchemaFingerprint': ref.fingerprint }, json: { string: ref.json } },
      value: encodeBinary(writer, value),
    },
  };
  return toJsonText(toAvroJson(execute.valueSchema, payload));
}

/** An ExecuteResponse's typed value, decoded with the schema its Payload names. */
async function outputValue(responseText: string): Promise<RuntimeValue> {
  const response = execute.parseResponse(responseText, 'test');
  const payload = (response.value as { 'spl.common.Payload': { schema: { name: { string: string } }; value: Uint8Array } })['spl.common.Payload'];
  return decodeBinary(await schema(payload.schema.name.string), payload.value);
}

/** A stage of the definition, with the schemas describeModule gives for its module. */
async function stage(module: string, configuration: Record<string, string> = {}) {
  const described = (await executeClient.call('describeModule', { module })) as { inputSchema: { string: string } | null; outputSchema: { string: string } | null };
  return { module, configuration, inputSchema: described.inputSchema, outputSchema: described.outputSchema };
}

async function wordStats(name = 'word-stats') {
  return {
    name,
    stages: [await stage('tools/text/split-words'), await stage('apps/analytics/count-words'), await stage('apps/analytics/summarize', { 'apps.analytics.top': '2' })],
    globalConfig: { lang: 'en' },
    description: { string: 'Words of a text, counted and summarized.' },
  };
}

async function text(value: string): Promise<string> {
  return payloadText(await schema('tools/text/split-words'), { text: value });
}

function runRequest(fields: Partial<PipelineRunRequest> & Pick<PipelineRunRequest, 'definition' | 'input'>): PipelineRunRequest {
  return { runId: `run-${++runs}`, connectionId: 'http', nodeId: 'n1', ...fields };
}

/** Every progress event of `runId` while `work` runs, as [index, state]. */
async function withProgress<T>(work: () => Promise<T>): Promise<{ result: T; events: StudioEvents['pipeline.progress'][] }> {
  const events: StudioEvents['pipeline.progress'][] = [];
  const stop = pipelines.on('pipeline.progress', (event) => events.push(event));
  try {
    return { result: await work(), events };
  } finally {
    stop();
  }
}

const states = (stages: StageRun[]) => stages.map((s) => [s.index, s.state]);

async function rejection(work: Promise<unknown>): Promise<StudioError> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(StudioError);
  return error as StudioError;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'spl-studio-pipelines-'));
  node = await startNode({ nodeId: 'n1', httpPort: 0, tcpPort: 0, dataDir: path.join(dir, 'node'), moduleDirs: [SAMPLES], watchModules: false, logger: silentLogger });
  node.server.use(async (context, request, next) => {
    if (context.message === 'execute') {
      const { module, headers } = request.request as ExecuteSeen;
      executed.push({ module, headers });
      if (headers['test.hold'] !== undefined) {
        await new Promise<void>((release) => {
          held.push(release);
          onHeld?.();
        });
      }
    }
    return next();
  });
  targets.add('http', 'n1', node.http!.url);
  targets.add('tcp', 'n1', node.tcp!.url);
  const codec = node.server.protocols.find((p) => p.fullName === EXECUTE_SERVICE)!;
  execute = new ExecuteContract(codec);
  executeClient = new RpcClient(codec, channelForEndpoint(node.http!.url, EXECUTE_SERVICE), { protocolName: EXECUTE_SERVICE });
  pipelines = new StudioPipelines({ targets, log: (m) => logs.push(m) });
});

afterAll(async () => {
  for (const release of held.splice(0)) release();
  await pipelines?.close();
  await executeClient?.channel.close();
  await node?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('registered pipelines', () => {
  it('registers, lists and returns a definition as Avro JSON text, over HTTP and TCP', async () => {
    const definition = await wordStats();
    const definitionText = JSON.stringify(definition);
    await pipelines.api.pipelines.register('http', 'n1', definitionText);
    for (const connectionId of ['http', 'tcp']) {
      expect(await pipelines.api.pipelines.list(connectionId, 'n1')).toContain('word-stats');
      const got = await pipelines.api.pipelines.get(connectionId, 'n1', 'word-stats');
      expect(JSON.parse(got)).toEqual(definition);
    }
    // What it gives back is what it takes: registering it again changes nothing.
    await pipelines.api.pipelines.register('tcp', 'n1', await pipelines.api.pipelines.get('http', 'n1', 'word-stats'));
    expect(JSON.parse(await pipelines.api.pipelines.get('tcp', 'n1', 'word-stats'))).toEqual(definition);
  });

  it('refuses stages that do not connect with the node\'s code, the stage and the field paths', async () => {
    const mismatched = { name: 'mismatched', stages: [await stage('tools/text/uppercase'), await stage('apps/analytics/count-words')], globalConfig: {}, description: null };
    const error = await rejection(pipelines.api.pipelines.register('http', 'n1', JSON.stringify(mismatched)));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toMatch(/^pipelines\.register: pipeline 'mismatched' on node 'n1' of connection 'http': \[SCHEMA_MISMATCH, stage 1\] /);
    expect(error.message).toContain('stage 0 (tools/text/uppercase) writes tools.text.Text, which stage 1 (apps/analytics/count-words) cannot read as apps.analytics.WordList');
    // The field path (here the record itself: its name does not match) and why.
    expect(error.message).toContain('\n    WordList: reader record apps.analytics.WordList cannot read writer record tools.text.Text: the names differ');
    expect(await pipelines.api.pipelines.list('http', 'n1')).not.toContain('mismatched');

    const unknown = { ...mismatched, name: 'unknown', stages: [{ module: 'no/such', configuration: {}, inputSchema: null, outputSchema: null }] };
    const missing = await rejection(pipelines.api.pipelines.register('http', 'n1', JSON.stringify(unknown)));
    expect(missing.code).toBe('invalid-argument');
    expect(missing.message).toContain("[INVALID_PIPELINE, stage 0] pipeline 'unknown' cannot run");
    expect(missing.message).toContain("no module 'no/such'");
  });

  it('refuses a definition that is not a PipelineDefinition, saying where, before asking the node', async () => {
    const error = await rejection(pipelines.api.pipelines.register('http', 'n1', '{"name": "x", "stages": [{"module": 5}]}'));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toMatch(/^pipelines\.register: the definition is not spl\.pipeline\.PipelineDefinition in Avro JSON: 1:\d+: at stages\[0\]\.module: expected a string/);
    expect((await rejection(pipelines.api.pipelines.register('http', 'n1', '{'))).message).toContain('invalid JSON');
  });

  it('says not-found for an unknown pipeline, connection or node, and io naming the endpoint for a node that is gone', async () => {
    const notFound = await rejection(pipelines.api.pipelines.get('http', 'n1', 'nope'));
    expect(notFound.code).toBe('not-found');
    expect(notFound.message).toContain("[PIPELINE_NOT_FOUND] no pipeline 'nope' is registered on this node; it has ");
    expect((await rejection(pipelines.api.pipelines.list('elsewhere', 'n1'))).code).toBe('not-found');

    const port = await closedPort();
    targets.add('gone', 'n9', `http://127.0.0.1:${port}`);
    const gone = await rejection(pipelines.api.pipelines.list('gone', 'n9'));
    expect(gone.code).toBe('io');
    expect(gone.message).toContain(`http://127.0.0.1:${port}`);
    expect(gone.message).toMatch(/^pipelines\.list: node 'n9' of connection 'gone': cannot learn spl\.pipeline\.SPLPipelineService: cannot reach /);
  });
});

describe('runs from the studio', () => {
  it('runs each stage on the node in order, with every output, the headers flowing, and progress as it goes', async () => {
    for (const connectionId of ['http', 'tcp']) {
      executed.length = 0;
      const definition = JSON.stringify(await wordStats('studio-stats'));
      const { result, events } = await withProgress(async () =>
        pipelines.api.pipelines.run(runRequest({ connectionId, definition, input: await text('the cat saw the other cat and the dog'), context: { trace: 'r1' } })),
      );
      expect(result.outcome).toBe('ok');
      expect(states(result.stages)).toEqual([[0, 'ok'], [1, 'ok'], [2, 'ok']]);
      expect(result.stages.map((s) => s.module)).toEqual(['tools/text/split-words', 'apps/analytics/count-words', 'apps/analytics/summarize']);
      for (const s of result.stages) expect(s.durationMs).toBeGreaterThanOrEqual(0);

      expect(await outputValue(result.stages[0].output!)).toMatchObject({ words: ['the', 'cat', 'saw', 'the', 'other', 'cat', 'and', 'the', 'dog'] });
      expect(await outputValue(result.stages[1].output!)).toEqual({
        counts: [{ word: 'the', count: 3 }, { word: 'cat', count: 2 }, { word: 'and', count: 1 }, { word: 'dog', count: 1 }, { word: 'other', count: 1 }, { word: 'saw', count: 1 }],
        total: 9,
      });
      expect(result.output).toBe(result.stages[2].output);
      expect(await outputValue(result.output!)).toEqual({ totalWords: 9, distinctWords: 6, topWords: ['the', 'cat'], mostFrequent: { string: 'the' } });
      expect(JSON.parse(result.output!)).toMatchObject({ status: 'DATA', headers: { trace: 'r1', 'apps.analytics.distinct': '6' } });

      // Events: running then the outcome, stage after stage, each carrying the run's id.
      expect(events.map((e) => [e.stage.index, e.stage.state])).toEqual([[0, 'running'], [0, 'ok'], [1, 'running'], [1, 'ok'], [2, 'running'], [2, 'ok']]);
      expect(new Set(events.map((e) => e.runId))).toEqual(new Set([result.runId]));
      expect(events.filter((e) => e.stage.state !== 'running').map((e) => e.stage)).toEqual(result.stages);

      // As the node's runner does: the context flows, globalConfig and configuration per stage, each stage knows its place.
      expect(executed.map((e) => e.module)).toEqual(result.stages.map((s) => s.module));
      expect(executed[0].headers).toMatchObject({ trace: 'r1', lang: 'en', 'spl.execute.pipeline': 'studio-stats', 'spl.execute.stage': '0', 'spl.execute.next': '1' });
      expect(executed[0].headers).not.toHaveProperty('apps.analytics.top');
      expect(executed[2].headers).toMatchObject({ trace: 'r1', lang: 'en', 'apps.analytics.top': '2', 'apps.analytics.distinct': '6', 'spl.execute.stage': '2' });
      expect(JSON.parse(executed[2].headers['spl.execute.definition'])).toMatchObject({ name: 'studio-stats', stages: [{ module: 'tools/text/split-words' }, {}, { configuration: { 'apps.analytics.top': '2' } }] });
    }
  });

  it('uses a pinned stage\'s output instead of running it, longs beyond 2^53 exact', async () => {
    executed.length = 0;
    const counts = await schema('apps.analytics.WordCounts');
    // Other counts than the text's, with a total beyond 2^53 (in the Payload's binary).
    const pinnedValue = payloadText(counts, { counts: [{ word: 'zebra', count: 7 }, { word: 'yak', count: 2 }], total: 9007199254740993n });
    // Written as a user edits it: fields with defaults left out.
    const pin = `{"status": "DATA", "headers": {"pinned": "yes"}, "value": ${pinnedValue}}`;
    const { result, events } = await withProgress(async () =>
      pipelines.api.pipelines.run(runRequest({ definition: JSON.stringify(await wordStats()), input: await text('a a b'), pins: { 1: pin } }))
    );
    expect(result.outcome).toBe('ok');
    expect(states(result.stages)).toEqual([[0, 'ok'], [1, 'pinned'], [2, 'ok']]);
    expect(result.stages[1].durationMs).toBeUndefined();
    expect(JSON.parse(result.stages[1].output!)).toMatchObject({ status: 'DATA', headers: { pinned: 'yes' } });
    expect(await outputValue(result.output!)).toEqual({ totalWords: 9007199254740993n, distinctWords: 2, topWords: ['zebra', 'yak'], mostFrequent: { string: 'zebra' } });
    expect(JSON.parse(result.output!).headers).toMatchObject({ pinned: 'yes' });
    // The pinned stage did not run: no event says it started, and the node never saw it.
    expect(events.map((e) => [e.stage.index, e.stage.state])).toEqual([[0, 'running'], [0, 'ok'], [1, 'pinned'], [2, 'running'], [2, 'ok']]);
    expect(executed.map((e) => e.module)).toEqual(['tools/text/split-words', 'apps/analytics/summarize']);
  });

  it('shows a long beyond 2^53 in a stage\'s output exactly', async () => {
    const echo = await schema('tools/debug/echo');
    const definition = JSON.stringify({ name: 'echo', stages: [await stage('tools/debug/echo')], globalConfig: {}, description: null });
    const result = await pipelines.api.pipelines.run(runRequest({ definition, input: payloadText(echo, { id: 9007199254740993n, tag: null, text: 'x', labels: [], at: null }) }));
    expect(result.outcome).toBe('ok');
    expect(await outputValue(result.output!)).toMatchObject({ id: 9007199254740993n, text: 'x' });
  });

  it('refuses pins that are no ExecuteResponse, or for no stage, naming the stage, before running anything', async () => {
    executed.length = 0;
    const definition = JSON.stringify(await wordStats());
    const input = await text('a');
    const bad = await rejection(pipelines.api.pipelines.run(runRequest({ definition, input, pins: { 1: '{"status": "FINE"}' } })));
    expect(bad.code).toBe('invalid-argument');
    expect(bad.message).toMatch(/^pipelines\.run: the pinned output of stage 1 \(apps\/analytics\/count-words\) is not spl\.common\.ExecuteResponse in Avro JSON: 1:\d+: at status: expected one of UNKNOWN, DATA, BLOB, ERROR, COMPLETED/);
    const nowhere = await rejection(pipelines.api.pipelines.run(runRequest({ definition, input, pins: { 3: '{"status": "DATA"}' } })));
    expect(nowhere.message).toBe("pipelines.run: pins[3] is for no stage: pipeline 'word-stats' has stages 0 to 2; unpin it");
    const input2 = await rejection(pipelines.api.pipelines.run(runRequest({ definition, input: '{"spl.common.Nope": 1}' })));
    expect(input2.message).toMatch(/^pipelines\.run: the input is not spl\.common\.ExecuteRequest\.value/);
    const empty = await rejection(pipelines.api.pipelines.run(runRequest({ definition: '{"name": "empty", "stages": []}', input })));
    expect(empty.message).toContain("pipeline 'empty' has no stages");
    expect(executed).toEqual([]);
  });

  it('stops at a stage that cannot be carried out: its declared error, the rest skipped', async () => {
    const definition = JSON.stringify({ name: 'broken', stages: [await stage('tools/text/split-words'), { module: 'no/such/module' }, await stage('apps/analytics/summarize')] });
    const { result, events } = await withProgress(async () => pipelines.api.pipelines.run(runRequest({ definition, input: await text('a b') })));
    expect(result.outcome).toBe('error');
    expect(result.output).toBeUndefined();
    expect(states(result.stages)).toEqual([[0, 'ok'], [1, 'error'], [2, 'skipped']]);
    expect(result.stages[1]).toMatchObject({ module: 'no/such/module', errorType: 'spl.common.ExecutionError', error: expect.stringContaining('no/such/module') });
    expect(result.stages[1].error).toMatch(/\(MODULE_NOT_FOUND\)$/);
    expect(result.stages[1].output).toBeUndefined();
    expect(events.map((e) => [e.stage.index, e.stage.state])).toEqual([[0, 'running'], [0, 'ok'], [1, 'running'], [1, 'error'], [2, 'skipped']]);
  });

  it('stops at a stage that reports ERROR, with its response as the output', async () => {
    const definition = JSON.stringify({ ...(await wordStats()), stages: [await stage('tools/text/split-words'), await stage('apps/analytics/count-words'), await stage('apps/analytics/summarize', { 'apps.analytics.top': 'many' }), await stage('tools/debug/echo')] });
    const result = await pipelines.api.pipelines.run(runRequest({ definition, input: await text('a b') }));
    expect(result.outcome).toBe('error');
    expect(states(result.stages)).toEqual([[0, 'ok'], [1, 'ok'], [2, 'error'], [3, 'skipped']]);
    expect(result.stages[2].error).toBe("header apps.analytics.top must be a whole number, not 'many' (INVALID_REQUEST)");
    expect(result.stages[2].errorType).toBeUndefined();
    expect(JSON.parse(result.stages[2].output!)).toMatchObject({ status: 'ERROR', errorCode: { string: 'INVALID_REQUEST' } });
  });

  it('gives up at the deadline: the running stage in error, the rest skipped', async () => {
    // Stage 0 is held until released, so the deadline always passes while it runs; it only has to
    // outlast learning the node's protocols, which a loaded machine can stretch past a second.
    const held0 = nextHeld();
    const running = pipelines.api.pipelines.run(runRequest({ definition: JSON.stringify(await wordStats()), input: await text('a'), context: { 'test.hold': 'yes' }, deadlineMs: 5000 }));
    await held0;
    const result = await running;
    for (const release of held.splice(0)) release();
    expect(result.outcome).toBe('timeout');
    expect(states(result.stages)).toEqual([[0, 'error'], [1, 'skipped'], [2, 'skipped']]);
    expect(result.stages[0].error).toContain('deadline of 5000 ms passed while this stage ran');
  });

  it('cancels a run: the running stage\'s call is aborted, the rest skipped; ids are one run at a time', async () => {
    for (const connectionId of ['http', 'tcp']) {
      const request = runRequest({ connectionId, definition: JSON.stringify(await wordStats()), input: await text('a'), context: { 'test.hold': 'yes' } });
      const held0 = nextHeld();
      const { result, events } = await withProgress(async () => {
        const running = pipelines.api.pipelines.run(request);
        await held0;
        const again = await rejection(pipelines.api.pipelines.run(request));
        expect(again).toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('is in progress; give each run its own id') });
        await pipelines.api.pipelines.cancel(request.runId);
        return running;
      });
      for (const release of held.splice(0)) release();
      expect(result.outcome).toBe('error');
      expect(states(result.stages)).toEqual([[0, 'error'], [1, 'skipped'], [2, 'skipped']]);
      expect(result.stages[0].error).toMatch(/^cancelled while this stage ran/);
      expect(events.map((e) => [e.stage.index, e.stage.state])).toEqual([[0, 'running'], [0, 'error'], [1, 'skipped'], [2, 'skipped']]);
      // Cancelling what is not running is no error.
      await pipelines.api.pipelines.cancel(request.runId);
    }
  });

  it('keeps running when a progress listener throws, and says so', async () => {
    logs.length = 0;
    const stop = pipelines.on('pipeline.progress', () => {
      throw new Error('listener broke');
    });
    try {
      const result = await pipelines.api.pipelines.run(runRequest({ definition: JSON.stringify(await wordStats()), input: await text('a') }));
      expect(result.outcome).toBe('ok');
    } finally {
      stop();
    }
    expect(logs).toContain('studio: a pipeline.progress listener failed: listener broke');
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
