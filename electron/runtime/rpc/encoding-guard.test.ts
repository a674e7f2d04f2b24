import avsc from 'avsc';
import { describe, expect, it } from 'vitest';
import { BlockLimitExceeded } from './encoding-guard.js';

/** A zigzag varint, for hand-made encodings. */
function varint(n: bigint): number[] {
  let z = n >= 0n ? n * 2n : -n * 2n - 1n;
  const out: number[] = [];
  while (z >= 0x80n) {
    out.push(Number(z & 0x7fn) | 0x80);
    z >>= 7n;
  }
  out.push(Number(z));
  return out;
}

describe('bounded arrays and maps', () => {
  it('refuses a block announcing more items than the bytes left could hold, saying where', () => {
    const ints = avsc.Type.forSchema({ type: 'array', items: 'int' });
    const bytes = Buffer.from([...varint(2n ** 60n), 2, 4, 0]);
    expect(() => ints.decode(bytes, 0)).toThrow(new BlockLimitExceeded(`the block at byte 0 announces ${2 ** 60} items, but only 3 bytes follow`));
    // Records of two doubles take 16 bytes each: 2 of them cannot fit in 20 bytes.
    const points = avsc.Type.forSchema({ type: 'array', items: { type: 'record', name: 'P', fields: [{ name: 'x', type: 'double' }, { name: 'y', type: 'double' }] } });
    expect(() => points.decode(Buffer.concat([Buffer.from(varint(2n)), Buffer.alloc(20)]), 0)).toThrow('announces 2 items, but only 20 bytes follow');
    const strings = avsc.Type.forSchema({ type: 'map', values: 'string' });
    expect(() => strings.decode(Buffer.from([...varint(1000n), 2, 0x61, 0]), 0)).toThrow('announces 1000 items, but only 3 bytes follow');
  });

  it('caps items of no size per value, and gives each value a fresh allowance', () => {
    const nulls = avsc.Type.forSchema({ type: 'array', items: 'null' });
    expect(() => nulls.decode(Buffer.from([...varint(2n ** 40n), 0]), 0)).toThrow(`announces ${2 ** 40} empty items (the limit is 1000000 in one value)`);
    const many = Buffer.from([...varint(600_000n), 0]);
    for (let i = 0; i < 3; i++) expect((nulls.decode(many, 0).value as unknown[]).length).toBe(600_000);
  });

  it('bounds resolved reads by the writer\'s item sizes, and skipped fields too', () => {
    const writer = avsc.Type.forSchema({ type: 'record', name: 'R', fields: [{ name: 'gone', type: { type: 'array', items: 'int' } }, { name: 'kept', type: { type: 'array', items: 'int' } }] });
    const reader = avsc.Type.forSchema({ type: 'record', name: 'R', fields: [{ name: 'kept', type: { type: 'array', items: 'long' } }] });
    const resolver = reader.createResolver(writer);
    const valid = writer.toBuffer({ gone: [1, 2], kept: [3, 4] });
    expect(reader.fromBuffer(valid, resolver)).toEqual({ kept: [3, 4] });
    expect(() => reader.fromBuffer(Buffer.from([...varint(2n ** 50n), 0, 0]), resolver)).toThrow(`announces ${2 ** 50} items`);
    expect(() => reader.fromBuffer(Buffer.from([0, ...varint(2n ** 50n), 0]), resolver)).toThrow(`announces ${2 ** 50} items`);
  });

  it('reads valid values as avsc always did, blocks with byte sizes included', () => {
    const type = avsc.Type.forSchema({ type: 'map', values: { type: 'array', items: ['null', 'string'] } });
    const value = { a: [null, 'x'], b: [], c: ['y'] };
    expect(type.fromBuffer(type.toBuffer(value))).toEqual(value);
    // A block with a negative count carries its byte size: [-2, size 4, "a", "b", 0].
    const strings = avsc.Type.forSchema({ type: 'array', items: 'string' });
    expect(strings.fromBuffer(Buffer.from([...varint(-2n), ...varint(4n), 2, 0x61, 2, 0x62, 0]))).toEqual(['a', 'b']);
  });
});
