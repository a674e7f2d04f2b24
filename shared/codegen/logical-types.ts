/**
 * What a logical type means, for the generated docs. The runtime keeps logical types as their
 * underlying types (a `timestamp-millis` is a long, a `decimal` bytes), so the TypeScript type is
 * the underlying one and the meaning goes into the comment.
 */
import type { Schema } from '../avro/model.js';
import { logicalTypeOf } from '../avro/model.js';

const MEANINGS: Record<string, string> = {
  date: 'days since the Unix epoch (1970-01-01)',
  'time-millis': 'milliseconds after midnight',
  'time-micros': 'microseconds after midnight',
  'timestamp-millis': 'milliseconds since the Unix epoch, UTC',
  'timestamp-micros': 'microseconds since the Unix epoch, UTC',
  'timestamp-nanos': 'nanoseconds since the Unix epoch, UTC',
  'local-timestamp-millis': 'milliseconds since 1970-01-01T00:00, local time (no time zone)',
  'local-timestamp-micros': 'microseconds since 1970-01-01T00:00, local time (no time zone)',
  'local-timestamp-nanos': 'nanoseconds since 1970-01-01T00:00, local time (no time zone)',
  uuid: 'a UUID in its 36-character text form',
  duration: 'months, days and milliseconds, three little-endian unsigned 32-bit integers',
  'big-decimal': 'a decimal number with its scale, in bytes',
};

/** The logical type of `schema` in words (`timestamp-millis: milliseconds since ...`), if it has one. */
function describeLogical(schema: Schema): string | undefined {
  const logical = logicalTypeOf(schema);
  if (logical === undefined || schema.type === 'union') return undefined;
  if (logical === 'decimal') {
    const { precision, scale } = schema.props;
    return `decimal(${String(precision)}, ${String(scale ?? 0)}): the unscaled value as a big-endian two's-complement integer`;
  }
  const meaning = MEANINGS[logical];
  return meaning ? `${logical}: ${meaning}` : logical;
}

/**
 * A sentence naming the logical types in a field's type (through unions, arrays and maps, not
 * into named types, which document themselves), or undefined when there are none.
 */
export function logicalTypeNote(schema: Schema): string | undefined {
  const found: string[] = [];
  const visit = (s: Schema): void => {
    const described = describeLogical(s);
    if (described !== undefined && !found.includes(described)) found.push(described);
    if (s.type === 'union') s.types.forEach(visit);
    else if (s.type === 'array') visit(s.items);
    else if (s.type === 'map') visit(s.values);
  };
  visit(schema);
  return found.length === 0 ? undefined : `Logical type ${found.join('; ')}.`;
}
