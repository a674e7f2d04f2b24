/**
 * A failed request to SPLPipelineService, as the renderer should see it: the node's
 * PipelineError in full (its code, the stage and the details a user fixes the definition by),
 * `not-found` for a pipeline that is not registered, and the connection's own wording for a node
 * that cannot be reached.
 */
import { StudioError } from '../../../../shared/studio/api.js';
import { DeclaredError, RemoteSystemError } from '../../rpc/errors.js';
import { nodeRequestError } from '../connections/reach-errors.js';

const PIPELINE_ERROR = 'spl.pipeline.PipelineError';

interface PipelineErrorValue {
  code: string;
  message: string;
  pipeline: { string: string } | null;
  stage: { int: number } | null;
  details: Record<string, string>;
}

/** `what`: the request, for people ("pipelines.register: pipeline 'x' on node 'n1'"). */
export function pipelineRequestError(what: string, endpoint: string, error: unknown): StudioError {
  if (error instanceof DeclaredError && error.type === PIPELINE_ERROR) {
    const value = error.value as PipelineErrorValue;
    return new StudioError(value.code === 'PIPELINE_NOT_FOUND' ? 'not-found' : 'invalid-argument', `${what}: ${pipelineErrorText(value)}`);
  }
  if (error instanceof DeclaredError) return new StudioError('invalid-argument', `${what}: the node refused it with ${error.message}`);
  if (error instanceof RemoteSystemError) return new StudioError('io', `${what}: ${endpoint} answered with a system error: ${error.message}`);
  return nodeRequestError(what, endpoint, error);
}

/** "[SCHEMA_MISMATCH, stage 1] message", then each detail the message does not already hold. */
export function pipelineErrorText(value: PipelineErrorValue): string {
  const where = value.stage === null ? '' : `, stage ${value.stage.int}`;
  const lines = [`[${value.code}${where}] ${value.message}`];
  for (const [key, detail] of Object.entries(value.details)) {
    // Field paths are often in the message already, one a line: say only what is new.
    const fresh = detail.split('\n').filter((line) => line !== '' && !value.message.includes(line));
    if (fresh.length === 0) continue;
    lines.push(fresh.length === 1 ? `  ${key}: ${fresh[0]}` : `  ${key}:\n${fresh.map((line) => `    ${line}`).join('\n')}`);
  }
  return lines.join('\n');
}
