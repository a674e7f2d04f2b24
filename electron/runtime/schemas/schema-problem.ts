/**
 * Why a schema could not be found, read or used, with the error code the SPL contracts use
 * (definitions/README.md "Error codes"), so each service can answer with its own declared error
 * (DataWriteError, ExecutionError...) without guessing.
 */
export type SchemaProblemCode = 'INVALID_REQUEST' | 'SCHEMA_NOT_FOUND' | 'SCHEMA_MISMATCH';

export class SchemaProblem extends Error {
  override name = 'SchemaProblem';
  constructor(
    readonly code: SchemaProblemCode,
    message: string,
    /** Schema names, fingerprints, field paths: what a person needs to fix it. */
    readonly details: Record<string, string> = {},
  ) {
    super(message);
  }
}
