/**
 * The schema model of what nodes send as text: a protocol's JSON from the handshake, a module's
 * input and output schemas. Parsed once per text (views render often, texts rarely change), and
 * a text that does not parse says why, for the view to show instead of the types.
 */
import type { Protocol, Schema } from '../../../shared/avro/model.js';
import { readProtocolJson, readSchemaJson } from '../../../shared/avro/schema-reader.js';
import type { ProtocolDescription } from '../../../shared/studio/api.js';
import { errorMessage } from '../stores/documents-store.js';

export type Parsed<T> = { value: T; error?: undefined } | { value?: undefined; error: string };

const CACHE_SIZE = 64;
const protocols = new Map<string, Parsed<Protocol>>();
const schemas = new Map<string, Parsed<Schema>>();

function cached<T>(cache: Map<string, Parsed<T>>, key: string, read: () => T, what: string): Parsed<T> {
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last, so the oldest goes first.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  let parsed: Parsed<T>;
  try {
    parsed = { value: read() };
  } catch (error) {
    parsed = { error: `${what} cannot be read: ${errorMessage(error)}` };
  }
  cache.set(key, parsed);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return parsed;
}

/** A described protocol's model, from the `.avpr` text the node sent. */
export function readProtocol(description: ProtocolDescription): Parsed<Protocol> {
  return cached(protocols, description.text, () => readProtocolJson(description.text, { file: description.name }), `The node's protocol ${description.name}`);
}

/** A module's schema, from its Avro JSON text (every named type inline). */
export function readSchema(text: string, file: string): Parsed<Schema> {
  return cached(schemas, `${file}\n${text}`, () => readSchemaJson(text, { file }).schema, `The schema ${file}`);
}
