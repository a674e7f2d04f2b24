/**
 * The value a union takes when the user picks another branch: what that branch last held, else
 * the current value when it is valid there as it is (an int into a long, a symbol into a
 * string), else an example of the branch.
 */
import type { RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { logicalTypeOf, type Schema } from '../../../../shared/avro/model.js';
import { validateValue } from '../../../../shared/avro/validate-value.js';
import { valueFor } from './value-for.js';

export function switchedValue(from: { schema: Schema; value: RuntimeValue } | null, to: Schema, remembered: RuntimeValue | undefined): RuntimeValue {
  if (remembered !== undefined) return remembered;
  if (from !== null && carries(from.schema, to) && validateValue(to, from.value).length === 0) return from.value;
  return valueFor(to, 'example');
}

/** Values move between branches of the same logical type only (no text into a uuid, no int into a date). */
function carries(from: Schema, to: Schema): boolean {
  return logicalTypeOf(from) === logicalTypeOf(to);
}
