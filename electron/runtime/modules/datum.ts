/**
 * A value on its way into or out of a module, with what it is: nothing, text, a blob, a typed
 * value whose schema is known (in the engine's shape, with its Avro binary once encoded), or a
 * Payload not yet decoded. Executions and pipelines hand these along, so a typed value passes
 * from stage to stage without being decoded again when the next stage reads the same schema.
 */
import type { RegisteredSchema } from '../schemas/schema-registry.js';
import type { EnginePayload } from '../schemas/schema-ref.js';

export type { EnginePayload };

export type Datum =
  | { kind: 'none' }
  | { kind: 'text'; text: string }
  | { kind: 'blob'; bytes: Buffer }
  /** `value` is complete and valid for `schema` (engine shape); `bytes` its Avro binary, once computed. */
  | { kind: 'typed'; schema: RegisteredSchema; value: unknown; bytes?: Buffer }
  | { kind: 'payload'; payload: EnginePayload }
  /** A plain value from an in-process caller (`spl.execute`), not checked yet: only ever an input. */
  | { kind: 'plain'; value: unknown };

export const NONE: Datum = Object.freeze({ kind: 'none' });

/**
 * What a built-in whose output schema depends on its input (`spl/pipeline/run`,
 * `spl/execute/next`) returns instead of a plain value: a datum, and the status it ran with.
 */
export class DatumResult {
  constructor(
    readonly output: Datum,
    readonly failure?: { message: string; code: string },
  ) {}
}

/** Avro binary of a typed datum, computed once. */
export function datumBytes(datum: Extract<Datum, { kind: 'typed' }>): Buffer {
  datum.bytes ??= datum.schema.type.toBuffer(datum.value);
  return datum.bytes;
}

/** The size a trace reports: Avro binary of a typed value, raw bytes, UTF-8 text; 0 for none. */
export function datumSize(datum: Datum): number {
  switch (datum.kind) {
    case 'none':
      return 0;
    case 'text':
      return Buffer.byteLength(datum.text, 'utf8');
    case 'blob':
      return datum.bytes.length;
    case 'typed':
      return datumBytes(datum).length;
    case 'payload':
      return datum.payload.value.length;
    case 'plain':
      return 0;
  }
}
