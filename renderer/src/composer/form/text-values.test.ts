// The form's text parsers and printers: numbers, bytes, decimals, dates and times, UUIDs.
import { describe, expect, it } from 'vitest';
import { readSchemaJson } from '../../../../shared/avro/schema-reader.js';
import { formatBytes, parseBytes } from './byte-text.js';
import { decimalType, formatDecimal, fromTwosComplement, parseDecimal, toTwosComplement } from './decimal.js';
import { formatFloating, formatInteger, parseFloating, parseInteger } from './numbers.js';
import type { Parsed } from './parsed.js';
import { civilFromDays, daysFromCivil, formatDate, formatTime, formatTimestamp, parseDate, parseTime, parseTimestamp } from './temporal.js';
import { newUuid, parseUuid } from './uuid.js';

const value = <T,>(p: Parsed<T>): T => {
  if (!p.ok) throw new Error(`expected a value, got the error: ${p.error}`);
  return p.value;
};
const error = <T,>(p: Parsed<T>): string => {
  if (p.ok) throw new Error(`expected an error, got ${String(p.value)}`);
  return p.error;
};
const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

describe('integers', () => {
  it('read exactly, as numbers when safe and bigints beyond', () => {
    expect(value(parseInteger(' 42 ', 'int'))).toBe(42);
    expect(value(parseInteger('-2147483648', 'int'))).toBe(-2147483648);
    expect(value(parseInteger('+7', 'long'))).toBe(7);
    expect(value(parseInteger('9007199254740991', 'long'))).toBe(9007199254740991);
    expect(value(parseInteger('9007199254740993', 'long'))).toBe(9007199254740993n);
    expect(value(parseInteger('9223372036854775807', 'long'))).toBe(9223372036854775807n);
    expect(value(parseInteger('-9223372036854775808', 'long'))).toBe(-9223372036854775808n);
    expect(value(parseInteger('-0', 'long'))).toBe(0);
  });

  it('say what is wrong', () => {
    expect(error(parseInteger('2147483648', 'int'))).toBe('2147483648 is outside the int range -2147483648 to 2147483647');
    expect(error(parseInteger('9223372036854775808', 'long'))).toBe('9223372036854775808 is outside the long range -9223372036854775808 to 9223372036854775807');
    expect(error(parseInteger('1.5', 'int'))).toBe('1.5 is not a whole number: an int has no fraction or exponent');
    expect(error(parseInteger('12abc', 'long'))).toBe('"12abc" is not a whole number');
    expect(error(parseInteger('', 'int'))).toBe('enter a whole number (int)');
  });

  it('print without rounding', () => {
    expect(formatInteger(9223372036854775807n)).toBe('9223372036854775807');
    expect(formatInteger(-0)).toBe('0');
  });
});

describe('floats', () => {
  it('take numbers and the non-finite spellings', () => {
    expect(value(parseFloating('1.5e3', 'double'))).toBe(1500);
    expect(value(parseFloating('.5', 'double'))).toBe(0.5);
    expect(value(parseFloating('NaN', 'float'))).toBeNaN();
    expect(value(parseFloating('infinity', 'double'))).toBe(Infinity);
    expect(value(parseFloating('-Infinity', 'double'))).toBe(-Infinity);
    expect(Object.is(value(parseFloating('-0', 'double')), -0)).toBe(true);
  });

  it('refuse what overflows or is not a number', () => {
    expect(error(parseFloating('1e400', 'double'))).toContain('beyond the largest double');
    expect(error(parseFloating('1e39', 'float'))).toContain('beyond the largest float (±3.4028235e38); write Infinity if you mean it');
    expect(error(parseFloating('1,5', 'double'))).toContain('"1,5" is not a number');
  });

  it('print what they read', () => {
    for (const n of [NaN, Infinity, -Infinity, -0, 0.1, 1e21, 5e-324]) expect(Object.is(value(parseFloating(formatFloating(n), 'double')), n)).toBe(true);
  });
});

