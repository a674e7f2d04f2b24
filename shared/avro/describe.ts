/** Short human descriptions of schemas and JSON values, for error messages. */
import type { JsonValue, Schema } from './model.js';

/**
 * How a schema reads in a message: `int`, `record Order`, `enum Kind`, `fixed MD5 (16 bytes)`,
 * `array<string>`, `map<long>`, `union {null, string}`. Named types inside are named, never
 * expanded, so this terminates on recursive schemas.
 */
export function describeSchema(schema: Schema): string {
  switch (schema.type) {
    case 'record':
    case 'error':
    case 'enum':
      return `${schema.type} ${schema.fullName}`;
    case 'fixed':
      return `fixed ${schema.fullName} (${schema.size} bytes)`;
    default:
      return shortName(schema);
  }
}

/** The name a schema goes by inside a path or a union: `int`, `Order`, `array`, `map`. */
export function shortName(schema: Schema): string {
  switch (schema.type) {
    case 'record':
    case 'error':
    case 'enum':
    case 'fixed':
      return schema.name;
    case 'array':
      return `array<${shortName(schema.items)}>`;
    case 'map':
      return `map<${shortName(schema.values)}>`;
    case 'union':
      return `union {${schema.types.map(shortName).join(', ')}}`;
    default:
      return schema.type;
  }
}

/** A JSON value as a message shows it: scalars literally (shortened), containers by kind. */
export function describeValue(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
