/**
 * Payload schemas across nodes, as definitions/README.md "Writing/Reading a payload" asks. A
 * Payload leaving for another node carries its schema's JSON, since that node may never have
 * seen it (first contact, ad-hoc schemas); a Payload arriving with only a name and fingerprint
 * this node does not know has its schema fetched from the sender with
 * SPLExecuteService.getSchemaByFingerprint, once: a fingerprint names one schema forever.
 * Payloads are found by walking values along their schema (engine shape: unions wrapped).
 */
import type { Schema } from '../../../shared/avro/model.js';
import { findUnionBranch } from '../../../shared/avro/avro-json.js';
import type { SchemaRegistry } from '../schemas/schema-registry.js';
import type { EnginePayload } from '../schemas/schema-ref.js';

const PAYLOAD = 'spl.common.Payload';
const FINGERPRINT = 'spl.common.SchemaFingerprint';

/** Every Payload inside `value`, a value of `schema` in the engine's shape. */
export function payloadsIn(schema: Schema, value: unknown, out: EnginePayload[] = []): EnginePayload[] {
  if (value === null || value === undefined || !mayHold(schema)) return out;
  switch (schema.type) {
    case 'record':
    case 'error':
      if (schema.fullName === PAYLOAD) out.push(value as EnginePayload);
      else for (const field of schema.fields) payloadsIn(field.type, (value as Record<string, unknown>)[field.name], out);
      break;
    case 'array':
      for (const item of value as unknown[]) payloadsIn(schema.items, item, out);
      break;
    case 'map':
      for (const item of Object.values(value as Record<string, unknown>)) payloadsIn(schema.values, item, out);
      break;
    case 'union': {
      const key = Object.keys(value as object)[0];
      const branch = findUnionBranch(schema, key);
      if (branch) payloadsIn(branch, (value as Record<string, unknown>)[key], out);
      break;
    }
  }
  return out;
}

const holds = new WeakMap<Schema, boolean>();

/** Whether a Payload can occur in values of `schema` (cached; recursion assumed not to add one). */
function mayHold(schema: Schema, visiting = new Set<Schema>()): boolean {
  const known = holds.get(schema);
  if (known !== undefined) return known;
  if (visiting.has(schema)) return false;
  visiting.add(schema);
  let result: boolean;
  switch (schema.type) {
    case 'record':
    case 'error':
      result = schema.fullName === PAYLOAD || schema.fields.some((f) => mayHold(f.type, visiting));
      break;
    case 'array':
      result = mayHold(schema.items, visiting);
      break;
    case 'map':
      result = mayHold(schema.values, visiting);
      break;
    case 'union':
      result = schema.types.some((t) => mayHold(t, visiting));
      break;
    default:
      result = false;
  }
  visiting.delete(schema);
  if (visiting.size === 0) holds.set(schema, result);
  return result;
}

/** Puts the schema JSON into outgoing Payloads that name a schema this node knows but carry no JSON. */
export function inlineSchemas(schema: Schema, value: unknown, registry: SchemaRegistry): void {
  for (const payload of payloadsIn(schema, value)) {
    if (payload.schema.json) continue;
    const fingerprint = payload.schema.fingerprint?.[FINGERPRINT];
    const known = fingerprint ? registry.byFingerprint(fingerprint) : payload.schema.name ? registry.byName(payload.schema.name.string) : undefined;
    if (known) payload.schema = { ...payload.schema, json: { string: known.json } };
  }
}

/** Fetches, from the node that sent them, the schemas of incoming Payloads this node does not know. */
export async function learnSchemas(schema: Schema, value: unknown, registry: SchemaRegistry, fetch: (fingerprint: Buffer) => Promise<string>): Promise<void> {
  for (const payload of payloadsIn(schema, value)) {
    const fingerprint = payload.schema.fingerprint?.[FINGERPRINT];
    if (payload.schema.json) registry.register(payload.schema.json.string, { current: false, origin: 'a Payload\'s SchemaRef.json' });
    else if (fingerprint && !registry.byFingerprint(fingerprint)) registry.register(await fetch(fingerprint), { current: false, origin: 'the sender\'s getSchemaByFingerprint' });
  }
}
