/**
 * Numbers as the form reads and writes them. Integers are parsed exactly through BigInt (a long
 * beyond 2^53 typed by hand must not round on its way to the value), and become numbers when
 * safe, as runtime values hold them. Floats take the spellings Avro JSON uses for what JSON
 * cannot say: NaN, Infinity, -Infinity.
 */
import { fail, ok, type Parsed } from './parsed.js';

export type IntegerKind = 'int' | 'long';

const RANGES: Record<IntegerKind, [bigint, bigint]> = {
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
};

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** The largest finite float32. */
const FLOAT_MAX = 3.4028234663852886e38;

/** A whole number within the kind's range: a number when safe, else a bigint (longs only). */
export function parseInteger(text: string, kind: IntegerKind): Parsed<number | bigint> {
  const trimmed = text.trim();
  if (trimmed === '') return fail(`enter a whole number (${kind})`);
  if (!INTEGER.test(trimmed)) {
    if (DECIMAL.test(trimmed)) return fail(`${trimmed} is not a whole number: an ${kind} has no fraction or exponent`);
    return fail(`${JSON.stringify(trimmed)} is not a whole number`);
  }
  const big = BigInt(trimmed);
  const [min, max] = RANGES[kind];
  if (big < min || big > max) return fail(`${big} is outside the ${kind} range ${min} to ${max}`);
  return ok(big >= Number.MIN_SAFE_INTEGER && big <= Number.MAX_SAFE_INTEGER ? Number(big) : big);
}

export function formatInteger(value: number | bigint): string {
  return Object.is(value, -0) ? '0' : value.toString();
}

/** A float or double: a decimal number, or NaN, Infinity, -Infinity (any case). */
export function parseFloating(text: string, kind: 'float' | 'double'): Parsed<number> {
  const trimmed = text.trim();
  const special = trimmed.toLowerCase();
  if (special === 'nan') return ok(NaN);
  if (special === 'infinity' || special === '+infinity') return ok(Infinity);
  if (special === '-infinity') return ok(-Infinity);
  if (trimmed === '') return fail(`enter a number (${kind}), or NaN, Infinity, -Infinity`);
  if (!DECIMAL.test(trimmed)) return fail(`${JSON.stringify(trimmed)} is not a number; write digits, a point and an exponent (1.5e3), or NaN, Infinity, -Infinity`);
  const value = Number(trimmed);
  const max = kind === 'float' ? FLOAT_MAX : Number.MAX_VALUE;
  if (!Number.isFinite(value) || Math.abs(value) > max) {
    return fail(`${trimmed} is beyond the largest ${kind} (±${kind === 'float' ? '3.4028235e38' : '1.7976931348623157e308'}); write Infinity if you mean it`);
  }
  return ok(value);
}

export function formatFloating(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return Object.is(value, -0) ? '-0' : String(value);
}
