/**
 * JSON Schema (draft-07) for Avro's JSON encoding of a schema's values: what Monaco's JSON
 * language needs to complete and check a request body as it is typed in the composer.
 *
 * It describes the encoding `avro-json.ts` reads, not the runtime shape: unions are `null` or
 * a single-key object naming the branch (`{"string": "x"}`, `{"org.acme.Item": {...}}`), bytes
 * and fixed are strings of characters U+0000-U+00FF, floats may be "NaN" or "±Infinity".
 * Named types appear once, under `definitions` keyed by full name, and are referred to with
 * `$ref`, so recursive schemas are finite. The result is plain JSON (no bigints: a long
 * default beyond 2^53 is named in the description instead of `default`, which Monaco's worker
 * would have to serialize), ready for `setDiagnosticsOptions`.
 */
import { defaultToRuntime, toAvroJson, unionBranchName } from './avro-json.js';
import { logicalTypeOf, requestSchema, type Field, type JsonValue, type Message, type NamedSchema, type RecordSchema, type Schema } from './model.js';
import { toJsonText } from './json-text.js';

/** A JSON value without bigints: what a JSON Schema document is made of. */
export type PlainJson = null | boolean | number | string | PlainJson[] | { [key: string]: PlainJson };

/** A draft-07 JSON Schema object. */
export type JsonSchema = { [key: string]: PlainJson };

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
/** Bytes and fixed in Avro JSON: one character per byte. */
const BYTE_STRING = '^[\\u0000-\\u00ff]*$';
const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const NON_FINITE = ['NaN', 'Infinity', '-Infinity'];

/** The meaning of each logical type, with the underlying types it applies to (elsewhere Avro ignores it). */
const LOGICAL: Record<string, { on: string[]; meaning: string }> = {
  date: { on: ['int'], meaning: 'days since 1970-01-01' },
  'time-millis': { on: ['int'], meaning: 'milliseconds after midnight' },
  'time-micros': { on: ['long'], meaning: 'microseconds after midnight' },
  'timestamp-millis': { on: ['long'], meaning: 'milliseconds since 1970-01-01 UTC' },
  'timestamp-micros': { on: ['long'], meaning: 'microseconds since 1970-01-01 UTC' },
  'timestamp-nanos': { on: ['long'], meaning: 'nanoseconds since 1970-01-01 UTC' },
  'local-timestamp-millis': { on: ['long'], meaning: 'milliseconds since 1970-01-01T00:00, local time (no time zone)' },
  'local-timestamp-micros': { on: ['long'], meaning: 'microseconds since 1970-01-01T00:00, local time (no time zone)' },
  'local-timestamp-nanos': { on: ['long'], meaning: 'nanoseconds since 1970-01-01T00:00, local time (no time zone)' },
  uuid: { on: ['string', 'fixed'], meaning: 'a UUID such as "123e4567-e89b-12d3-a456-426614174000"' },
  duration: { on: ['fixed'], meaning: 'months, days and milliseconds, three little-endian unsigned 32-bit integers' },
};

/** A JSON Schema document for values of `schema` in Avro's JSON encoding. */
export function jsonSchemaFor(schema: Schema): JsonSchema {
  const builder = new Builder();
  const root = builder.schema(schema);
  return document(root, builder.definitions);
}

/**
 * A JSON Schema document for a message's request in Avro's JSON encoding: an object with one
 * member per parameter (the `body` of a `CallRequest`). Parameters without a default are required.
 */
export function requestJsonSchema(message: Message): JsonSchema {
  const builder = new Builder();
  // Inline, not in `definitions`: the request is not a named type, and its name (the message's)
  // may be a named type's too.
  const root = builder.record(requestSchema(message));
  const doc = message.doc ?? `The parameters of message ${message.name}.`;
  return document({ ...root, description: doc, title: message.name }, builder.definitions);
}

function document(root: JsonSchema, definitions: Record<string, JsonSchema>): JsonSchema {
  const out: JsonSchema = { $schema: DRAFT_07, ...root };
  if (Object.keys(definitions).length > 0) out.definitions = definitions;
  return out;
}