describe('bytes as text', () => {
  it('read and write hex, with spaces and 0x', () => {
    expect(hex(value(parseBytes('0x0A ff 10', 'hex')))).toBe('0aff10');
    expect(formatBytes(Uint8Array.of(0, 255), 'hex')).toBe('00ff');
    expect(error(parseBytes('abc', 'hex'))).toBe('3 hex digits: a byte takes two, so the count must be even');
    expect(error(parseBytes('zz', 'hex'))).toBe("'z' is not a hex digit (0-9, a-f)");
  });

  it('read and write base64 like the platform does', () => {
    for (let n = 0; n < 20; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 0xff);
      const text = formatBytes(bytes, 'base64');
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(value(parseBytes(text, 'base64'))).toEqual(bytes);
      expect(value(parseBytes(text.replace(/=+$/, ''), 'base64'))).toEqual(bytes);
    }
    expect(value(parseBytes('-_8', 'base64'))).toEqual(Uint8Array.of(0xfb, 0xff));
    expect(error(parseBytes('abcde', 'base64'))).toContain('cannot be whole bytes');
    expect(error(parseBytes('ab$c', 'base64'))).toContain("'$' is not a base64 character");
  });
});

describe('decimals', () => {
  const type = (json: object) => decimalType(readSchemaJson(JSON.stringify(json), { file: 't.avsc' }).schema);

  it('are two\'s-complement bytes, minimal for bytes', () => {
    const cases: [bigint, string][] = [[0n, '00'], [127n, '7f'], [128n, '0080'], [-1n, 'ff'], [-128n, '80'], [-129n, 'ff7f'], [65535n, '00ffff']];
    for (const [n, bytes] of cases) {
      expect(hex(toTwosComplement(n))).toBe(bytes);
      expect(fromTwosComplement(toTwosComplement(n))).toBe(n);
    }
    expect(hex(toTwosComplement(-2n, 4))).toBe('fffffffe');
  });

  it('read and print numbers within precision and scale', () => {
    const t = type({ type: 'bytes', logicalType: 'decimal', precision: 5, scale: 2 })!;
    expect(hex(value(parseDecimal('-12.5', t)))).toBe('fb1e'); // -1250
    expect(value(formatDecimal(value(parseDecimal('-12.5', t)), t))).toBe('-12.50');
    expect(value(formatDecimal(value(parseDecimal('.07', t)), t))).toBe('0.07');
    expect(value(formatDecimal(value(parseDecimal('1.500', t)), t))).toBe('1.50');
    expect(error(parseDecimal('1.234', t))).toBe('at most 2 digits after the point (scale 2)');
    expect(error(parseDecimal('1234.5', t))).toBe('6 digits, but decimal(5, 2) holds at most 5 (3 before the point)');
    expect(error(parseDecimal('abc', t))).toBe('enter a decimal number such as 12.50');
    expect(error(formatDecimal(new Uint8Array(0), t))).toBe('no bytes: not a decimal yet');
  });

  it('fill a fixed, sign-extended', () => {
    const t = type({ type: 'fixed', name: 'D', size: 4, logicalType: 'decimal', precision: 9, scale: 0 })!;
    expect(hex(value(parseDecimal('-1', t)))).toBe('ffffffff');
    expect(hex(value(parseDecimal('999999999', t)))).toBe('3b9ac9ff');
    expect(value(formatDecimal(Uint8Array.of(0xff, 0xff, 0xff, 0xff), t))).toBe('-1');
  });

  it('are ignored where Avro ignores them', () => {
    expect(type({ type: 'bytes', logicalType: 'decimal', precision: 0 })).toBeUndefined();
    expect(type({ type: 'bytes', logicalType: 'decimal', precision: 2, scale: 3 })).toBeUndefined();
    expect(type({ type: 'fixed', name: 'F', size: 2, logicalType: 'decimal', precision: 5 })).toBeUndefined(); // 2 bytes hold 4 digits
  });
});

