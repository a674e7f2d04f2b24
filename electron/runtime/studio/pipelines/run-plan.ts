/**
 * A studio run's request read against the node's contract before anything runs: the definition,
 * the first stage's input and the pins. Whatever does not fit is refused here, saying where
 * (the stage, line:col and field path), so a run never stops halfway for a typo.
 */
import { StudioError, type PipelineRunRequest } from '../../../../shared/studio/api.js';
import type { PipelineDef } from '../../pipeline/definition.js';
import type { ExecuteContract, PipelineContract } from './node-contract.js';

export interface RunPlan {
  definition: PipelineDef;
  /** The definition as the runner hands it to stages (spl.execute.definition). */
  definitionJson: string;
  /** The first stage's input: ExecuteRequest.value in the engine's shape. */
  input: unknown;
  context: Record<string, string>;
  /** By stage index: the ExecuteResponse (engine shape) standing in for the stage. */
  pins: Map<number, Record<string, unknown>>;
}

export function planRun(request: PipelineRunRequest, pipelines: PipelineContract, execute: ExecuteContract): RunPlan {
  const definition = pipelines.parseDefinition(request.definition, 'pipelines.run: the definition').plain;
  const count = definition.stages.length;
  if (count === 0) throw new StudioError('invalid-argument', `pipelines.run: pipeline '${definition.name}' has no stages; add at least one to "stages"`);
  const input = execute.parseValue(request.input, 'pipelines.run: the input');
  const pins = new Map<number, Record<string, unknown>>();
  for (const [key, text] of Object.entries(request.pins ?? {})) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new StudioError('invalid-argument', `pipelines.run: pins[${key}] is for no stage: pipeline '${definition.name}' has stages 0 to ${count - 1}; unpin it`);
    }
    const module = definition.stages[index].module;
    pins.set(index, execute.parseResponse(text, `pipelines.run: the pinned output of stage ${index} (${module})`));
  }
  return { definition, definitionJson: JSON.stringify(definition), input, context: { ...request.context }, pins };
}
