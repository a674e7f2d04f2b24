/** Plain values: unions bare or wrapped, defaults optional, every misfit explained by path. */
import { describe, expect, it } from 'vitest';
import { AvroValueError } from '../../../shared/avro/avro-json.js';
import { readSchemaJson } from '../../../shared/avro/schema-reader.js';
import { toEngineValue, toPlainValue } from './plain-value.js';

const schema = readSchemaJson(JSON.stringify({
  type: 'record', name: 'Order', namespace: 'shop', fields: [
    { name: 'id', type: 'long' },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'tags', type: { type: 'array', items: 'string' }, default: [] },
    { name: 'payment', type: ['null', { type: 'record', name: 'Card', fields: [{ name: 'number', type: 'string' }] }, { type: 'record', name: 'Cash', fields: [{ name: 'amount', type: 'double' }] }], default: null },
    { name: 'raw', type: ['null', 'bytes', 'string'], default: null },
    { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['A', 'B'] }, default: 'A' },
  ],
}), { file: 'order.avsc' }).schema;

const fail = (value: unknown): AvroValueError => {
  try {
    toEngineValue(schema, value, 'order');
  } catch (error) {
    if (error instanceof AvroValueError) return error;
    throw error;
  }
  throw new Error('accepted');
};

describe('plain values', () => {
  it('fill defaults and wrap bare union values in the branch they fit', () => {
    const engine = toEngineValue(schema, { id: 2n ** 60n, note: 'gift', payment: { amount: 9.5 }, raw: new Uint8Array([1]) }) as Record<string, unknown>;
    expect(engine).toEqual({ id: 2n ** 60n, note: { string: 'gift' }, tags: [], payment: { 'shop.Cash': { amount: 9.5 } }, raw: { bytes: Buffer.from([1]) }, kind: 'A' });
    expect(Buffer.isBuffer((engine.raw as { bytes: unknown }).bytes)).toBe(true);
    expect(toPlainValue(schema, engine)).toEqual({ id: 2n ** 60n, note: 'gift', tags: [], payment: { amount: 9.5 }, raw: Buffer.from([1]), kind: 'A' });
  });

  it('take the engine\'s wrapped form as well, so values from the wire go back unchanged', () => {
    const wrapped = { id: 1, note: { string: 'x' }, tags: [], payment: { 'shop.Card': { number: '4111' } }, raw: { string: 'text' }, kind: 'B' };
    expect(toEngineValue(schema, wrapped)).toEqual(wrapped);
  });

  it('give each default afresh, so a handler changing one does not change the next', () => {
    const a = toEngineValue(schema, { id: 1 }) as { tags: string[] };
    a.tags.push('x');
    expect((toEngineValue(schema, { id: 2 }) as { tags: string[] }).tags).toEqual([]);
  });

  it('say where a value does not fit, what was expected and what was found', () => {
    expect(fail({ id: 1.5 })).toMatchObject({ path: 'order.id', message: expect.stringContaining('at order.id: expected a long') });
    expect(fail({ note: 'x' }).message).toBe("at order.id: missing field 'id' of Order (expected a long (a safe-integer number, or a bigint from -9223372036854775808 to 9223372036854775807))");
    expect(fail({ id: 1, colour: 'red' }).message).toBe("at order.colour: Order has no field 'colour'; its fields are id, note, tags, payment, raw, kind");
    expect(fail({ id: 1, tags: ['a', 3] })).toMatchObject({ path: 'order.tags[1]', expected: 'a string', got: '3' });
    // One branch the value could be: the error is that branch's own, deep inside.
    expect(fail({ id: 1, note: 5 })).toMatchObject({ path: 'order.note', expected: expect.stringContaining('one of the union\'s branches') });
    expect(fail({ id: 1, payment: { number: 4111 } })).toMatchObject({ path: 'order.payment', got: 'an object with key "number"' });
    expect(fail({ id: 1, kind: 'C' })).toMatchObject({ path: 'order.kind', expected: 'one of A, B (enum Kind)' });
    const cyclic: Record<string, unknown> = { id: 1 };
    cyclic.tags = cyclic;
    expect(fail(cyclic).path).toBe('order.tags');
  });

  it('leave values of schemas without unions as they are', () => {
    const flat = readSchemaJson('{"type":"record","name":"P","fields":[{"name":"x","type":"int"}]}', { file: 'p.avsc' }).schema;
    const value = { x: 1 };
    expect(toPlainValue(flat, value)).toBe(value);
  });
});
