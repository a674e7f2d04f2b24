/**
 * `spl/execute/next`: continues a pipeline, as the seed calls it:
 *
 *     await spl.execute('spl/execute/next', { headers: { spl: { execute: context } }, value: pipelineData });
 *
 * The context says which pipeline (`pipeline`: a registered name, or an inline definition or
 * list of module URIs) and where to go on (`next`: the index of the next stage, default 0). Every
 * stage of a running pipeline finds the same in its headers (`spl.execute.pipeline`,
 * `spl.execute.next`, and `spl.execute.definition` for inline pipelines), so a stage can hand
 * its data on itself. It runs the remaining stages on the value and returns the last one's result.
 */
import { AvroValueError } from '../../../../shared/avro/avro-json.js';
import { DatumResult, NONE, type Datum } from '../datum.js';
import { asModuleFailure } from './pipeline-failure.js';
import { flattenHeaders } from '../headers.js';
import { ModuleFailure, type ModuleDefinition } from '../module.js';
import type { Pipelines } from '../../pipeline/pipelines.js';
import type { PipelineDef } from '../../pipeline/definition.js';
import { DEFINITION_HEADER, NEXT_HEADER, PIPELINE_HEADER, STAGE_HEADER } from '../../pipeline/runner.js';

export function executeNextModule(pipelines: Pipelines): ModuleDefinition {
  return {
    uri: 'spl/execute/next',
    description: 'Continues a pipeline: runs its next stage (header spl.execute.next) and the ones after it on the value given, and returns the last stage\'s result.',
    raw: true,
    handler: (input: Datum, context) => asModuleFailure(async () => {
      let datum = input;
      const headers = context.headers;
      // The seed's envelope, from an in-process caller: { headers: { spl: { execute } }, value }.
      if (input.kind === 'plain' && isEnvelope(input.value)) {
        const { execute, rest } = splitExecute(input.value.headers);
        Object.assign(headers, flattenHeaders(rest));
        if (execute) Object.assign(headers, executeHeaders(execute));
        datum = input.value.value === undefined || input.value.value === null ? NONE : { kind: 'plain', value: input.value.value };
      }
      const definition = definitionFrom(headers, pipelines);
      const next = nextStage(headers[NEXT_HEADER], definition);
      const inline = headers[DEFINITION_HEADER] !== undefined;
      const given = { ...headers };
      for (const key of [PIPELINE_HEADER, DEFINITION_HEADER, STAGE_HEADER, NEXT_HEADER]) delete given[key];
      if (next >= definition.stages.length) return new DatumResult(NONE);
      const run = await pipelines.run(definition, datum, { context: given, from: next, inline });
      context.headers = run.headers;
      if (run.status === 'ERROR') return new DatumResult(NONE, { message: run.errorMessage ?? 'a stage failed', code: run.errorCode ?? 'MODULE_FAILED' });
      return new DatumResult(run.output);
    }),
  };
}

interface Envelope {
  headers?: unknown;
  value?: unknown;
}

function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k === 'headers' || k === 'value');
}

function splitExecute(headers: unknown): { execute?: Record<string, unknown>; rest: unknown } {
  if (typeof headers !== 'object' || headers === null) return { rest: headers };
  const spl = (headers as { spl?: unknown }).spl;
  if (typeof spl !== 'object' || spl === null || typeof (spl as { execute?: unknown }).execute !== 'object') return { rest: headers };
  const { execute, ...splRest } = spl as { execute: Record<string, unknown> };
  return { execute, rest: { ...(headers as object), spl: splRest } };
}

/** The seed's execution context as headers: a pipeline by name, or inline (a definition or module URIs). */
function executeHeaders(execute: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const { pipeline, next, ...rest } = execute;
  Object.assign(out, flattenHeaders(rest, 'spl.execute'));
  if (typeof pipeline === 'string') out[PIPELINE_HEADER] = pipeline;
  else if (Array.isArray(pipeline)) {
    const stages = pipeline.map((s) => (typeof s === 'string' ? { module: s } : s));
    out[DEFINITION_HEADER] = JSON.stringify({ name: 'inline', stages });
    out[PIPELINE_HEADER] = 'inline';
  } else if (typeof pipeline === 'object' && pipeline !== null) {
    out[DEFINITION_HEADER] = JSON.stringify(pipeline);
    out[PIPELINE_HEADER] = String((pipeline as { name?: unknown }).name ?? 'inline');
  }
  if (next !== undefined) out[NEXT_HEADER] = String(next);
  return out;
}

function definitionFrom(headers: Record<string, string>, pipelines: Pipelines): PipelineDef {
  const inline = headers[DEFINITION_HEADER];
  if (inline !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(inline);
    } catch {
      throw new ModuleFailure(`header ${DEFINITION_HEADER} is not JSON: it holds the inline pipeline definition`, 'INVALID_REQUEST');
    }
    try {
      return pipelines.definitions.fromPlain(parsed, DEFINITION_HEADER);
    } catch (error) {
      if (error instanceof AvroValueError) throw new ModuleFailure(`header ${DEFINITION_HEADER} is not a pipeline definition: ${error.message}`, 'INVALID_REQUEST');
      throw error;
    }
  }
  const name = headers[PIPELINE_HEADER];
  if (name === undefined) throw new ModuleFailure(`spl/execute/next continues a pipeline: name it in header ${PIPELINE_HEADER} (and the stage to go on with in ${NEXT_HEADER})`, 'INVALID_REQUEST');
  return pipelines.get(name);
}

function nextStage(text: string | undefined, definition: PipelineDef): number {
  if (text === undefined) return 0;
  const next = Number(text);
  if (!Number.isInteger(next) || next < 0 || next > definition.stages.length) {
    throw new ModuleFailure(`header ${NEXT_HEADER} is '${text}': it must be a stage index from 0 to ${definition.stages.length} (pipeline ${definition.name})`, 'INVALID_REQUEST');
  }
  return next;
}