/** `#/definitions/<name>`, escaped as a JSON Pointer (RFC 6901). */
function refTo(fullName: string): string {
  return `#/definitions/${fullName.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

class Builder {
  readonly definitions: Record<string, JsonSchema> = {};
  private readonly defined = new Set<string>();

  schema(schema: Schema): JsonSchema {
    switch (schema.type) {
      case 'record':
      case 'error':
      case 'enum':
      case 'fixed':
        return { $ref: this.define(schema) };
      case 'null':
        return { type: 'null' };
      case 'boolean':
        return logical(schema, { type: 'boolean' });
      case 'int':
        return logical(schema, { type: 'integer', minimum: INT_MIN, maximum: INT_MAX });
      case 'long':
        // JSON Schema compares as doubles, so a range check would be no tighter than this.
        return logical(schema, { type: 'integer', description: 'long: a whole number from -9223372036854775808 to 9223372036854775807' });
      case 'float':
      case 'double':
        return logical(schema, { anyOf: [{ type: 'number' }, { enum: NON_FINITE }], description: `${schema.type}: a number, or "NaN", "Infinity" or "-Infinity"` });
      case 'string':
        return logical(schema, { type: 'string' });
      case 'bytes':
        return logical(schema, { type: 'string', pattern: BYTE_STRING, description: 'bytes: a string of characters \\u0000-\\u00ff, one per byte' });
      case 'array':
        return { type: 'array', items: this.schema(schema.items) };
      case 'map':
        return { type: 'object', additionalProperties: this.schema(schema.values) };
      case 'union':
        return {
          anyOf: schema.types.map((branch): JsonSchema => {
            if (branch.type === 'null') return { type: 'null' };
            const name = unionBranchName(branch);
            return { type: 'object', properties: { [name]: this.schema(branch) }, required: [name], additionalProperties: false, description: `the ${name} branch` };
          }),
        };
    }
  }

  /** Puts a named type in `definitions` once (before its body, so cycles end) and returns its `$ref`. */
  private define(schema: NamedSchema): string {
    if (!this.defined.has(schema.fullName)) {
      this.defined.add(schema.fullName);
      let body: JsonSchema;
      if (schema.type === 'enum') body = { enum: schema.symbols, description: withDoc(schema.doc, `enum ${schema.fullName}: one of ${schema.symbols.join(', ')}`) };
      else if (schema.type === 'fixed') {
        body = logical(schema, {
          type: 'string',
          minLength: schema.size,
          maxLength: schema.size,
          pattern: BYTE_STRING,
          description: withDoc(schema.doc, `fixed ${schema.fullName}: exactly ${schema.size} bytes, as ${schema.size} characters \\u0000-\\u00ff`),
        });
      } else body = { ...this.record(schema), description: withDoc(schema.doc, `${schema.type} ${schema.fullName}`) };
      body.title = schema.fullName;
      this.definitions[schema.fullName] = body;
    }
    return refTo(schema.fullName);
  }

  record(schema: RecordSchema): JsonSchema {
    const properties: { [key: string]: PlainJson } = {};
    const required: string[] = [];
    for (const field of schema.fields) {
      properties[field.name] = this.field(field);
      if (!field.hasDefault) required.push(field.name);
    }
    const out: JsonSchema = { type: 'object', properties, additionalProperties: false };
    if (required.length > 0) out.required = required;
    return out;
  }

  private field(field: Field): JsonSchema {
    const type = this.schema(field.type);
    const notes: string[] = [];
    if (field.doc !== undefined) notes.push(field.doc);
    const extra: JsonSchema = {};
    if (field.hasDefault && field.default !== undefined) {
      const json = defaultJson(field.type, field.default);
      if (json === undefined) {
        // Not convertible (the reader warned): nothing to offer.
      } else if (isPlain(json)) extra.default = json;
      else notes.push(`Default: ${toJsonText(json, 0)}`);
    }
    // draft-07 ignores the siblings of `$ref`: a reference with notes goes through `allOf`.
    const base = type.$ref !== undefined ? { allOf: [type] } : type;
    const own = typeof base.description === 'string' ? [base.description] : [];
    const description = [...notes, ...own].join('\n\n');
    return { ...base, ...(description === '' ? {} : { description }), ...extra };
  }
}

/** A field default as Avro JSON writes it in a value (a union default wrapped in its branch). */
function defaultJson(schema: Schema, value: JsonValue): JsonValue | undefined {
  try {
    return toAvroJson(schema, defaultToRuntime(schema, value));
  } catch {
    return undefined;
  }
}

function isPlain(value: JsonValue): value is PlainJson {
  if (typeof value === 'bigint') return false;
  if (Array.isArray(value)) return value.every(isPlain);
  if (value !== null && typeof value === 'object') return Object.values(value).every(isPlain);
  return true;
}

function withDoc(doc: string | undefined, what: string): string {
  return doc === undefined ? what : `${doc}\n\n${what}`;
}

/** Adds the logical type's meaning to a primitive or fixed schema's JSON Schema. */
function logical(schema: Schema, out: JsonSchema): JsonSchema {
  const name = logicalTypeOf(schema);
  if (name === undefined) return out;
  let text: string | undefined;
  if (name === 'decimal' && (schema.type === 'bytes' || schema.type === 'fixed')) {
    const precision = schema.props.precision;
    const scale = schema.props.scale ?? 0;
    text = `decimal(${String(precision)}, ${String(scale)}): the unscaled value as big-endian two's-complement bytes (value = unscaled × 10^-${String(scale)})`;
  } else {
    const known = LOGICAL[name];
    if (known === undefined || !known.on.includes(schema.type)) return out;
    if (name === 'uuid' && schema.type === 'string') out = { ...out, pattern: UUID_PATTERN };
    text = `${name}: ${known.meaning}`;
  }
  const own = typeof out.description === 'string' ? `\n\n${out.description}` : '';
  return { ...out, description: `${text}${own}` };
}
