/**
 * Finding a Payload's writer schema from its SchemaRef, as definitions/README.md says a reader
 * does: `json` first (self-contained; checked against `fingerprint` when both are set), then
 * `fingerprint` (one exact version), then `name` (the name's current version). Also the
 * conversion between a Payload in the engine's shape (wrapped unions, as the RPC engine hands
 * values to handlers) and a plain one.
 */
import { fingerprintHex } from '../../../shared/avro/fingerprint.js';
import { SchemaProblem } from './schema-problem.js';
import type { RegisteredSchema, SchemaRegistry } from './schema-registry.js';

export interface SchemaRefValue {
  name?: string;
  fingerprint?: Uint8Array;
  json?: string;
}

export interface PayloadValue {
  schema: SchemaRefValue;
  value: Buffer;
}

export interface ResolveRefOptions {
  /** Where the ref sits in the request, for messages (default `SchemaRef`). */
  what?: string;
  /** Accept a name alone (default true): fine when the value was written just now, for this node. */
  allowNameOnly?: boolean;
}

/** The writer schema a SchemaRef names. Throws SchemaProblem INVALID_REQUEST or SCHEMA_NOT_FOUND. */
export function resolveSchemaRef(registry: SchemaRegistry, ref: SchemaRefValue, options: ResolveRefOptions = {}): RegisteredSchema {
  const what = options.what ?? 'SchemaRef';
  let found: RegisteredSchema | undefined;
  if (ref.fingerprint !== undefined && ref.fingerprint.length !== 8) {
    throw new SchemaProblem('INVALID_REQUEST', `${what}.fingerprint has ${ref.fingerprint.length} bytes; a CRC-64-AVRO fingerprint has 8`);
  }
  if (ref.json !== undefined) {
    found = registry.register(ref.json, { current: false, origin: `${what}.json` });
    if (ref.fingerprint !== undefined && fingerprintHex(ref.fingerprint) !== found.hex) {
      throw new SchemaProblem('INVALID_REQUEST', `${what}.fingerprint ${fingerprintHex(ref.fingerprint)} is not the fingerprint of ${what}.json (${found.hex}): send both for the same schema, or only one`, {
        fingerprint: fingerprintHex(ref.fingerprint),
        jsonFingerprint: found.hex,
      });
    }
  } else if (ref.fingerprint !== undefined) {
    found = registry.byFingerprint(ref.fingerprint);
    if (!found) {
      const hex = fingerprintHex(ref.fingerprint);
      throw new SchemaProblem('SCHEMA_NOT_FOUND', `this node knows no schema with fingerprint ${hex}${ref.name ? ` (${ref.name})` : ''}: send the schema itself in ${what}.json, or register it first`, {
        fingerprint: hex,
        ...(ref.name ? { schema: ref.name } : {}),
      });
    }
  } else if (ref.name !== undefined) {
    if (options.allowNameOnly === false) {
      throw new SchemaProblem('INVALID_REQUEST', `${what} has only a name (${ref.name}): set its fingerprint (or json), since a name finds only the current version`, { schema: ref.name });
    }
    found = registry.byName(ref.name);
    if (!found) throw new SchemaProblem('SCHEMA_NOT_FOUND', `this node knows no schema named ${ref.name}: send the schema itself in ${what}.json, or register it first`, { schema: ref.name });
    return found;
  } else {
    throw new SchemaProblem('INVALID_REQUEST', `${what} is empty: set its fingerprint and name, or its json`);
  }
  if (ref.name !== undefined && ref.name !== found.fullName) {
    throw new SchemaProblem('INVALID_REQUEST', `${what}.name is ${ref.name} but the schema it refers to is ${found.fullName ?? 'unnamed'} (${found.hex})`, {
      schema: ref.name,
      fingerprint: found.hex,
    });
  }
  return found;
}

/** A SchemaRef as the engine holds it: optional fields as wrapped unions (`{"string": "x"}`) or null. */
export interface EngineSchemaRef {
  name: { string: string } | null;
  fingerprint: Record<string, Buffer> | null;
  json: { string: string } | null;
}

export interface EnginePayload {
  schema: EngineSchemaRef;
  value: Buffer;
}

/** The one branch of a wrapped union, or undefined for null. */
function branch<T>(wrapped: Record<string, T> | null | undefined): T | undefined {
  if (wrapped === null || wrapped === undefined) return undefined;
  for (const key in wrapped) return wrapped[key];
  return undefined;
}

export function payloadFromEngine(payload: EnginePayload): PayloadValue {
  const ref = payload.schema;
  const value = payload.value;
  return {
    schema: { name: branch(ref.name), fingerprint: branch(ref.fingerprint), json: branch(ref.json) },
    value: Buffer.isBuffer(value) ? value : Buffer.from((value as Uint8Array).buffer, (value as Uint8Array).byteOffset, (value as Uint8Array).byteLength),
  };
}

/** The full name of the SchemaFingerprint fixed: its branch name in the `fingerprint` union. */
const FINGERPRINT_TYPE = 'spl.common.SchemaFingerprint';

export function payloadToEngine(payload: PayloadValue): EnginePayload {
  const { name, fingerprint, json } = payload.schema;
  return {
    schema: {
      name: name === undefined ? null : { string: name },
      fingerprint: fingerprint === undefined ? null : { [FINGERPRINT_TYPE]: Buffer.isBuffer(fingerprint) ? fingerprint : Buffer.from(fingerprint) },
      json: json === undefined ? null : { string: json },
    },
    value: payload.value,
  };
}
