/**
 * Runs a pipeline: each stage's output is the next stage's input. A typed output passes to a
 * stage that reads the same schema as it is (no decoding); otherwise its Avro binary is read
 * with schema resolution into the next stage's input schema, exactly as a remote reader would.
 * Each stage is timed and its output measured for the trace. A stage that reports ERROR or
 * cannot be carried out stops the pipeline; the failure goes in the trace and the response.
 * Only an input the first stage cannot read is thrown (the pipeline could not be started).
 */
import { performance } from 'node:perf_hooks';
import { DeclaredError, errorMessage } from '../rpc/errors.js';
import { datumSize, NONE, type Datum } from '../modules/datum.js';
import { executionErrorValue } from '../modules/execution-error.js';
import { statusOf, type ModuleExecutor, type OutcomeStatus } from '../modules/executor.js';
import type { PipelineDef } from './definition.js';
import { applyHeaderChanges, stageHeaders } from './stage-headers.js';

export interface StageTrace {
  index: number;
  module: string;
  status: OutcomeStatus;
  durationMicros: number;
  outputSize: number;
  /** spl.common.ExecutionError in the engine's shape; null on success. */
  error: Record<string, unknown> | null;
}

export interface PipelineRun {
  status: OutcomeStatus;
  headers: Record<string, string>;
  output: Datum;
  errorMessage?: string;
  errorCode?: string;
  stages: StageTrace[];
}

export { DEFINITION_HEADER, NEXT_HEADER, PIPELINE_HEADER, STAGE_HEADER } from './stage-headers.js';

export interface RunPipelineOptions {
  /** The SPL headers of the run (PipelineExecutionRequest.context). */
  context?: Record<string, string>;
  /** Start at this stage (continuations); default 0. */
  from?: number;
  /** The definition is not registered: stages carry it in `spl.execute.definition` for continuations. */
  inline?: boolean;
}

export class PipelineRunner {
  constructor(private readonly executor: ModuleExecutor) {}

  async run(definition: PipelineDef, input: Datum, options: RunPipelineOptions = {}): Promise<PipelineRun> {
    const stages: StageTrace[] = [];
    const from = options.from ?? 0;
    // The headers that flow: the run's context, as stages change it. Configuration is per stage.
    const flowing: Record<string, string> = { ...options.context };
    const inlineJson = options.inline ? JSON.stringify(definition) : undefined;
    let current = input;
    for (let index = from; index < definition.stages.length; index++) {
      const stage = definition.stages[index];
      const given = stageHeaders(definition, index, flowing, inlineJson);
      const started = performance.now();
      let handlerInput: unknown;
      let module;
      try {
        module = this.executor.module(stage.module);
        handlerInput = this.executor.handlerInput(module, current);
      } catch (error) {
        if (index === from) throw error; // the pipeline cannot start on this input
        return this.failed(stages, index, stage.module, started, error, flowing);
      }
      let outcome;
      try {
        outcome = await this.executor.invoke(module, handlerInput, given);
      } catch (error) {
        return this.failed(stages, index, stage.module, started, error, flowing);
      }
      const outputSize = datumSize(outcome.output);
      const durationMicros = micros(started);
      applyHeaderChanges(flowing, given, outcome.headers);
      if (outcome.status === 'ERROR') {
        const code = outcome.errorCode ?? 'MODULE_FAILED';
        const message = `stage ${index} (${stage.module}) failed: ${outcome.errorMessage ?? 'no reason given'}`;
        stages.push({ index, module: stage.module, status: 'ERROR', durationMicros, outputSize, error: executionErrorValue({ code, message: outcome.errorMessage ?? message, module: stage.module, nodeId: this.executor.nodeId }) });
        return { status: 'ERROR', headers: flowing, output: NONE, errorMessage: message, errorCode: code, stages };
      }
      stages.push({ index, module: stage.module, status: outcome.status, durationMicros, outputSize, error: null });
      current = outcome.output;
    }
    return { status: statusOf(current), headers: flowing, output: current, stages };
  }

  private failed(stages: StageTrace[], index: number, module: string, started: number, error: unknown, headers: Record<string, string>): PipelineRun {
    const value = error instanceof DeclaredError && error.value && typeof error.value === 'object'
      ? (error.value as Record<string, unknown>)
      : executionErrorValue({ code: 'INTERNAL', message: errorMessage(error), module, nodeId: this.executor.nodeId });
    stages.push({ index, module, status: 'ERROR', durationMicros: micros(started), outputSize: 0, error: value });
    const code = typeof value.code === 'string' ? value.code : 'INTERNAL';
    const message = `stage ${index} (${module}) failed: ${typeof value.message === 'string' ? value.message : errorMessage(error)}`;
    return { status: 'ERROR', headers, output: NONE, errorMessage: message, errorCode: code, stages };
  }
}

function micros(started: number): number {
  return Math.round((performance.now() - started) * 1000);
}
