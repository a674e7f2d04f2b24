/**
 * A result body (Avro JSON text) as a tree for the Result tab. The text is parsed with the
 * located-JSON parser, never JSON.parse, so longs beyond 2^53 stay exact (bigints) all the way
 * to the screen. With the response (or error) schema, union values show their branch instead
 * of a wrapper level, bytes show as hex, and `spl.common.Payload` values are decoded in place
 * with their writer schema: one known by its fingerprint (the node's module schemas: a node's
 * answer names its schema without carrying it), else the one their SchemaRef carries.
 */
import { findField, findUnionBranch, fromAvroJson, toAvroJson } from '../../../shared/avro/avro-json.js';
import { shortName } from '../../../shared/avro/describe.js';
import { JsonSyntaxError, parseLocatedJson } from '../../../shared/avro/located-json.js';
import type { JsonValue, RecordSchema, Schema } from '../../../shared/avro/model.js';
import { decodePayload, isPayloadSchema, type KnownSchemas } from '../composer/payload/payload-value.js';

export interface TreeNode {
  /** Stable within one tree: the path from the root. */
  id: string;
  /** The field, map key or array index; null for the root. */
  key: string | null;
  /** What the value is, when the schema says more than the JSON: a union branch, a record name, "Payload · spl.x.Y". */
  tag?: string;
  kind: 'object' | 'array' | 'scalar';
  /** For scalars: the value as shown (strings quoted, longs exact, bytes in hex). */
  text?: string;
  scalar?: 'string' | 'number' | 'boolean' | 'null' | 'bytes';
  /** The value as Avro JSON, for "copy value". */
  value: JsonValue;
  children?: TreeNode[];
  /** Something to know about this value (a payload that could not be decoded, and why). */
  note?: string;
}

const isObject = (v: JsonValue): v is { [key: string]: JsonValue } => typeof v === 'object' && v !== null && !Array.isArray(v);

function bytesHex(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length && i < 64; i++) hex += (i ? ' ' : '') + text.charCodeAt(i).toString(16).padStart(2, '0');
  return text.length > 64 ? `${hex} …` : hex;
}

function scalarNode(id: string, key: string | null, value: JsonValue, tag?: string): TreeNode {
  let scalar: TreeNode['scalar'];
  let text: string;
  switch (typeof value) {
    case 'string':
      scalar = 'string';
      text = JSON.stringify(value);
      break;
    case 'bigint':
      scalar = 'number';
      text = value.toString();
      break;
    case 'number':
      scalar = 'number';
      text = String(value);
      break;
    case 'boolean':
      scalar = 'boolean';
      text = String(value);
      break;
    default:
      scalar = 'null';
      text = 'null';
  }
  return { id, key, kind: 'scalar', scalar, text, value, ...(tag ? { tag } : {}) };
}

const childId = (id: string, key: string | number) => `${id}/${typeof key === 'number' ? key : JSON.stringify(key)}`;

/** A tree of plain JSON (no schema known). */
function plain(id: string, key: string | null, value: JsonValue): TreeNode {
  if (Array.isArray(value)) return { id, key, kind: 'array', value, children: value.map((v, i) => plain(childId(id, i), String(i), v)) };
  if (isObject(value)) return { id, key, kind: 'object', value, children: Object.entries(value).map(([k, v]) => plain(childId(id, k), k, v)) };
  return scalarNode(id, key, value);
}

/** What building one tree knows and learns: the schemas known apart from the payloads, and whether one was missing. */
interface Build {
  known?: KnownSchemas;
  missingSchema: boolean;
}

