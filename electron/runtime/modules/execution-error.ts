/**
 * The declared error `spl.common.ExecutionError` (an execution that could not be carried out),
 * built the same way wherever it is raised: a code from definitions/README.md, a message that
 * says what to do, the module and node, and details such as the field path and expected type.
 */
import { AvroValueError } from '../../../shared/avro/avro-json.js';
import { DeclaredError } from '../rpc/errors.js';
import { SchemaProblem } from '../schemas/schema-problem.js';

export const EXECUTION_ERROR = 'spl.common.ExecutionError';

export interface ExecutionErrorFields {
  code: string;
  message: string;
  module?: string;
  nodeId?: string;
  retryable?: boolean;
  details?: Record<string, string>;
}

/** The ExecutionError record in the engine's value shape. */
export function executionErrorValue(fields: ExecutionErrorFields): Record<string, unknown> {
  return {
    code: fields.code,
    message: fields.message,
    module: fields.module === undefined ? null : { string: fields.module },
    nodeId: fields.nodeId === undefined ? null : { string: fields.nodeId },
    retryable: fields.retryable ?? false,
    details: fields.details ?? {},
  };
}

export function executionError(fields: ExecutionErrorFields): DeclaredError {
  return new DeclaredError(EXECUTION_ERROR, executionErrorValue(fields));
}

/** A value that does not fit a schema: INVALID_REQUEST with the path, the expected type and what was found. */
export function invalidValue(error: AvroValueError, what: string, module: string | undefined, nodeId: string): DeclaredError {
  return executionError({
    code: 'INVALID_REQUEST',
    message: `${what}: ${error.message}`,
    module,
    nodeId,
    details: { path: error.path, expected: error.expected, got: error.got },
  });
}

/** A schema that cannot be found or resolved, as the ExecutionError with the same code. */
export function schemaError(problem: SchemaProblem, what: string, module: string | undefined, nodeId: string): DeclaredError {
  return executionError({ code: problem.code, message: `${what}: ${problem.message}`, module, nodeId, details: problem.details });
}

/** Whether `error` is an ExecutionError raised here or by a peer. */
export function isExecutionError(error: unknown): error is DeclaredError & { value: Record<string, unknown> } {
  return error instanceof DeclaredError && error.type === EXECUTION_ERROR;
}

/** An error's code and message, whatever it is: for traces and logs. */
export function describeFailure(error: unknown): { code: string; message: string } {
  if (error instanceof DeclaredError && error.value && typeof error.value === 'object') {
    const value = error.value as { code?: unknown; message?: unknown };
    return { code: typeof value.code === 'string' ? value.code : 'INTERNAL', message: typeof value.message === 'string' ? value.message : error.message };
  }
  if (error instanceof SchemaProblem) return { code: error.code, message: error.message };
  if (error instanceof AvroValueError) return { code: 'INVALID_REQUEST', message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
