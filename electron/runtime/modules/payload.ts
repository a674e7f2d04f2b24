/**
 * Payloads (spl.common.Payload: Avro binary plus a reference to its writer schema) in and out of
 * the executor. The writer schema is found as definitions/README.md "Reading a payload" says
 * (schemas/schema-ref.ts), and the bytes are read with schema resolution into the reader's schema.
 * Failures are SchemaProblems with the contract's error codes.
 */
import type { RegisteredSchema, SchemaRegistry } from '../schemas/schema-registry.js';
import { payloadFromEngine, resolveSchemaRef } from '../schemas/schema-ref.js';
import { datumBytes, type Datum, type EnginePayload } from './datum.js';

/** A Payload of a typed value: name and fingerprint (readers resolve them through the node); inline JSON only for unnamed schemas. */
export function toPayload(datum: Extract<Datum, { kind: 'typed' }>, inlineSchema = false): EnginePayload {
  const schema = datum.schema;
  return {
    schema: {
      name: schema.fullName === undefined ? null : { string: schema.fullName },
      fingerprint: { 'spl.common.SchemaFingerprint': schema.fingerprint },
      json: inlineSchema || schema.fullName === undefined ? { string: schema.json } : null,
    },
    value: datumBytes(datum),
  };
}

/** A typed datum read from a Payload: as written, or resolved into `reader`. */
export function fromPayload(payload: EnginePayload, registry: SchemaRegistry, reader?: RegisteredSchema): Extract<Datum, { kind: 'typed' }> {
  const writer = resolveSchemaRef(registry, payloadFromEngine(payload).schema, { what: 'Payload.schema' });
  const value = registry.decode(payload.value, writer, reader);
  // The bytes are reusable only when nothing was resolved.
  return reader && reader.hex !== writer.hex ? { kind: 'typed', schema: reader, value } : { kind: 'typed', schema: writer, value, bytes: payload.value };
}
