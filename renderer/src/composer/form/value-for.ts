/**
 * A whole value to start from, for the composer's "Fill with defaults" and "Fill with example":
 *
 * - `example` is `exampleValue`: defaults where fields have them, and unions on their first
 *   non-null branch, so the form shows the structure a request can have;
 * - `defaults` is the least a valid value needs: defaults where fields have them, and a union
 *   without one on its null branch when it has one (else as in `example`).
 *
 * Both give values that are valid for logical types too (a nil UUID, a decimal zero).
 */
import { defaultToRuntime, setOwn, type RuntimeObject, type RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { exampleValue } from '../../../../shared/avro/example-value.js';
import type { Field, RecordSchema, Schema } from '../../../../shared/avro/model.js';

export function valueFor(schema: Schema, mode: 'defaults' | 'example'): RuntimeValue {
  if (mode === 'example') return exampleValue(schema);
  return minimal(schema, new Set());
}

function minimal(schema: Schema, building: Set<RecordSchema>): RuntimeValue {
  switch (schema.type) {
    case 'record':
    case 'error': {
      // A record inside itself with no null on the way: the example knows how to end that.
      if (building.has(schema)) return exampleValue(schema);
      building.add(schema);
      const out: RuntimeObject = {};
      for (const field of schema.fields) setOwn(out, field.name, fieldDefault(field) ?? minimal(field.type, building));
      building.delete(schema);
      return out;
    }
    case 'union':
      return schema.types.some((t) => t.type === 'null') ? null : exampleValue(schema);
    case 'array':
      return [];
    case 'map':
      return {};
    default:
      return exampleValue(schema);
  }
}

function fieldDefault(field: Field): RuntimeValue | undefined {
  if (!field.hasDefault || field.default === undefined) return undefined;
  try {
    return defaultToRuntime(field.type, field.default);
  } catch {
    // A default Java accepts but the specification does not: build one instead.
    return undefined;
  }
}
