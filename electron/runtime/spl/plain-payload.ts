/**
 * Payloads with plain values, for the seed's API: `spl.avro.payload('UserSchema', user)` encodes
 * a value (checked against the schema, path by path) into the spl.common.Payload every SPL
 * contract carries; `decode` reads one back, resolving it into a reader schema when asked.
 */
import { AvroValueError } from '../../../shared/avro/avro-json.js';
import type { RegisteredSchema, SchemaRegistry } from '../schemas/schema-registry.js';
import { resolveSchemaRef } from '../schemas/schema-ref.js';
import { toEngineValue, toPlainValue } from '../modules/plain-value.js';
import type { Payload } from '../services/client-types.js';

export function encodePayload(schema: RegisteredSchema, value: unknown, path = 'value'): Payload {
  let engine: unknown;
  try {
    engine = toEngineValue(schema.schema, value, path);
  } catch (error) {
    if (error instanceof AvroValueError) throw new AvroValueError(error.path, error.expected, error.got, `the value does not fit ${schema.fullName ?? 'its schema'}: ${error.message}`);
    throw error;
  }
  return {
    schema: { name: schema.fullName ?? null, fingerprint: schema.fingerprint, json: schema.fullName === undefined ? schema.json : null },
    value: schema.type.toBuffer(engine),
  };
}

export function decodePayload(payload: Payload, registry: SchemaRegistry, reader?: RegisteredSchema): unknown {
  const ref = payload.schema;
  const writer = resolveSchemaRef(registry, { name: ref.name ?? undefined, fingerprint: ref.fingerprint ?? undefined, json: ref.json ?? undefined }, { what: 'Payload.schema' });
  return toPlainValue((reader ?? writer).schema, registry.decode(payload.value, writer, reader));
}

/** Whether a plain value is a Payload already (its schema reference and its bytes). */
export function isPayload(value: unknown): value is Payload {
  if (typeof value !== 'object' || value === null) return false;
  const { schema, value: bytes } = value as { schema?: unknown; value?: unknown };
  return typeof schema === 'object' && schema !== null && bytes instanceof Uint8Array && Object.keys(value).length === 2;
}
