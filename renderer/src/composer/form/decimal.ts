/**
 * Avro's `decimal` logical type: an unscaled integer as big-endian two's-complement bytes, the
 * value being unscaled × 10^-scale. The form shows it as a decimal number ("-12.50" with scale 2)
 * and keeps it exact through BigInt.
 */
import type { Schema } from '../../../../shared/avro/model.js';
import { fail, ok, type Parsed } from './parsed.js';

export interface DecimalType {
  precision: number;
  scale: number;
  /** For a fixed: its size, which every value fills (sign-extended). */
  size?: number;
}

/** The decimal's parameters when `schema` is a valid decimal (else Avro ignores the logical type). */
export function decimalType(schema: Schema): DecimalType | undefined {
  if ((schema.type !== 'bytes' && schema.type !== 'fixed') || schema.props.logicalType !== 'decimal') return undefined;
  const precision = schema.props.precision;
  const scale = schema.props.scale ?? 0;
  if (typeof precision !== 'number' || !Number.isInteger(precision) || precision < 1) return undefined;
  if (typeof scale !== 'number' || !Number.isInteger(scale) || scale < 0 || scale > precision) return undefined;
  if (schema.type === 'fixed') {
    // A fixed of n bytes holds at most floor(log10(2^(8n-1) - 1)) digits.
    const maxDigits = Math.floor(Math.log10(2) * (8 * schema.size - 1));
    if (precision > maxDigits) return undefined;
    return { precision, scale, size: schema.size };
  }
  return { precision, scale };
}

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/;

export function parseDecimal(text: string, type: DecimalType): Parsed<Uint8Array> {
  const trimmed = text.trim();
  const match = DECIMAL.exec(trimmed);
  if (trimmed === '' || !match || (match[2] === '' && (match[3] ?? '') === '')) {
    return fail(`enter a decimal number such as ${example(type)}`);
  }
  const [, sign = '', whole, fraction = ''] = match;
  let digits = fraction;
  if (digits.length > type.scale) {
    // Trailing zeros beyond the scale change nothing.
    if (/[^0]/.test(digits.slice(type.scale))) {
      return fail(`at most ${type.scale} digit${type.scale === 1 ? '' : 's'} after the point (scale ${type.scale})`);
    }
    digits = digits.slice(0, type.scale);
  }
  const unscaled = BigInt(`${sign}${whole === '' ? '0' : whole}${digits.padEnd(type.scale, '0')}`);
  const magnitude = unscaled < 0n ? -unscaled : unscaled;
  const count = magnitude === 0n ? 1 : magnitude.toString().length;
  if (count > type.precision) {
    return fail(`${count} digits, but decimal(${type.precision}, ${type.scale}) holds at most ${type.precision} (${type.precision - type.scale} before the point)`);
  }
  return ok(toTwosComplement(unscaled, type.size));
}

function example(type: DecimalType): string {
  return type.scale === 0 ? '42' : `12.${'5'.padEnd(type.scale, '0')}`;
}

/** The decimal number the bytes hold, or an explanation when they hold none (no bytes, wrong size). */
export function formatDecimal(bytes: Uint8Array, type: DecimalType): Parsed<string> {
  if (bytes.length === 0) return fail('no bytes: not a decimal yet');
  if (type.size !== undefined && bytes.length !== type.size) return fail(`${bytes.length} bytes, but the fixed holds ${type.size}`);
  const unscaled = fromTwosComplement(bytes);
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(type.scale + 1, '0');
  const whole = digits.slice(0, digits.length - type.scale);
  const fraction = digits.slice(digits.length - type.scale);
  return ok(`${negative ? '-' : ''}${whole}${type.scale > 0 ? `.${fraction}` : ''}`);
}

/** Big-endian two's complement: the fewest bytes that hold `n`, or exactly `size` bytes. */
export function toTwosComplement(n: bigint, size?: number): Uint8Array {
  let length = 1;
  while (n < -(1n << BigInt(8 * length - 1)) || n >= 1n << BigInt(8 * length - 1)) length++;
  const total = size ?? length;
  const out = new Uint8Array(total);
  let v = BigInt.asUintN(8 * total, n);
  for (let i = total - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

export function fromTwosComplement(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return BigInt.asIntN(8 * bytes.length, v);
}
