/**
 * Why a data request failed, with the SPL error code (definitions/README.md "Error codes") that
 * SPLDataService answers in DataWriteError or DataReadError, and that modules turn into an
 * ExecutionError: INVALID_REQUEST, SCHEMA_NOT_FOUND, SCHEMA_MISMATCH, TOPIC_NOT_FOUND,
 * RECORD_NOT_FOUND, STORAGE_FAILURE.
 */
import { errorMessage } from '../rpc/errors.js';
import { SchemaProblem } from '../schemas/schema-problem.js';
import { StorageError } from './storage-error.js';

export type DataProblemCode = 'INVALID_REQUEST' | 'SCHEMA_NOT_FOUND' | 'SCHEMA_MISMATCH' | 'TOPIC_NOT_FOUND' | 'RECORD_NOT_FOUND' | 'STORAGE_FAILURE' | 'INTERNAL';

export class DataProblem extends Error {
  override name = 'DataProblem';
  constructor(
    readonly code: DataProblemCode,
    message: string,
    readonly details: Record<string, string> = {},
    /** True when retrying the same request later may succeed (a lock held by another process). */
    readonly retryable = false,
  ) {
    super(message);
  }

  /** Whatever was thrown, as a DataProblem: schema and storage failures keep their codes. */
  static from(error: unknown): DataProblem {
    if (error instanceof DataProblem) return error;
    if (error instanceof SchemaProblem) return new DataProblem(error.code, error.message, error.details);
    if (error instanceof StorageError) return new DataProblem('STORAGE_FAILURE', error.message, { kind: error.kind, ...error.details }, error.retryable);
    return new DataProblem('INTERNAL', `the data service failed unexpectedly: ${errorMessage(error)}`);
  }
}
