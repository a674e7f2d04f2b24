/**
 * Whether a value has the shape an editor needs (its own level only: containers are checked
 * item by item by the editors inside). The form never makes a misshapen value, but one can come
 * from outside (the JSON editor, a saved request of an older contract); the editor then says
 * what is wrong instead of failing.
 */
import { findUnionBranch, hasNullBranch, type RuntimeValue } from '../../../../shared/avro/avro-json.js';
import type { Schema } from '../../../../shared/avro/model.js';
import { validateValue } from '../../../../shared/avro/validate-value.js';

export function isPlainObject(value: unknown): value is Record<string, RuntimeValue> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function fitsShape(schema: Schema, value: RuntimeValue | undefined): boolean {
  if (value === undefined) return false;
  switch (schema.type) {
    case 'record':
    case 'error':
    case 'map':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'union': {
      if (value === null) return hasNullBranch(schema);
      if (!isPlainObject(value)) return false;
      const keys = Object.keys(value);
      if (keys.length !== 1) return false;
      const branch = findUnionBranch(schema, keys[0]);
      return branch !== undefined && branch.type !== 'null';
    }
    default:
      return validateValue(schema, value).length === 0;
  }
}
