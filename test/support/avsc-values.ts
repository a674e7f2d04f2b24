/** Runtime values as avsc takes and gives them, for tests that check our representation against avsc. */
import { asEngineValue } from '../../electron/runtime/rpc/engine-value.js';
import type { RuntimeValue } from '../../shared/avro/avro-json.js';

/** Our runtime value as avsc takes it: Buffers for bytes (the engine's own conversion). */
export function toAvsc(value: RuntimeValue): unknown {
  return asEngineValue(value);
}

/** An avsc value as plain data: Uint8Arrays for Buffers, plain objects for records and union wrappers. */
export function fromAvsc(value: unknown): unknown {
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (Array.isArray(value)) return value.map(fromAvsc);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromAvsc(v)]));
  return value;
}
