/**
 * A runtime value (`shared/avro/avro-json.ts`) as a TypeScript expression that builds it: field
 * defaults are written into generated error classes this way, exact (bigints, NaN, bytes).
 */
import type { RuntimeValue } from '../avro/avro-json.js';
import { objectKey, quote } from './identifiers.js';

export function tsLiteral(value: RuntimeValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'number':
      if (Number.isNaN(value)) return 'NaN';
      if (value === Infinity) return 'Infinity';
      if (value === -Infinity) return '-Infinity';
      return Object.is(value, -0) ? '-0' : String(value);
    case 'string':
      return quote(value);
    default:
      break;
  }
  if (value instanceof Uint8Array) return `new Uint8Array([${[...value].join(', ')}])`;
  if (Array.isArray(value)) return `[${value.map(tsLiteral).join(', ')}]`;
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${objectKey(k)}: ${tsLiteral(v)}`).join(', ')} }`;
}