describe('dates and times', () => {
  it('count days like Date does, far in both directions', () => {
    for (let days = -800_000; days <= 3_000_000; days += 997) {
      expect(formatDate(days)).toBe(new Date(days * 86_400_000).toISOString().replace(/T.*/, ''));
      expect(value(parseDate(formatDate(days)))).toBe(days);
    }
    const { year, month, day } = civilFromDays(daysFromCivil(2024, 2, 29));
    expect([year, month, day]).toEqual([2024, 2, 29]);
    expect(error(parseDate('2023-02-29'))).toBe('2023-02 has no day 29');
    expect(error(parseDate('2023-13-01'))).toBe('month 13 does not exist (01 to 12)');
    expect(value(parseDate('19737'))).toBe(19737);
  });

  it('write timestamps as ISO 8601 exactly as Date, and read them back', () => {
    for (let ms = -62_135_596_800_000; ms < 253_402_300_800_000; ms += 1_234_567_890_123) {
      expect(formatTimestamp(ms, 'millis', false)).toBe(new Date(ms).toISOString());
      expect(value(parseTimestamp(new Date(ms).toISOString(), 'millis', false))).toBe(ms);
    }
  });

  it('keep micro- and nanoseconds exact, to the ends of the long range', () => {
    expect(formatTimestamp(1705314600123456, 'micros', false)).toBe('2024-01-15T10:30:00.123456Z');
    expect(value(parseTimestamp('2024-01-15T10:30:00.123456Z', 'micros', false))).toBe(1705314600123456);
    expect(value(parseTimestamp('2024-01-15T10:30:00.123456789Z', 'nanos', false))).toBe(1705314600123456789n);
    expect(formatTimestamp(1705314600123456789n, 'nanos', false)).toBe('2024-01-15T10:30:00.123456789Z');
    expect(formatTimestamp(-1, 'micros', false)).toBe('1969-12-31T23:59:59.999999Z');
    const max = 9223372036854775807n;
    expect(value(parseTimestamp(formatTimestamp(max, 'micros', false), 'micros', false))).toBe(max);
    expect(value(parseTimestamp(formatTimestamp(-max - 1n, 'nanos', false), 'nanos', false))).toBe(-max - 1n);
    // Beyond what a six-digit year shows: the raw count, which reads back.
    expect(formatTimestamp(max, 'millis', false)).toBe('9223372036854775807');
    expect(value(parseTimestamp('9223372036854775807', 'millis', false))).toBe(max);
  });

  it('convert offsets, refuse zones on local timestamps, and explain', () => {
    expect(value(parseTimestamp('2024-01-15T12:30+02:00', 'millis', false))).toBe(value(parseTimestamp('2024-01-15T10:30:00Z', 'millis', false)));
    expect(value(parseTimestamp('2024-01-15 10:30:00', 'millis', false))).toBe(1705314600000);
    expect(formatTimestamp(1705314600000, 'millis', true)).toBe('2024-01-15T10:30:00.000');
    expect(value(parseTimestamp('2024-01-15T10:30:00.000', 'millis', true))).toBe(1705314600000);
    expect(error(parseTimestamp('2024-01-15T10:30:00Z', 'millis', true))).toBe('a local timestamp has no time zone: remove the Z');
    expect(error(parseTimestamp('2024-01-15T10:30:00.1234Z', 'millis', false))).toBe("millis keep 3 digits after the seconds' point; 4 were given");
    expect(value(parseTimestamp('2024-01-15T10:30:00.1230Z', 'millis', false))).toBe(1705314600123);
    expect(error(parseTimestamp('2024-01-15T24:00:00Z', 'millis', false))).toBe('hour 24 does not exist (00 to 23)');
    expect(error(parseTimestamp('yesterday', 'micros', false))).toBe('"yesterday" is not a timestamp: write YYYY-MM-DDTHH:MM:SS.ffffffZ, or the micros since 1970-01-01 UTC');
    expect(error(parseTimestamp('99999999999999999999', 'millis', false))).toBe('99999999999999999999 millis is outside the long range');
  });

  it('write times of day and read them', () => {
    expect(formatTime(37_800_123, 'millis')).toBe('10:30:00.123');
    expect(value(parseTime('10:30:00.123', 'millis'))).toBe(37_800_123);
    expect(value(parseTime('23:59:59.999999', 'micros'))).toBe(86_399_999_999);
    expect(value(parseTime('10:30', 'millis'))).toBe(37_800_000);
    expect(error(parseTime('86400000', 'millis'))).toBe('86400000 millis is not a time of day (0 to 86399999)');
  });
});

describe('uuids', () => {
  it('check the text form and make new ones', () => {
    expect(value(parseUuid('123e4567-e89b-12d3-a456-426614174000'))).toBe('123e4567-e89b-12d3-a456-426614174000');
    expect(error(parseUuid('123'))).toContain('"123" is not a UUID');
    const made = newUuid();
    expect(parseUuid(made).ok).toBe(true);
    expect(made).not.toBe(newUuid());
  });
});
