import { describe, expect, it } from 'vitest';
import { readSchemaJson } from '../../../shared/avro/schema-reader.js';
import { SchemaProblem } from './schema-problem.js';
import { SchemaRegistry } from './schema-registry.js';
import type { SchemaStore, StoredSchema } from './schema-store.js';
import { thrown } from '../../../test/support/thrown.js';

const USER_V1 = JSON.stringify({ type: 'record', name: 'User', namespace: 'spl.test', fields: [{ name: 'id', type: 'string' }, { name: 'age', type: 'int' }] });
// v2: `age` promoted to long, a field added with a default, a union.
const USER_V2 = JSON.stringify({
  type: 'record', name: 'User', namespace: 'spl.test',
  fields: [{ name: 'id', type: 'string' }, { name: 'age', type: 'long' }, { name: 'email', type: ['null', 'string'], default: null }, { name: 'score', type: 'long', default: 7 }],
});

class MemorySchemaStore implements SchemaStore {
  rows: StoredSchema[] = [];
  failing = false;
  loadSchemas(): StoredSchema[] {
    return [...this.rows];
  }
  saveSchema(schema: StoredSchema): void {
    if (this.failing) throw new Error('disk full');
    const at = this.rows.findIndex((r) => r.fingerprint.equals(schema.fingerprint));
    if (at >= 0) {
      const row = this.rows[at];
      this.rows.splice(at, 1);
      this.rows.push({ ...row, json: schema.json, current: row.current || schema.current });
    } else {
      this.rows.push(schema);
    }
  }
}

const problemOf = (run: () => unknown): SchemaProblem => thrown(run, SchemaProblem);