/** A tree of `value`, Avro JSON of `schema`; where the two disagree, the JSON as it is. */
function typed(build: Build, schema: Schema, id: string, key: string | null, value: JsonValue, tag?: string): TreeNode {
  switch (schema.type) {
    case 'union': {
      if (value === null) return scalarNode(id, key, null, tag);
      if (!isObject(value)) break;
      const keys = Object.keys(value);
      const branch = keys.length === 1 ? findUnionBranch(schema, keys[0]) : undefined;
      if (!branch) break;
      const node = typed(build, branch, id, key, value[keys[0]], branchTag(branch));
      // Copy gives the value as it stands in the JSON, wrapper included; a payload, its decoded value.
      return isPayloadSchema(branch) ? node : { ...node, value };
    }
    case 'record':
    case 'error': {
      if (!isObject(value)) break;
      if (isPayloadSchema(schema)) return payload(build, schema, id, key, value);
      return { id, key, kind: 'object', value, children: fieldNodes(build, schema, id, value), ...(tag ? { tag } : {}) };
    }
    case 'array':
      if (!Array.isArray(value)) break;
      return { id, key, kind: 'array', value, children: value.map((v, i) => typed(build, schema.items, childId(id, i), String(i), v)), ...(tag ? { tag } : {}) };
    case 'map':
      if (!isObject(value)) break;
      return { id, key, kind: 'object', value, children: Object.entries(value).map(([k, v]) => typed(build, schema.values, childId(id, k), k, v)), ...(tag ? { tag } : {}) };
    case 'bytes':
    case 'fixed':
      if (typeof value !== 'string') break;
      return { id, key, kind: 'scalar', scalar: 'bytes', text: value.length === 0 ? '(empty)' : bytesHex(value), value, tag: tag ?? `${schema.type === 'fixed' ? schema.name : 'bytes'} · ${value.length} B` };
    default:
      break;
  }
  const node = plain(id, key, value);
  return tag ? { ...node, tag } : node;
}

/** A record's members, each typed by its field (a member the record lacks, as plain JSON). */
function fieldNodes(build: Build, schema: RecordSchema, id: string, value: { [key: string]: JsonValue }): TreeNode[] {
  return Object.entries(value).map(([k, v]) => {
    const field = findField(schema, k);
    return field ? typed(build, field.type, childId(id, k), k, v) : plain(childId(id, k), k, v);
  });
}

function branchTag(branch: Schema): string {
  return isPayloadSchema(branch) ? 'Payload' : shortName(branch);
}

/** A Payload: decoded with its writer schema when it is known or carried, else as stored. */
function payload(build: Build, schema: RecordSchema, id: string, key: string | null, json: { [key: string]: JsonValue }): TreeNode {
  let decoded;
  try {
    decoded = decodePayload(fromAvroJson(schema, json), build.known);
  } catch {
    decoded = undefined;
  }
  // As stored: the SchemaRef and the bytes, typed (the fingerprint and bytes in hex).
  const raw = (note?: string, tag = 'Payload'): TreeNode => ({ id, key, kind: 'object', value: json, children: fieldNodes(build, schema, id, json), tag, ...(note ? { note } : {}) });
  if (!decoded) return raw('Not a valid Payload value.');
  const tag = `Payload · ${decoded.label}`;
  if (decoded.status === 'no-schema') {
    build.missingSchema = true;
    return raw(`The SchemaRef names ${decoded.label} but does not carry its JSON and no known schema has its fingerprint, so it is shown as stored (${decoded.size} bytes).`, tag);
  }
  if (decoded.status === 'error') return raw(decoded.error, tag);
  let valueJson: JsonValue;
  try {
    valueJson = toAvroJson(decoded.schema, decoded.value);
  } catch (error) {
    return raw(`The decoded value does not fit its schema: ${error instanceof Error ? error.message : String(error)}`, tag);
  }
  const node = typed(build, decoded.schema, id, key, valueJson, tag);
  return { ...node, tag };
}

/**
 * The tree, and whether a payload in it names a schema that neither it carries nor `known` has
 * (the caller may then look for the node's module schemas and build it again).
 */
export type ResultTree = { root: TreeNode; missingSchema: boolean } | { error: string };

/**
 * Parses a body and builds its tree; `rootTag` names the root (the error type of a declared
 * error); `known` finds payloads' writer schemas by fingerprint.
 */
export function buildResultTree(text: string, schema: Schema | undefined, rootTag?: string, known?: KnownSchemas): ResultTree {
  let value: JsonValue;
  try {
    value = parseLocatedJson(text).value;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { error: `The body is not valid JSON (at character ${error.offset}): ${error.message}` };
    throw error;
  }
  const build: Build = { known, missingSchema: false };
  const root = schema ? typed(build, schema, '$', null, value) : plain('$', null, value);
  return { root: rootTag ? { ...root, tag: rootTag } : root, missingSchema: build.missingSchema };
}
