/**
 * A studio run, stage by stage, with the node's runner's semantics (runner.ts): each stage gets
 * the previous stage's ExecuteResponse.value (the run's input for the first), its own headers
 * (pipeline/stage-headers.ts) and its declared input schema as the reader schema; a stage that answers
 * status ERROR, or cannot be carried out, stops the run. Unlike executePipeline, every stage's
 * output is kept, and a pinned stage's given output stands in for running it.
 */
import type { PipelineRunResult, StageRun } from '../../../../shared/studio/api.js';
import type { RunPlan } from './run-plan.js';
import { applyHeaderChanges, stageHeaders } from '../../pipeline/stage-headers.js';

/** The node as the run sees it. */
export interface StageCaller {
  /** Where the stages run, for messages. */
  endpoint: string;
  /** SPLExecuteService.execute; resolves with the ExecuteResponse in the engine's shape. */
  execute(request: Record<string, unknown>, signal: AbortSignal): Promise<Record<string, unknown>>;
  /** Why a call failed, for people, with the declared error's type when it was one. */
  failure(error: unknown): { errorType?: string; error: string };
  /** An ExecuteResponse as Avro JSON text. */
  printResponse(response: Record<string, unknown>): string;
}

export interface RunControl {
  /** Aborts when the run is cancelled or its deadline passes; aborting ends the stage's call. */
  signal: AbortSignal;
  /** Why the signal aborted, once it has. */
  stopped(): 'cancelled' | 'timeout' | undefined;
  deadlineMs?: number;
}

export type StagesOutcome = Pick<PipelineRunResult, 'outcome' | 'stages' | 'output'>;

export async function runStages(plan: RunPlan, caller: StageCaller, control: RunControl, emit: (stage: StageRun) => void): Promise<StagesOutcome> {
  const { definition } = plan;
  const stages: StageRun[] = [];
  const flowing: Record<string, string> = { ...plan.context };
  let current = plan.input;
  let last: string | undefined;

  const finish = (failed: StageRun, outcome: 'error' | 'timeout'): StagesOutcome => {
    settle(failed);
    for (let index = failed.index + 1; index < definition.stages.length; index++) settle({ index, module: definition.stages[index].module, state: 'skipped' });
    return { outcome, stages };
  };
  const settle = (stage: StageRun): void => {
    stages.push(stage);
    emit({ ...stage });
  };

  for (let index = 0; index < definition.stages.length; index++) {
    const module = definition.stages[index].module;
    const inputSchema = definition.stages[index].inputSchema;
    const given = stageHeaders(definition, index, flowing, plan.definitionJson);

    const pinned = plan.pins.get(index);
    if (pinned) {
      const output = caller.printResponse(pinned);
      const failure = reportedError(pinned);
      // A pinned ERROR stands in for a stage that failed: the run stops there, as it would have.
      if (failure !== undefined) return finish({ index, module, state: 'pinned', output, error: failure }, 'error');
      settle({ index, module, state: 'pinned', output });
      applyHeaderChanges(flowing, given, headersOf(pinned));
      current = pinned.value ?? null;
      last = output;
      continue;
    }

    const stop = control.stopped();
    if (stop) return finish({ index, module, state: 'error', error: stopMessage(stop, 'before this stage started', caller.endpoint, control.deadlineMs) }, outcomeOf(stop));

    emit({ index, module, state: 'running' });
    const started = performance.now();
    let response: Record<string, unknown>;
    try {
      response = await caller.execute({ module, headers: given, value: current, schema: inputSchema === null ? null : { string: inputSchema } }, control.signal);
    } catch (error) {
      const durationMs = performance.now() - started;
      const why = control.stopped();
      if (why) return finish({ index, module, state: 'error', durationMs, error: stopMessage(why, 'while this stage ran', caller.endpoint, control.deadlineMs) }, outcomeOf(why));
      return finish({ index, module, state: 'error', durationMs, ...caller.failure(error) }, 'error');
    }
    const durationMs = performance.now() - started;
    const output = caller.printResponse(response);
    const failure = reportedError(response);
    if (failure !== undefined) return finish({ index, module, state: 'error', durationMs, output, error: failure }, 'error');
    settle({ index, module, state: 'ok', durationMs, output });
    applyHeaderChanges(flowing, given, headersOf(response));
    current = response.value ?? null;
    last = output;
  }
  return { outcome: 'ok', stages, output: last };
}

/** The module's own report of a failure (status ERROR), or undefined when it did not fail. */
function reportedError(response: Record<string, unknown>): string | undefined {
  if (response.status !== 'ERROR') return undefined;
  const message = unwrapString(response.errorMessage);
  const code = unwrapString(response.errorCode);
  return `${message ?? 'the module reported ERROR without a reason'}${code ? ` (${code})` : ''}`;
}

function unwrapString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { string?: unknown }).string === 'string') return (value as { string: string }).string;
  return undefined;
}

function headersOf(response: Record<string, unknown>): Record<string, string> {
  return (response.headers ?? {}) as Record<string, string>;
}

function outcomeOf(stop: 'cancelled' | 'timeout'): 'error' | 'timeout' {
  return stop === 'timeout' ? 'timeout' : 'error';
}

function stopMessage(stop: 'cancelled' | 'timeout', when: string, endpoint: string, deadlineMs: number | undefined): string {
  return stop === 'cancelled'
    ? `cancelled ${when} (on ${endpoint})`
    : `the run's deadline of ${deadlineMs} ms passed ${when} (on ${endpoint}): raise the deadline, or pin the stages before it to start closer to the one you are working on`;
}
