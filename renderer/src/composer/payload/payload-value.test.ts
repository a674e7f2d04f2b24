import { describe, expect, it } from 'vitest';
import { ECHO_INPUT, MODULES } from '../test-protocols.js';
import { decodePayload, encodePayload, FINGERPRINT_TYPE, knownSchemas, payloadParts, readPayloadSchema, schemaChoices } from './payload-value.js';

const echo = readPayloadSchema(ECHO_INPUT);
if ('error' in echo) throw new Error(echo.error);

describe('payload values', () => {
  it('round-trips a typed value: encoded with a complete SchemaRef, decoded with the schema it carries', () => {
    const value = { text: 'héllo', big: -(2n ** 63n) };
    const payload = encodePayload(echo, value);
    const parts = payloadParts(payload)!;
    expect(parts.ref.name).toBe('demo.EchoInput');
    expect(parts.ref.fingerprint).toHaveLength(8);
    expect(JSON.parse(parts.ref.json!)).toMatchObject({ name: 'demo.EchoInput' });
    expect((payload.schema as { fingerprint: Record<string, unknown> }).fingerprint[FINGERPRINT_TYPE]).toBeInstanceOf(Uint8Array);
    const decoded = decodePayload(payload);
    expect(decoded).toMatchObject({ status: 'decoded', label: 'demo.EchoInput', value });
  });

  it('says what is missing when the SchemaRef has only a name, or the bytes do not fit', () => {
    const payload = encodePayload(echo, { text: 'x', big: 1 });
    expect(decodePayload({ ...payload, schema: { name: { string: 'demo.EchoInput' }, fingerprint: null, json: null } })).toMatchObject({ status: 'no-schema', label: 'demo.EchoInput' });
    const broken = decodePayload({ ...payload, value: new Uint8Array([0x80]) });
    expect(broken).toMatchObject({ status: 'error', error: expect.stringMatching(/^Its bytes do not decode with its writer schema/) });
    expect(decodePayload('not a payload')).toBeUndefined();
  });

  it('decodes with a known schema of the same fingerprint, which a payload need not carry, and keeps its docs and logical types', () => {
    const documented = JSON.stringify({
      type: 'record',
      name: 'EchoInput',
      namespace: 'demo',
      doc: 'What to echo.',
      fields: [{ name: 'text', type: 'string', doc: 'The text.' }, { name: 'big', type: { type: 'long', logicalType: 'timestamp-millis' } }],
    });
    const known = knownSchemas(schemaChoices([{ ...MODULES[0], inputSchemaText: documented }]));
    const payload = encodePayload(echo, { text: 'x', big: 2n ** 60n + 1n });
    // As a node answers: the name and fingerprint, not the JSON.
    const answered = { ...payload, schema: { ...(payload.schema as object), json: null } };
    expect(decodePayload(answered)).toMatchObject({ status: 'no-schema' });
    const decoded = decodePayload(answered, known);
    expect(decoded).toMatchObject({ status: 'decoded', label: 'demo.EchoInput', value: { text: 'x', big: 2n ** 60n + 1n } });
    expect(decoded?.status === 'decoded' && decoded.schema.type === 'record' && decoded.schema.fields[0].doc).toBe('The text.');
    // The carried canonical form has no docs: the known schema is preferred.
    expect(decodePayload(payload, known)).toMatchObject({ status: 'decoded', schema: { doc: 'What to echo.' } });
    // Another fingerprint is not that schema.
    const other = readPayloadSchema(JSON.stringify({ type: 'record', name: 'Other', fields: [{ name: 'n', type: 'long' }] }));
    if ('error' in other) throw new Error(other.error);
    const foreign = encodePayload(other, { n: 1 });
    expect(decodePayload({ ...foreign, schema: { ...(foreign.schema as object), json: null } }, known)).toMatchObject({ status: 'no-schema', label: 'Other' });
  });
});
