/**
 * ExecuteRequest.value and ExecuteResponse (spl-common.avdl) in the engine's shape, to and from
 * the runtime's outcomes: the union `{ null, bytes, string, Payload }` is a Datum on the way in,
 * and an outcome (with its pipeline trace, if any) becomes the response.
 */
import type { Datum, EnginePayload } from '../modules/datum.js';
import type { Outcome } from '../modules/executor.js';
import { toPayload } from '../modules/payload.js';
import type { StageTrace } from '../pipeline/runner.js';

const PAYLOAD = 'spl.common.Payload';

export type EngineExecuteValue = null | { bytes: Buffer } | { string: string } | { [PAYLOAD]: EnginePayload };

export function datumOfValue(value: unknown): Datum {
  if (value === null || value === undefined) return { kind: 'none' };
  const union = value as Record<string, unknown>;
  if ('bytes' in union) return { kind: 'blob', bytes: union.bytes as Buffer };
  if ('string' in union) return { kind: 'text', text: union.string as string };
  return { kind: 'payload', payload: union[PAYLOAD] as EnginePayload };
}

export function valueOfDatum(datum: Datum): EngineExecuteValue {
  switch (datum.kind) {
    case 'text':
      return { string: datum.text };
    case 'blob':
      return { bytes: datum.bytes };
    case 'typed':
      return { [PAYLOAD]: toPayload(datum) };
    case 'payload':
      return { [PAYLOAD]: datum.payload };
    default:
      return null;
  }
}

/** The ExecuteResponse for an outcome; `stages` for a pipeline's trace. */
export function executeResponse(outcome: Pick<Outcome, 'status' | 'headers' | 'output' | 'errorMessage' | 'errorCode'>, stages: StageTrace[] = []): Record<string, unknown> {
  return {
    status: outcome.status,
    headers: outcome.headers,
    value: valueOfDatum(outcome.output),
    errorMessage: outcome.errorMessage === undefined ? null : { string: outcome.errorMessage },
    errorCode: outcome.errorCode === undefined ? null : { string: outcome.errorCode },
    stages: stages.map((s) => ({
      index: s.index,
      module: s.module,
      status: s.status,
      durationMicros: s.durationMicros,
      outputSize: s.outputSize,
      nodeId: null,
      error: s.error ? { 'spl.common.ExecutionError': s.error } : null,
    })),
  };
}
