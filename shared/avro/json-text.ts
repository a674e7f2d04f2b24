/**
 * JSON text for Avro documents. Unlike JSON.stringify it writes bigints exactly (longs beyond
 * 2^53) and writes NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity", as Apache
 * Avro's Java tools do for float and double defaults.
 */
import type { JsonValue } from './model.js';

function scalar(value: JsonValue): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'number':
      if (Number.isNaN(value)) return '"NaN"';
      if (value === Infinity) return '"Infinity"';
      if (value === -Infinity) return '"-Infinity"';
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    default:
      return undefined;
  }
}

/** Writes `value` as JSON, pretty-printed with `indent` spaces (0 for compact). */
export function toJsonText(value: JsonValue, indent = 2): string {
  const pad = (depth: number): string => (indent > 0 ? '\n' + ' '.repeat(indent * depth) : '');
  const sep = indent > 0 ? ': ' : ':';
  const write = (v: JsonValue, depth: number): string => {
    const s = scalar(v);
    if (s !== undefined) return s;
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      // Short lists of scalars (enum symbols, aliases) stay on one line, as Avro's tools print them.
      if (indent > 0 && v.every((item) => scalar(item) !== undefined)) {
        const inline = '[' + v.map((item) => scalar(item)).join(', ') + ']';
        if (inline.length <= 80) return inline;
      }
      return '[' + v.map((item) => pad(depth + 1) + write(item, depth + 1)).join(',') + pad(depth) + ']';
    }
    const entries = Object.entries(v as Record<string, JsonValue>);
    if (entries.length === 0) return '{}';
    return '{' + entries.map(([k, item]) => pad(depth + 1) + JSON.stringify(k) + sep + write(item, depth + 1)).join(',') + pad(depth) + '}';
  };
  return write(value, 0);
}
