/** How a call ended, as the built-in middleware report it. */
import { DeclaredError, errorMessage } from '../errors.js';

export type CallOutcomeKind = 'ok' | 'declared-error' | 'system-error';

export function outcomeOf(error: unknown): CallOutcomeKind {
  if (error === undefined) return 'ok';
  return error instanceof DeclaredError ? 'declared-error' : 'system-error';
}

export function describeError(error: unknown): string {
  return error instanceof DeclaredError ? error.type : errorMessage(error);
}
