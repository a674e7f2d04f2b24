/**
 * SPLPipelineService (definitions/spl-pipeline.avdl) on a node: registers pipelines after
 * checking that their stages connect, keeps them in the node's data dir, and runs them (by name
 * or inline) with a per-stage trace.
 */
import type { Handler } from '../rpc/server.js';
import { PIPELINE_DEFINITION } from '../pipeline/definition.js';
import type { Pipelines } from '../pipeline/pipelines.js';
import { datumOfValue, executeResponse } from './execute-values.js';

export function pipelineHandlers(pipelines: Pipelines): Record<string, Handler> {
  const { definitions } = pipelines;
  return {
    async registerPipeline({ pipeline }) {
      await pipelines.register(definitions.fromEngine(pipeline));
      return null;
    },

    listPipelines: () => pipelines.list(),

    getPipeline: ({ name }) => definitions.toEngine(pipelines.get(name as string)),

    async executePipeline({ request }) {
      const { pipeline, input, context } = request as { pipeline: { string: string } | { [PIPELINE_DEFINITION]: unknown }; input: unknown; context: Record<string, string> };
      const which = 'string' in pipeline ? pipeline.string : definitions.fromEngine(pipeline[PIPELINE_DEFINITION]);
      const run = await pipelines.run(which, datumOfValue({ 'spl.common.Payload': input }), { context });
      return executeResponse(run, run.stages);
    },
  };
}
