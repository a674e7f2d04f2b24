/**
 * Whether two runtime values are the same value: numbers by `Object.is` (NaN equals NaN, 0 is
 * not -0), bytes by content, arrays by items, records, maps and unions by members. The form
 * compares by value, not identity, so a parent that round-trips the value (through Avro JSON
 * text, say) is not mistaken for one that replaced it.
 */
import type { RuntimeValue } from '../../../../shared/avro/avro-json.js';

export function sameValue(a: RuntimeValue | undefined, b: RuntimeValue | undefined): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!(Array.isArray(a) && Array.isArray(b)) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, key) || !sameValue(a[key], b[key])) return false;
  }
  return true;
}
