import { describe, expect, it } from 'vitest';
import { exactLong } from './exact-long.js';

describe('exactLong', () => {
  const type = exactLong();
  const roundTrip = (value: number | bigint) => type.fromBuffer(type.toBuffer(value));

  it('keeps every long exact, the negative ones below -2^52 included (avsc rounds those)', () => {
    const values: (number | bigint)[] = [
      0, 1, -1, 2 ** 52, -(2 ** 52), -(2 ** 52) - 1, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER,
      -9007199254740993n, 9007199254740993n, -(2n ** 63n), 2n ** 63n - 1n,
    ];
    for (const value of values) expect(BigInt(roundTrip(value) as number | bigint), String(value)).toBe(BigInt(value));
  });

  it('writes the zigzag bytes of the spec: -2^53+1 is 0xfd…0x1f', () => {
    // zigzag(-(2^53 - 1)) = 2^54 - 3
    expect(type.toBuffer(Number.MIN_SAFE_INTEGER).toString('hex')).toBe('fdffffffffffff1f');
  });
});
