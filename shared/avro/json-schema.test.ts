// Checks the JSON Schemas with a real draft-07 validator (ajv, already in node_modules through
// ESLint): every example value's Avro JSON must pass, and what avro-json.ts refuses must fail.
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { toAvroJson } from './avro-json.js';
import { exampleValue } from './example-value.js';
import { jsonSchemaFor, requestJsonSchema, type JsonSchema } from './json-schema.js';
import type { JsonValue, Schema } from './model.js';
import { readProtocolJson, readSchemaJson } from './schema-reader.js';

function schema(json: unknown): Schema {
  return readSchemaJson(JSON.stringify(json), { file: 'test.avsc' }).schema;
}

function validator(doc: JsonSchema): (value: unknown) => boolean {
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(doc);
  return (value) => validate(value) === true;
}

/** Plain JSON for ajv (which knows no bigints). */
function plain(value: JsonValue): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)));
}

const ITEM = {
  type: 'record',
  name: 'Item',
  namespace: 'org.acme',
  doc: 'One line of an order.',
  fields: [
    { name: 'sku', type: 'string', doc: 'The stock keeping unit.' },
    { name: 'qty', type: 'int', default: 1 },
    { name: 'price', type: 'double' },
  ],
};

describe('jsonSchemaFor', () => {
  it('maps primitives to their JSON forms', () => {
    expect(jsonSchemaFor(schema('null'))).toEqual({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'null' });
    expect(jsonSchemaFor(schema('int'))).toMatchObject({ type: 'integer', minimum: -2147483648, maximum: 2147483647 });
    expect(jsonSchemaFor(schema('long'))).toMatchObject({ type: 'integer' });
    const valid = validator(jsonSchemaFor(schema('int')));
    expect(valid(5)).toBe(true);
    expect(valid(2147483648)).toBe(false);
    expect(valid(1.5)).toBe(false);
    const double = validator(jsonSchemaFor(schema('double')));
    for (const ok of [1.5, 0, 'NaN', 'Infinity', '-Infinity']) expect(double(ok)).toBe(true);
    expect(double('nan')).toBe(false);
    const bytes = validator(jsonSchemaFor(schema('bytes')));
    expect(bytes('\u0000\u00ff')).toBe(true);
    expect(bytes('\u0100')).toBe(false);
  });

  it('puts records in definitions with properties, required fields, docs and defaults', () => {
    const doc = jsonSchemaFor(schema(ITEM));
    expect(doc.allOf).toBeUndefined();
    expect(doc.$ref).toBe('#/definitions/org.acme.Item');
    const item = (doc.definitions as Record<string, JsonSchema>)['org.acme.Item'];
    expect(item).toMatchObject({
      type: 'object',
      title: 'org.acme.Item',
      additionalProperties: false,
      required: ['sku', 'price'],
      properties: {
        sku: { type: 'string', description: 'The stock keeping unit.' },
        qty: { type: 'integer', default: 1 },
      },
    });
    expect(item.description).toContain('One line of an order.');
    const valid = validator(doc);
    expect(valid({ sku: 'a', price: 2 })).toBe(true);
    expect(valid({ sku: 'a' })).toBe(false);
    expect(valid({ sku: 'a', price: 2, extra: 1 })).toBe(false);
  });

  it('writes unions as null or single-key objects named like avro-json', () => {
    const s = schema({ type: 'record', name: 'R', namespace: 'n', fields: [{ name: 'u', type: ['null', 'string', ITEM, { type: 'array', items: 'int' }], default: null }] });
    const valid = validator(jsonSchemaFor(s));
    expect(valid({ u: null })).toBe(true);
    expect(valid({ u: { string: 'x' } })).toBe(true);
    expect(valid({ u: { 'org.acme.Item': { sku: 'a', price: 1 } } })).toBe(true);
    expect(valid({ u: { array: [1, 2] } })).toBe(true);
    expect(valid({ u: 'x' })).toBe(false);
    expect(valid({ u: { Item: { sku: 'a', price: 1 } } })).toBe(false);
    expect(valid({ u: { string: 'x', array: [] } })).toBe(false);
    expect(valid({ u: { null: null } })).toBe(false);
    expect(valid({})).toBe(true); // u has a default
  });

  it('gives union defaults in their wrapped form', () => {
    const s = schema({ type: 'record', name: 'R', fields: [{ name: 'u', type: ['string', 'null'], default: 'hi' }] });
    const r = (jsonSchemaFor(s).definitions as Record<string, JsonSchema>).R;
    expect((r.properties as Record<string, JsonSchema>).u.default).toEqual({ string: 'hi' });
  });

  it('names long defaults beyond 2^53 in the description, since JSON Schema holds no bigints', () => {
    const s = readSchemaJson('{"type":"record","name":"R","fields":[{"name":"n","type":"long","default":9223372036854775807}]}', { file: 't.avsc' }).schema;
    const n = ((jsonSchemaFor(s).definitions as Record<string, JsonSchema>).R.properties as Record<string, JsonSchema>).n;
    expect(n.default).toBeUndefined();
    expect(n.description).toContain('Default: 9223372036854775807');
    expect(() => JSON.stringify(jsonSchemaFor(s))).not.toThrow();
  });

  it('lists enum symbols and checks fixed sizes', () => {
    const s = schema({
      type: 'record',
      name: 'R',
      fields: [
        { name: 'e', type: { type: 'enum', name: 'Kind', symbols: ['A', 'B'] } },
        { name: 'f', type: { type: 'fixed', name: 'Four', size: 4 } },
        { name: 'm', type: { type: 'map', values: 'Kind' } },
      ],
    });
    const doc = jsonSchemaFor(s);
    const defs = doc.definitions as Record<string, JsonSchema>;
    expect(defs.Kind.enum).toEqual(['A', 'B']);
    expect(defs.Four).toMatchObject({ type: 'string', minLength: 4, maxLength: 4 });
    expect(defs.Four.description).toContain('4 bytes');
    const valid = validator(doc);
    expect(valid({ e: 'A', f: 'abcd', m: { x: 'B' } })).toBe(true);
    expect(valid({ e: 'C', f: 'abcd', m: {} })).toBe(false);
    expect(valid({ e: 'A', f: 'abc', m: {} })).toBe(false);
    expect(valid({ e: 'A', f: 'abcd', m: { x: 'Z' } })).toBe(false);
  });

  it('describes logical types', () => {
    const describe = (json: unknown): string => String(jsonSchemaFor(schema(json)).description);
    expect(describe({ type: 'long', logicalType: 'timestamp-millis' })).toContain('timestamp-millis: milliseconds since 1970-01-01 UTC');
    expect(describe({ type: 'int', logicalType: 'date' })).toContain('date: days since 1970-01-01');
    expect(describe({ type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 })).toContain('decimal(9, 2)');
    const uuid = validator(jsonSchemaFor(schema({ type: 'string', logicalType: 'uuid' })));
    expect(uuid('123e4567-e89b-12d3-a456-426614174000')).toBe(true);
    expect(uuid('nope')).toBe(false);
    // A logical type on the wrong underlying type is ignored, as Avro does.
    expect(jsonSchemaFor(schema({ type: 'string', logicalType: 'date' })).description).toBeUndefined();
  });

  it('refers to recursive types instead of expanding them', () => {
    const s = schema({ type: 'record', name: 'Node', fields: [{ name: 'value', type: 'int' }, { name: 'next', type: ['null', 'Node'], default: null }] });
    const doc = jsonSchemaFor(s);
    expect(Object.keys(doc.definitions as object)).toEqual(['Node']);
    const valid = validator(doc);
    expect(valid({ value: 1, next: { Node: { value: 2, next: { Node: { value: 3, next: null } } } } })).toBe(true);
    expect(valid({ value: 1, next: { Node: { value: 'x' } } })).toBe(false);
  });

  it('accepts the Avro JSON of example values of the SPL common types', () => {
    const protocol = readProtocolJson(JSON.stringify({
      protocol: 'P',
      namespace: 'spl.common',
      types: [
        { type: 'fixed', name: 'SchemaFingerprint', size: 8 },
        { type: 'record', name: 'SchemaRef', fields: [
          { name: 'name', type: ['null', 'string'], default: null },
          { name: 'fingerprint', type: ['null', 'SchemaFingerprint'], default: null },
          { name: 'json', type: ['null', 'string'], default: null },
        ] },
        { type: 'record', name: 'Payload', fields: [{ name: 'schema', type: 'SchemaRef' }, { name: 'value', type: 'bytes' }] },
      ],
      messages: {
        run: {
          doc: 'Runs it.',
          request: [
            { name: 'value', type: ['null', 'bytes', 'string', 'Payload'], default: null },
            { name: 'when', type: { type: 'long', logicalType: 'timestamp-millis' } },
          ],
          response: 'null',
        },
      },
    }), { file: 'p.avpr' });
    const message = protocol.messages[0];
    const doc = requestJsonSchema(message);
    expect(doc).toMatchObject({ type: 'object', title: 'run', description: 'Runs it.', required: ['when'], additionalProperties: false });
    const valid = validator(doc);
    for (const type of protocol.types) {
      const typeDoc = validator(jsonSchemaFor(type));
      expect(typeDoc(plain(toAvroJson(type, exampleValue(type))))).toBe(true);
    }
    expect(valid({ when: 5, value: { 'spl.common.Payload': { schema: { name: { string: 'x' }, fingerprint: { 'spl.common.SchemaFingerprint': '12345678' }, json: null }, value: '' } } })).toBe(true);
    expect(valid({ when: 5, value: { Payload: {} } })).toBe(false);
    expect(valid({ value: null })).toBe(false);
  });

  it('names a request whose message shares a named type\'s name without clashing', () => {
    const protocol = readProtocolJson(JSON.stringify({
      protocol: 'P',
      types: [{ type: 'record', name: 'ping', fields: [{ name: 'n', type: 'int' }] }],
      messages: { ping: { request: [{ name: 'p', type: 'ping' }], response: 'null' } },
    }), { file: 'p.avpr' });
    const valid = validator(requestJsonSchema(protocol.messages[0]));
    expect(valid({ p: { n: 1 } })).toBe(true);
    expect(valid({ p: { p: { n: 1 } } })).toBe(false);
  });
});
