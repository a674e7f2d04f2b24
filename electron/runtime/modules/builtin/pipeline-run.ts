/**
 * `spl/pipeline/run`: runs a pipeline as a module, on a PipelineExecutionRequest (a registered
 * name or an inline definition, the first stage's input as a Payload, the context), and
 * returns the last stage's result. The per-stage trace is SPLPipelineService.executePipeline's.
 */
import { DatumResult, NONE } from '../datum.js';
import type { EnginePayload } from '../datum.js';
import type { ModuleDefinition } from '../module.js';
import type { Pipelines } from '../../pipeline/pipelines.js';
import type { PipelineDef } from '../../pipeline/definition.js';
import { toEngineValue } from '../plain-value.js';
import type { BuiltinSchemas } from './builtin-schemas.js';
import { asModuleFailure } from './pipeline-failure.js';
import type { RecordSchema } from '../../../../shared/avro/model.js';

interface RunRequest {
  pipeline: string | PipelineDef;
  input: unknown;
  context: Record<string, string>;
}

export function pipelineRunModule(pipelines: Pipelines, schemas: BuiltinSchemas): ModuleDefinition {
  const payloadSchema = (schemas.pipelineExecutionRequest as RecordSchema).fields.find((f) => f.name === 'input')!.type;
  return {
    uri: 'spl/pipeline/run',
    description: 'Runs a pipeline (registered by name, or inline) on a Payload and returns the last stage\'s result.',
    input: schemas.pipelineExecutionRequest,
    handler: (request: RunRequest, context) => asModuleFailure(async () => {
      const payload = toEngineValue(payloadSchema, request.input) as EnginePayload;
      const pipeline = typeof request.pipeline === 'string' ? request.pipeline : pipelines.definitions.fromPlain(request.pipeline);
      const run = await pipelines.run(pipeline, { kind: 'payload', payload }, { context: { ...context.headers, ...request.context } });
      context.headers = run.headers;
      if (run.status === 'ERROR') return new DatumResult(NONE, { message: run.errorMessage ?? 'a stage failed', code: run.errorCode ?? 'MODULE_FAILED' });
      return new DatumResult(run.output);
    }),
  };
}
