/**
 * Whether two definitions of a named type are the same, as Java's `Schema.equals` decides when
 * a name is defined twice (an identical redefinition is allowed and stands for the first).
 * Docs do not count; named types inside are compared by full name, so this terminates on
 * recursive schemas.
 */
import { isNamed, type Field, type JsonValue, type NamedSchema, type Props, type Schema } from './model.js';

export function sameDefinition(a: NamedSchema, b: NamedSchema): boolean {
  if (a.type !== b.type || a.fullName !== b.fullName || !sameList(a.aliases, b.aliases) || !sameProps(a.props, b.props)) return false;
  switch (a.type) {
    case 'record':
    case 'error':
      return b.type === a.type && a.fields.length === b.fields.length && a.fields.every((f, i) => sameField(f, b.fields[i]));
    case 'enum':
      return b.type === 'enum' && sameList(a.symbols, b.symbols) && a.default === b.default;
    case 'fixed':
      return b.type === 'fixed' && a.size === b.size;
  }
}

function sameField(a: Field, b: Field): boolean {
  return (
    a.name === b.name &&
    a.order === b.order &&
    a.hasDefault === b.hasDefault &&
    (!a.hasDefault || sameJson(a.default as JsonValue, b.default as JsonValue)) &&
    sameList(a.aliases, b.aliases) &&
    sameProps(a.props, b.props) &&
    sameSchema(a.type, b.type)
  );
}

function sameSchema(a: Schema, b: Schema): boolean {
  if (isNamed(a) || isNamed(b)) return isNamed(a) && isNamed(b) && a.fullName === b.fullName && a.type === b.type;
  switch (a.type) {
    case 'union':
      return b.type === 'union' && a.types.length === b.types.length && a.types.every((t, i) => sameSchema(t, b.types[i]));
    case 'array':
      return b.type === 'array' && sameProps(a.props, b.props) && sameSchema(a.items, b.items);
    case 'map':
      return b.type === 'map' && sameProps(a.props, b.props) && sameSchema(a.values, b.values);
    default:
      return a.type === b.type && sameProps(a.props, (b as typeof a).props);
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameProps(a: Props, b: Props): boolean {
  return sameJson(a, b);
}

/** Deep JSON equality; object member order does not matter, as in Jackson. */
export function sameJson(a: JsonValue, b: JsonValue): boolean {
  if (typeof a === 'bigint' || typeof b === 'bigint') return (typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number') && BigInt(a) === BigInt(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b) || a === b;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson(a[k], b[k]));
}
