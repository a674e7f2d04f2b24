import { describe, expect, it } from 'vitest';
import { ECHO_INPUT } from '../test-protocols.js';
import { decodePayload, encodePayload, FINGERPRINT_TYPE, payloadParts, readPayloadSchema } from './payload-value.js';

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
});