describe('SchemaRegistry', () => {
  it('registers from the model or JSON text, with the Avro fingerprint', () => {
    const registry = new SchemaRegistry();
    const fromText = registry.register(USER_V1);
    const fromModel = registry.register(readSchemaJson(USER_V1, { file: 'x' }).schema);
    expect(fromModel).toBe(fromText);
    expect(fromText.fullName).toBe('spl.test.User');
    expect(fromText.fingerprint).toHaveLength(8);
    expect(fromText.hex).toBe(fromText.fingerprint.toString('hex'));
    expect(registry.byFingerprint(fromText.fingerprint)).toBe(fromText);
    expect(registry.byFingerprint(fromText.hex.toUpperCase())).toBe(fromText);
    expect(registry.register('"int"').hex).toBe('8f5c393f1ad57572');
  });

  it('keeps every version by fingerprint and the latest registered as current', () => {
    const registry = new SchemaRegistry();
    const v1 = registry.register(USER_V1);
    const v2 = registry.register(USER_V2);
    expect(registry.byName('spl.test.User')).toBe(v2);
    expect(registry.byFingerprint(v1.hex)).toBe(v1);
    expect(registry.versions('spl.test.User')).toEqual([v1, v2]);
    registry.register(USER_V1);
    expect(registry.byName('spl.test.User')).toBe(v1);
  });

  it('lets schemas seen in data become current only for names without one', () => {
    const registry = new SchemaRegistry();
    const v2 = registry.register(USER_V2);
    registry.register(USER_V1, { current: false });
    expect(registry.byName('spl.test.User')).toBe(v2);
    const fresh = new SchemaRegistry();
    const seen = fresh.register(USER_V1, { current: false });
    expect(fresh.byName('spl.test.User')).toBe(seen);
  });

  it('refuses text that is not a schema, saying where', () => {
    const problem = problemOf(() => new SchemaRegistry().register('{"type":"record","name":"R","fields":[{"name":"a","type":"nope"}]}', { origin: 'SchemaRef.json' }));
    expect(problem.code).toBe('INVALID_REQUEST');
    expect(problem.message).toMatch(/SchemaRef\.json is not a valid Avro schema: .*nope/);
  });

  it('resolves old data into a new reader: promotion, added fields with defaults', () => {
    const registry = new SchemaRegistry();
    const v1 = registry.register(USER_V1);
    const v2 = registry.register(USER_V2);
    const bytes = v1.type.toBuffer({ id: 'u1', age: 42 });
    expect(registry.decode(bytes, v1, v2)).toEqual({ id: 'u1', age: 42, email: null, score: 7 });
    // New data read by an old reader: the extra fields are skipped.
    const newer = v2.type.toBuffer({ id: 'u2', age: 2n ** 60n, email: { string: 'a@b.c' }, score: 1 });
    const v1Reader = registry.register(USER_V1, { current: false });
    const problem = problemOf(() => registry.decode(newer, v2, v1Reader));
    // long cannot be read as int: explained by field path.
    expect(problem.code).toBe('SCHEMA_MISMATCH');
    expect(problem.message).toContain('User.age');
    expect(problem.details.writerFingerprint).toBe(v2.hex);
    // As written: wrapped unions and exact longs, the engine's shape.
    expect(registry.decode(newer, v2)).toEqual({ id: 'u2', age: 2n ** 60n, email: { string: 'a@b.c' }, score: 1 });
  });

  it('caches resolvers per reader and writer', () => {
    const registry = new SchemaRegistry();
    const v1 = registry.register(USER_V1);
    const v2 = registry.register(USER_V2);
    expect(registry.resolver(v2, v1)).toBe(registry.resolver(v2, v1));
    expect(registry.resolver(v1, v1)).toBeUndefined();
  });

  it('refuses bytes that are not a value of the writer schema', () => {
    const registry = new SchemaRegistry();
    const v1 = registry.register(USER_V1);
    const good = v1.type.toBuffer({ id: 'u1', age: 1 });
    expect(problemOf(() => registry.decode(good.subarray(0, 2), v1)).message).toMatch(/not an Avro binary value of spl\.test\.User/);
    expect(problemOf(() => registry.decode(Buffer.concat([good, Buffer.from([1])]), v1)).code).toBe('INVALID_REQUEST');
    // Ten bytes announcing 2^40 items: refused, not looped over.
    const list = registry.register('{"type":"array","items":"null"}');
    expect(problemOf(() => registry.decode(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x20]), list)).code).toBe('INVALID_REQUEST');
  });

  it('saves to an attached store and finds every version again after a restart', () => {
    const store = new MemorySchemaStore();
    const first = new SchemaRegistry({ store });
    const v1 = first.register(USER_V1);
    const v2 = first.register(USER_V2);
    first.register('"string"');
    expect(store.rows).toHaveLength(3);

    const second = new SchemaRegistry({ store });
    expect(second.byName('spl.test.User')?.hex).toBe(v2.hex);
    expect(second.byFingerprint(v1.hex)?.json).toBe(v1.json);
    expect(second.decode(v1.type.toBuffer({ id: 'x', age: 1 }), second.byFingerprint(v1.hex)!, second.byName('spl.test.User'))).toMatchObject({ age: 1, score: 7 });
  });

  it('puts what it learnt before attaching on top of the older stored versions', () => {
    const store = new MemorySchemaStore();
    new SchemaRegistry({ store }).register(USER_V2);
    const registry = new SchemaRegistry();
    const v1 = registry.register(USER_V1);
    registry.attachStore(store);
    expect(registry.byName('spl.test.User')?.hex).toBe(v1.hex);
    expect(store.rows.map((r) => r.fingerprint.toString('hex'))).toContain(v1.hex);
  });

  it('keeps registering in memory when the store cannot save (module loading must not fail on a full disk)', () => {
    const store = new MemorySchemaStore();
    store.failing = true;
    const registry = new SchemaRegistry({ store });
    const v1 = registry.register(USER_V1);
    expect(registry.byName('spl.test.User')).toBe(v1);
    expect(String(registry.lastSaveError)).toContain('disk full');
  });
});
