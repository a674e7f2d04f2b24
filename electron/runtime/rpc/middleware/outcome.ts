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

/**
 * Runs the rest of the chain and tells `done` how it ended (the error, if any, and how long it
 * took) without changing the outcome: what it returned or threw goes on to the caller.
 */
export async function observed(next: () => Promise<unknown>, done: (failure: unknown, durationMs: number) => void): Promise<unknown> {
  const started = performance.now();
  let failure: unknown;
  try {
    return await next();
  } catch (error) {
    failure = error ?? new Error('undefined was thrown');
    throw error;
  } finally {
    done(failure, performance.now() - started);
  }
}
