/**
 * `spl.common.Payload` values as the runtime holds them: Avro binary plus a SchemaRef naming the
 * writer schema (see definitions/spl-common.avdl). The composer encodes a typed value into one;
 * the composer and the response panel decode one with a schema they know by its fingerprint
 * (a node's module schemas: a node's answers name their schema without carrying it), else with
 * the schema's JSON the SchemaRef carries.
 *
 * Runtime shape: `{ schema: { name: null | {string}, fingerprint: null | {"spl.common.SchemaFingerprint": bytes},
 * json: null | {string} }, value: bytes }` (unions wrapped, as everywhere).
 */
import type { RuntimeObject, RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { decodeBinary, encodeBinary, schemaRefFor } from '../../../../shared/avro/binary.js';
import { shortName } from '../../../../shared/avro/describe.js';
import { fingerprintHex } from '../../../../shared/avro/fingerprint.js';
import type { Schema } from '../../../../shared/avro/model.js';
import { readSchemaJson } from '../../../../shared/avro/schema-reader.js';
import type { ModuleDescription } from '../../../../shared/studio/api.js';

export const PAYLOAD_TYPE = 'spl.common.Payload';
export const FINGERPRINT_TYPE = 'spl.common.SchemaFingerprint';

/** Whether a schema is the Payload record. */
export function isPayloadSchema(schema: Schema): boolean {
  return (schema.type === 'record' || schema.type === 'error') && schema.fullName === PAYLOAD_TYPE;
}

export interface PayloadRef {
  name: string | null;
  fingerprint: Uint8Array | null;
  json: string | null;
}

function isObject(value: RuntimeValue | undefined): value is RuntimeObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** The single branch value of a wrapped union value (null stays null). */
function unwrap(value: RuntimeValue | undefined): RuntimeValue | undefined {
  if (!isObject(value)) return value ?? null;
  const keys = Object.keys(value);
  return keys.length === 1 ? value[keys[0]] : undefined;
}

/** The SchemaRef and bytes of a Payload runtime value; undefined if it is not shaped like one. */
export function payloadParts(value: RuntimeValue): { ref: PayloadRef; bytes: Uint8Array } | undefined {
  if (!isObject(value) || !(value.value instanceof Uint8Array) || !isObject(value.schema)) return undefined;
  const name = unwrap(value.schema.name);
  const fingerprint = unwrap(value.schema.fingerprint);
  const json = unwrap(value.schema.json);
  return {
    ref: {
      name: typeof name === 'string' ? name : null,
      fingerprint: fingerprint instanceof Uint8Array ? fingerprint : null,
      json: typeof json === 'string' ? json : null,
    },
    bytes: value.value,
  };
}

const schemaCache = new Map<string, Schema | { error: string }>();

/** A writer schema from a SchemaRef's JSON (cached: the form asks on every render). */
export function readPayloadSchema(json: string): Schema | { error: string } {
  let read = schemaCache.get(json);
  if (read === undefined) {
    try {
      read = readSchemaJson(json, { file: 'the payload schema' }).schema;
    } catch (error) {
      read = { error: `Its writer schema cannot be read: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (schemaCache.size > 64) schemaCache.delete(schemaCache.keys().next().value as string);
    schemaCache.set(json, read);
  }
  return read;
}

export type DecodedPayload =
  | { status: 'decoded'; schema: Schema; label: string; value: RuntimeValue; size: number }
  /** The SchemaRef names the schema but does not carry it: nothing here can decode it. */
  | { status: 'no-schema'; label: string; size: number }
  | { status: 'error'; label: string; error: string; size: number };

/** The name people see for a payload's type: the SchemaRef's name, else the schema's. */
function labelOf(ref: PayloadRef, schema?: Schema): string {
  return ref.name ?? (schema ? shortName(schema) : 'unnamed schema');
}

/**
 * Finds a payload's writer schema by its SchemaRef among schemas known apart from it (a node's
 * module schemas, by fingerprint); undefined when none is known.
 */
export type KnownSchemas = (ref: PayloadRef) => Schema | undefined;

/**
 * Decodes a Payload runtime value: with the known schema of its fingerprint when there is one
 * (the same writer schema, with the docs, defaults and logical types its canonical form drops),
 * else with the schema its SchemaRef carries.
 */
export function decodePayload(payload: RuntimeValue, known?: KnownSchemas): DecodedPayload | undefined {
  const parts = payloadParts(payload);
  if (!parts) return undefined;
  const { ref, bytes } = parts;
  let schema = known?.(ref);
  if (schema === undefined) {
    if (ref.json === null) return { status: 'no-schema', label: labelOf(ref), size: bytes.length };
    const read = readPayloadSchema(ref.json);
    if ('error' in read) return { status: 'error', label: labelOf(ref), error: read.error, size: bytes.length };
    schema = read;
  }
  try {
    return { status: 'decoded', schema, label: labelOf(ref, schema), value: decodeBinary(schema, bytes), size: bytes.length };
  } catch (error) {
    return { status: 'error', label: labelOf(ref, schema), error: `Its bytes do not decode with its writer schema: ${error instanceof Error ? error.message : String(error)}`, size: bytes.length };
  }
}

/** A schema a payload may be written with: a module's input or output schema. */
export interface SchemaChoice {
  id: string;
  module: string;
  direction: 'input' | 'output';
  label: string;
  schema: Schema | { error: string };
  /** The fingerprint of the schema as a SchemaRef would carry it, to recognise a payload's schema. */
  fingerprint?: string;
}

/** The schemas a payload may be written with: each module's input and output schema. */
export function schemaChoices(modules: readonly ModuleDescription[]): SchemaChoice[] {
  const choices: SchemaChoice[] = [];
  for (const m of modules) {
    for (const direction of ['input', 'output'] as const) {
      const text = direction === 'input' ? m.inputSchemaText : m.outputSchemaText;
      if (!text) continue;
      const name = direction === 'input' ? m.inputSchema : m.outputSchema;
      const schema = readPayloadSchema(text);
      let fingerprint: string | undefined;
      if (!('error' in schema)) {
        try {
          fingerprint = fingerprintHex(schemaRefFor(schema).fingerprint);
        } catch {
          fingerprint = undefined;
        }
      }
      choices.push({ id: `${m.module}#${direction}`, module: m.module, direction, label: `${m.module} · ${direction}${name ? ` (${name})` : ''}`, schema, fingerprint });
    }
  }
  return choices;
}

/** The choices' schemas, found by a SchemaRef's fingerprint. */
export function knownSchemas(choices: readonly SchemaChoice[]): KnownSchemas {
  return (ref) => {
    if (ref.fingerprint === null) return undefined;
    const hex = fingerprintHex(ref.fingerprint);
    const found = choices.find((c) => c.fingerprint === hex && !('error' in c.schema));
    return found ? (found.schema as Schema) : undefined;
  };
}

/** A Payload runtime value holding `value` written with `schema`, its SchemaRef complete (name, fingerprint, JSON). */
export function encodePayload(schema: Schema, value: RuntimeValue): RuntimeObject {
  const ref = schemaRefFor(schema);
  return {
    schema: {
      name: ref.name === null ? null : { string: ref.name },
      fingerprint: { [FINGERPRINT_TYPE]: ref.fingerprint },
      json: { string: ref.json },
    },
    value: encodeBinary(schema, value),
  };
}
