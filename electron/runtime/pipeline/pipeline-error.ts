/**
 * The declared error `spl.pipeline.PipelineError`: a pipeline that could not be registered,
 * found or started. A refused definition lists every problem in its message, and in `details`
 * one entry per problem (`problem.1`...) plus the schemas of the first mismatch.
 */
import { DeclaredError } from '../rpc/errors.js';
import { pipelineErrorCode, type PipelineProblem } from './check.js';

export const PIPELINE_ERROR = 'spl.pipeline.PipelineError';

export function pipelineError(code: string, message: string, pipeline: string | undefined, stage?: number, details: Record<string, string> = {}): DeclaredError {
  return new DeclaredError(PIPELINE_ERROR, {
    code,
    message,
    pipeline: pipeline === undefined ? null : { string: pipeline },
    stage: stage === undefined ? null : { int: stage },
    details,
  });
}

/** A definition refused for the problems `checkPipeline` found. */
export function invalidPipeline(name: string, problems: PipelineProblem[]): DeclaredError {
  const details: Record<string, string> = {};
  problems.forEach((p, i) => (details[`problem.${i + 1}`] = p.message));
  const mismatch = problems.find((p) => p.writerSchema !== undefined || p.readerSchema !== undefined);
  if (mismatch?.writerSchema) details.writerSchema = mismatch.writerSchema;
  if (mismatch?.readerSchema) details.readerSchema = mismatch.readerSchema;
  const paths = problems.flatMap((p) => p.paths ?? []);
  if (paths.length > 0) details.paths = paths.join('\n');
  const first = problems.find((p) => p.stage !== undefined)?.stage;
  const listed = problems.map((p) => `  ${p.message}`).join('\n');
  const message = `pipeline '${name}' cannot run (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${listed}`;
  return pipelineError(pipelineErrorCode(problems), message, name || undefined, first, details);
}
