/**
 * Why a stage's execute call did not answer, as its StageRun says it: a declared error
 * (spl.common.ExecutionError: the module does not exist, the input does not fit, it crashed)
 * by its type, message and code; anything else in the call service's words (call-failure.ts),
 * which name the endpoint and say what to check.
 */
import type { Message } from '../../../../shared/avro/model.js';
import { DeclaredError } from '../../rpc/errors.js';
import { callFailure } from '../calls/call-failure.js';

export function stageFailure(error: unknown, endpoint: string, execute: Message): { errorType?: string; error: string } {
  if (error instanceof DeclaredError) {
    const value = (error.value ?? {}) as { code?: unknown; message?: unknown };
    const message = typeof value.message === 'string' ? value.message : error.message;
    return { errorType: error.type, error: typeof value.code === 'string' ? `${message} (${value.code})` : message };
  }
  const failure = callFailure(error, { endpoint, message: execute });
  return { error: failure.message ?? `the call to ${endpoint} failed (${failure.outcome})` };
}
