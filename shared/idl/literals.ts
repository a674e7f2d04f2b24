/**
 * Values of IDL literals, as Java's IDL reader computes them: integers as Long.decode does
 * (decimal, 0x hex, 0 octal, optional L suffix, underscores ignored), floats as
 * Double.parseDouble does (NaN, Infinity, hex floats, f/d suffixes).
 */
import type { JsonNode } from './ast.js';
import type { JsonValue } from '../avro/model.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The integer a literal denotes, or an error message. Big values come back as bigint. */
export function parseIntegerLiteral(raw: string): { value: number | bigint; long: boolean } | { error: string } {
  let text = raw.replace(/_/g, '');
  let long = false;
  if (/[lL]$/.test(text)) {
    long = true;
    text = text.slice(0, -1);
  }
  const negative = text.startsWith('-');
  if (negative) text = text.slice(1);
  let big: bigint;
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) big = BigInt(text);
  else if (/^0[0-7]+$/.test(text)) big = BigInt('0o' + text.slice(1));
  else if (/^(0|[1-9][0-9]*)$/.test(text)) big = BigInt(text);
  else return { error: `'${raw}' is not a valid integer` };
  if (negative) big = -big;
  if (big < INT64_MIN || big > INT64_MAX) return { error: `${raw} does not fit in a long (64-bit signed integer)` };
  const fitsInt = big >= -(2n ** 31n) && big < 2n ** 31n;
  const value = big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  return { value, long: long || !fitsInt };
}

/** The double a floating-point literal denotes. */
export function parseFloatLiteral(raw: string): number {
  let text = raw.replace(/[fFdD]$/, '');
  let sign = 1;
  if (text.startsWith('-') || text.startsWith('+')) {
    if (text.startsWith('-')) sign = -1;
    text = text.slice(1);
  }
  if (text === 'NaN') return NaN;
  if (text === 'Infinity') return sign * Infinity;
  const hex = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(text);
  if (hex) {
    const whole = hex[1] || '0';
    const fraction = hex[2] ?? '';
    const mantissa = parseInt(whole + fraction || '0', 16);
    return sign * mantissa * Math.pow(2, parseInt(hex[3], 10) - 4 * fraction.length);
  }
  return sign * Number(text);
}

/** Converts a JSON literal from the syntax tree to a value; reports integers that do not fit a long. */
export function jsonValueOf(node: JsonNode, report: (node: JsonNode, message: string) => void): JsonValue {
  switch (node.kind) {
    case 'String':
      return node.value;
    case 'Keyword':
      return node.value;
    case 'Number': {
      if (!node.integer) return parseFloatLiteral(node.raw);
      const parsed = parseIntegerLiteral(node.raw);
      if ('error' in parsed) {
        report(node, parsed.error);
        return 0;
      }
      return parsed.value;
    }
    case 'Array':
      return node.items.map((item) => jsonValueOf(item, report));
    case 'Object': {
      const out: { [key: string]: JsonValue } = {};
      for (const entry of node.entries) out[entry.key.value] = jsonValueOf(entry.value, report);
      return out;
    }
  }
}
