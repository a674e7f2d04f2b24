/** The composer's body text read against the request schema (longs beyond 2^53 as bigints), or why it cannot be. */
import { AvroValueError, parseAvroJsonText, type RuntimeValue } from '../../../shared/avro/avro-json.js';
import type { RecordSchema } from '../../../shared/avro/model.js';

export type BodyRead = { value: RuntimeValue } | { error: string };

export function readBody(schema: RecordSchema, body: string): BodyRead {
  try {
    return { value: parseAvroJsonText(schema, body) };
  } catch (error) {
    if (error instanceof AvroValueError) return { error: error.message };
    throw error;
  }
}

/**
 * The module a request is about: the first `module` field holding a string, depth first (an
 * SPLExecuteService request names it beside its Payload input).
 */
export function moduleNamed(value: RuntimeValue): string | undefined {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = moduleNamed(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const own = value.module;
  if (typeof own === 'string' && own !== '') return own;
  for (const key of Object.keys(value)) {
    const found = moduleNamed(value[key]);
    if (found !== undefined) return found;
  }
  return undefined;
}
