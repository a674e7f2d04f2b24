/**
 * The avsc type the runtime encodes and decodes a schema's values with, in the engine's value
 * shape (as the RPC engine's protocol-codec.ts builds them): unions wrapped (`{"string": "x"}`),
 * exact longs (numbers within 2^53, bigints beyond), bytes as Buffers. Each type gets its own
 * avsc name registry, so two versions of one named schema never meet.
 */
import avsc from 'avsc';
import type { Schema } from '../../../shared/avro/model.js';
import { schemaToJson } from '../../../shared/avro/schema-writer.js';
import { exactLongHook } from '../rpc/exact-long.js';

export function engineType(schema: Schema): avsc.Type {
  return avsc.Type.forSchema(schemaToJson(schema) as avsc.Schema, { wrapUnions: true, typeHook: exactLongHook(), registry: {} });
}
