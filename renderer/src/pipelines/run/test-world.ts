/**
 * A small world for the run side's tests: one node with three text modules (each reads and
 * writes demo.Text, whose `big` is a long), a three-stage pipeline file open as a document and
 * targeting that node, and a pretend runner (`MemoryNetwork.runPipeline`) that runs the stages
 * as the host does (progress events, pins standing in, cancel aborting the stage running) and
 * holds each stage it runs, once it has said so, until the test lets it go. Imported by tests only.
 */
import { toAvroJson, type RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { toJsonText } from '../../../../shared/avro/json-text.js';
import type { Schema } from '../../../../shared/avro/model.js';
import { readSchemaJson } from '../../../../shared/avro/schema-reader.js';
import type { ClusterNode, ConnectionStatus, ModuleDescription, PipelineRunRequest, PipelineRunResult, StageRun } from '../../../../shared/studio/api.js';
import { createMemoryStudioApi, type MemoryNetwork, type MemoryStudioApi } from '../../../../shared/studio/memory-api.js';
import { createStudio, type Studio } from '../../app/studio.js';
import { encodePayload } from '../../composer/payload/payload-value.js';
import { FakeBuffers } from '../../test/fake-buffers.js';
import { memoryStorage } from '../../test/fake-studio.js';
import { pipelineDocOf, type PipelineDocStore } from '../pipeline-doc-store.js';
import { executeResponseSchema } from './execute-schemas.js';

export const TEXT_SCHEMA = JSON.stringify({ type: 'record', name: 'Text', namespace: 'demo', fields: [{ name: 'text', type: 'string' }, { name: 'big', type: 'long' }] });
export const textSchema: Schema = readSchemaJson(TEXT_SCHEMA, { file: 'demo.Text' }).schema;

const MODULE_NAMES = ['demo/upper', 'demo/reverse', 'demo/shout'];
export const MODULES: ModuleDescription[] = MODULE_NAMES.map((module) => ({ module, inputSchema: 'demo.Text', outputSchema: 'demo.Text', inputSchemaText: TEXT_SCHEMA, outputSchemaText: TEXT_SCHEMA }));

export const CONNECTIONS: ConnectionStatus[] = [{ id: 'local', name: 'Local runtime', kind: 'local', url: 'http://127.0.0.1:7400', hasToken: false, state: 'connected' }];

export const NODE: ClusterNode = {
  connectionId: 'local',
  nodeId: 'n1',
  endpoint: 'http://127.0.0.1:7400',
  availableModules: MODULE_NAMES,
  capabilities: {},
  lastHeartbeat: 0,
  protocols: [],
  health: 'up',
  drift: {},
};

export const TARGET = { connectionId: 'local', nodeId: 'n1' };

export const DOC_ID = 'pipelines/demo.json';

export const PIPELINE_FILE = `${JSON.stringify(
  {
    name: 'demo',
    stages: MODULE_NAMES.map((module) => ({ module, configuration: {}, inputSchema: { string: 'demo.Text' }, outputSchema: { string: 'demo.Text' } })),
    globalConfig: {},
    description: null,
  },
  null,
  2,
)}\n`;

/** An ExecuteResponse (Avro JSON text) with DATA: a demo.Text payload. */
export function textResponse(text: string, big: bigint | number): string {
  const value: RuntimeValue = {
    status: 'DATA',
    headers: {},
    value: { 'spl.common.Payload': encodePayload(textSchema, { text, big }) },
    errorMessage: null,
    errorCode: null,
    stages: [],
  };
  return toJsonText(toAvroJson(executeResponseSchema(), value));
}

/** How the pretend node answers one stage: its output, or a failure. */
export type StageAnswer = { output: string; durationMs?: number } | { error: string; errorType?: string };

export interface RunWorld {
  studio: Studio;
  api: MemoryStudioApi;
  doc: PipelineDocStore;
  /** Every run request the node got. */
  runs: PipelineRunRequest[];
  /** How each stage answers (default: its module's name in a Text, big 1). */
  answer: (index: number, module: string, request: PipelineRunRequest) => StageAnswer;
  /** Lets the stage being held finish (the runner holds each stage it runs, once reported running). */
  release(): void;
  /** Resolves when the runner holds a stage, with its index. */
  waiting(): Promise<number>;
  /** The node's registered pipelines, as the memory host holds them. */
  pipelines: Record<string, Record<string, string>>;
}

/** The world, with the pipeline loaded and targeting n1. */
export async function createRunWorld(network: MemoryNetwork = {}): Promise<RunWorld> {
  const world = {} as RunWorld;
  world.runs = [];
  world.answer = (_index, module) => ({ output: textResponse(module, 1), durationMs: 12 });
  world.pipelines = { 'local/n1': { existing: '{"name": "existing", "stages": [{"module": "demo/upper", "configuration": {}, "inputSchema": null, "outputSchema": null}], "globalConfig": {}, "description": null}\n' } };

  // The runner's gate: one stage at a time, when the test says so.
  let gate: (() => void) | null = null;
  const waiters: ((index: number) => void)[] = [];
  let waitingAt: number | null = null;
  world.release = () => {
    const open = gate;
    gate = null;
    waitingAt = null;
    open?.();
  };
  world.waiting = () => new Promise((resolve) => (waitingAt !== null ? resolve(waitingAt) : waiters.push(resolve)));
  const hold = (index: number, signal: AbortSignal) =>
    new Promise<'go' | 'cancelled'>((resolve) => {
      if (signal.aborted) return resolve('cancelled');
      gate = () => resolve('go');
      waitingAt = index;
      signal.addEventListener('abort', () => resolve('cancelled'), { once: true });
      for (const w of waiters.splice(0)) w(index);
    });

  const runPipeline = async (request: PipelineRunRequest, progress: (stage: StageRun) => void, signal: AbortSignal): Promise<PipelineRunResult> => {
    world.runs.push(request);
    const stages = (JSON.parse(request.definition) as { stages: { module: string }[] }).stages;
    const done: StageRun[] = [];
    let outcome: PipelineRunResult['outcome'] = 'ok';
    let output: string | undefined;
    for (const [index, { module }] of stages.entries()) {
      if (outcome !== 'ok') {
        done.push({ index, module, state: 'skipped' });
        continue;
      }
      const pinned = request.pins?.[String(index)];
      if (pinned !== undefined) {
        const stage: StageRun = { index, module, state: 'pinned', output: pinned };
        progress(stage);
        done.push(stage);
        output = pinned;
        continue;
      }
      progress({ index, module, state: 'running' });
      if ((await hold(index, signal)) === 'cancelled') {
        // As the host does: the running stage's call is aborted, the rest skipped.
        const stopped: StageRun = { index, module, state: 'error', durationMs: 2, error: 'cancelled while this stage ran (on http://127.0.0.1:7400)' };
        progress(stopped);
        done.push(stopped);
        outcome = 'error';
        continue;
      }
      const answer = world.answer(index, module, request);
      const stage: StageRun = 'output' in answer
        ? { index, module, state: 'ok', durationMs: answer.durationMs ?? 12, output: answer.output }
        : { index, module, state: 'error', durationMs: 3, error: answer.error, ...(answer.errorType ? { errorType: answer.errorType } : {}) };
      progress(stage);
      done.push(stage);
      if (stage.state === 'error') outcome = 'error';
      else output = stage.output;
    }
    return { runId: request.runId, outcome, stages: done, ...(outcome === 'ok' && output !== undefined ? { output } : {}), durationMs: 42.5 };
  };

  const api = createMemoryStudioApi({ [DOC_ID]: PIPELINE_FILE }, { version: '0.1.0-test' }, {
    connections: CONNECTIONS,
    nodes: [NODE],
    modules: { 'local/n1': MODULES },
    pipelines: world.pipelines,
    runPipeline,
    ...network,
  });
  const buffers = new FakeBuffers();
  const studio = createStudio({
    connection: { api, host: 'web', status: () => 'connected', onStatus: () => () => {}, onCommand: () => () => {} },
    buffers,
    storage: memoryStorage(),
    mac: false,
  });
  await studio.connections.getState().load();
  const doc = pipelineDocOf(studio, DOC_ID);
  await doc.getState().load();
  doc.getState().setTarget(TARGET, true);
  Object.assign(world, { studio, api, doc });
  return world;
}

/** Runs the world's runner through every stage it waits at, until `run` settles. */
export async function releaseAll<T>(world: RunWorld, run: Promise<T>): Promise<T> {
  let settled = false;
  const result = run.finally(() => {
    settled = true;
  });
  while (!settled) {
    const next = await Promise.race([world.waiting().then(() => true), result.then(() => false)]);
    if (next) world.release();
  }
  return result;
}
