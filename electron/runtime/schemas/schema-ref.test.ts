import { describe, expect, it } from 'vitest';
import { SchemaProblem } from './schema-problem.js';
import { payloadFromEngine, payloadToEngine, resolveSchemaRef } from './schema-ref.js';
import { SchemaRegistry } from './schema-registry.js';
import { thrown } from '../../../test/support/thrown.js';

const V1 = '{"type":"record","name":"spl.test.Point","fields":[{"name":"x","type":"int"}]}';
const V2 = '{"type":"record","name":"spl.test.Point","fields":[{"name":"x","type":"int"},{"name":"y","type":"int","default":0}]}';

const problemOf = (run: () => unknown): SchemaProblem => thrown(run, SchemaProblem);

describe('resolveSchemaRef', () => {
  it('takes json first, then fingerprint, then name', () => {
    const registry = new SchemaRegistry();
    const v1 = registry.register(V1);
    const v2 = registry.register(V2);
    expect(resolveSchemaRef(registry, { json: V1, name: 'spl.test.Point' })).toBe(v1);
    expect(resolveSchemaRef(registry, { fingerprint: v1.fingerprint, name: 'spl.test.Point' })).toBe(v1);
    expect(resolveSchemaRef(registry, { name: 'spl.test.Point' })).toBe(v2);
  });

  it('learns a schema sent inline without making it current', () => {
    const registry = new SchemaRegistry();
    const v2 = registry.register(V2);
    const v1 = resolveSchemaRef(registry, { json: V1 });
    expect(registry.byFingerprint(v1.hex)).toBe(v1);
    expect(registry.byName('spl.test.Point')).toBe(v2);
  });

  it('says what is wrong with a ref, with the code to answer', () => {
    const registry = new SchemaRegistry();
    const v1 = registry.register(V1);
    expect(problemOf(() => resolveSchemaRef(registry, {})).code).toBe('INVALID_REQUEST');
    const unknown = problemOf(() => resolveSchemaRef(registry, { fingerprint: Buffer.alloc(8, 1), name: 'spl.test.Gone' }, { what: 'data.schema' }));
    expect(unknown.code).toBe('SCHEMA_NOT_FOUND');
    expect(unknown.message).toContain('data.schema.json');
    expect(problemOf(() => resolveSchemaRef(registry, { name: 'spl.test.Nope' })).code).toBe('SCHEMA_NOT_FOUND');
    expect(problemOf(() => resolveSchemaRef(registry, { json: V2, fingerprint: v1.fingerprint })).message).toMatch(/is not the fingerprint of SchemaRef\.json/);
    expect(problemOf(() => resolveSchemaRef(registry, { fingerprint: v1.fingerprint, name: 'spl.test.Other' })).message).toMatch(/name is spl\.test\.Other but/);
    expect(problemOf(() => resolveSchemaRef(registry, { fingerprint: Buffer.alloc(3) })).message).toMatch(/has 3 bytes/);
    expect(problemOf(() => resolveSchemaRef(registry, { name: 'spl.test.Point' }, { allowNameOnly: false })).code).toBe('INVALID_REQUEST');
  });
});

describe('payloads in the engine shape', () => {
  it('converts both ways', () => {
    const fingerprint = Buffer.alloc(8, 7);
    const engine = { schema: { name: { string: 'a.B' }, fingerprint: { 'spl.common.SchemaFingerprint': fingerprint }, json: null }, value: Buffer.from([2]) };
    const plain = payloadFromEngine(engine);
    expect(plain).toEqual({ schema: { name: 'a.B', fingerprint, json: undefined }, value: Buffer.from([2]) });
    expect(payloadToEngine(plain)).toEqual(engine);
  });
});
