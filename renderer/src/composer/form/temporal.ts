/**
 * Avro's date and time logical types as text: `date` as YYYY-MM-DD, `time-*` as HH:MM:SS.fff,
 * `timestamp-*` as ISO 8601 in UTC (`2024-01-15T10:30:00.123456Z`), `local-timestamp-*` the
 * same without a zone. Calendar arithmetic is done on integers (proleptic Gregorian, no `Date`),
 * so micro- and nanoseconds stay exact and every long converts. A plain integer is accepted too,
 * as the raw count, for values no calendar shows well.
 */
import { fail, ok, type Parsed } from './parsed.js';

export type TimeUnit = 'millis' | 'micros' | 'nanos';

const PER_SECOND: Record<TimeUnit, bigint> = { millis: 1000n, micros: 1_000_000n, nanos: 1_000_000_000n };
const DIGITS: Record<TimeUnit, number> = { millis: 3, micros: 6, nanos: 9 };
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const SECONDS_PER_DAY = 86_400n;

// ---- the calendar (Howard Hinnant's days_from_civil / civil_from_days) ------------------------

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function pad(n: number | bigint, width: number): string {
  return n.toString().padStart(width, '0');
}

/** ISO 8601 years: four digits, else a sign and six. */
function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return pad(year, 4);
  return `${year < 0 ? '-' : '+'}${pad(Math.abs(year), 6)}`;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

const DATE = /^([+-]\d{4,6}|\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date's day number, or what is wrong with it. */
function readDate(y: string, m: string, d: string): Parsed<number> {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12) return fail(`month ${m} does not exist (01 to 12)`);
  const days = daysFromCivil(year, month, day);
  const back = civilFromDays(days);
  if (day < 1 || back.month !== month || back.day !== day) return fail(`${y}-${m} has no day ${d}`);
  return ok(days);
}

// ---- date -----------------------------------------------------------------------------------

export function formatDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${formatYear(year)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The year of a day number, for deciding whether a native date input can show it (years 1 to 9999). */
export function yearOfDays(days: number): number {
  return civilFromDays(days).year;
}

export function parseDate(text: string): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '') return fail('enter a date (YYYY-MM-DD)');
  if (/^[+-]?\d+$/.test(trimmed) && !DATE.test(trimmed)) return intRange(BigInt(trimmed), 'days since 1970-01-01');
  const match = DATE.exec(trimmed);
  if (!match) return fail(`${JSON.stringify(trimmed)} is not a date: write YYYY-MM-DD, or the number of days since 1970-01-01`);
  const days = readDate(match[1], match[2], match[3]);
  if (!days.ok) return days;
  return intRange(BigInt(days.value), 'days since 1970-01-01');
}

function intRange(n: bigint, what: string): Parsed<number> {
  if (n < INT_MIN || n > INT_MAX) return fail(`${n} ${what} is outside the int range`);
  return ok(Number(n));
}

// ---- time of day ------------------------------------------------------------------------------

const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;

/** Hours, minutes, seconds and fraction into units of the day, or what is wrong. */
function readTime(h: string, m: string, s: string | undefined, f: string | undefined, unit: TimeUnit): Parsed<bigint> {
  if (Number(h) > 23) return fail(`hour ${h} does not exist (00 to 23)`);
  if (Number(m) > 59) return fail(`minute ${m} does not exist (00 to 59)`);
  if (s !== undefined && Number(s) > 59) return fail(`second ${s} does not exist (00 to 59)`);
  let fraction = f ?? '';
  const digits = DIGITS[unit];
  if (fraction.length > digits) {
    if (/[^0]/.test(fraction.slice(digits))) return fail(`${unit} keep ${digits} digits after the seconds' point; ${fraction.length} were given`);
    fraction = fraction.slice(0, digits);
  }
  const seconds = BigInt(Number(h) * 3600 + Number(m) * 60 + Number(s ?? 0));
  return ok(seconds * PER_SECOND[unit] + BigInt(fraction.padEnd(digits, '0')));
}

function formatTimeOfDay(units: bigint, unit: TimeUnit): string {
  const perSecond = PER_SECOND[unit];
  const seconds = units / perSecond;
  const fraction = units % perSecond;
  const h = seconds / 3600n;
  const m = (seconds / 60n) % 60n;
  const s = seconds % 60n;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(fraction, DIGITS[unit])}`;
}

/** `time-millis` (an int) or `time-micros` (a long): HH:MM:SS.fff after midnight. */
export function formatTime(value: number | bigint, unit: TimeUnit): string {
  const units = BigInt(value);
  if (units < 0n || units >= SECONDS_PER_DAY * PER_SECOND[unit]) return units.toString();
  return formatTimeOfDay(units, unit);
}

export function parseTime(text: string, unit: TimeUnit): Parsed<number | bigint> {
  const trimmed = text.trim();
  const day = SECONDS_PER_DAY * PER_SECOND[unit];
  let units: bigint;
  if (/^[+-]?\d+$/.test(trimmed)) units = BigInt(trimmed);
  else {
    const match = TIME.exec(trimmed);
    if (!match) return fail(`${trimmed === '' ? 'enter a time' : `${JSON.stringify(trimmed)} is not a time`}: write HH:MM:SS.${'f'.repeat(DIGITS[unit])}, or the ${unit} after midnight`);
    const read = readTime(match[1], match[2], match[3], match[4], unit);
    if (!read.ok) return read;
    units = read.value;
  }
  if (units < 0n || units >= day) return fail(`${units} ${unit} is not a time of day (0 to ${day - 1n})`);
  return ok(unit === 'millis' ? Number(units) : safe(units));
}

// ---- timestamps ---------------------------------------------------------------------------------

const TIMESTAMP = /^([+-]\d{4,6}|\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/** A timestamp as ISO 8601: UTC with a Z, or local (no zone); the raw count when beyond ±999999 years. */
export function formatTimestamp(value: number | bigint, unit: TimeUnit, local: boolean): string {
  const units = BigInt(value);
  const perDay = SECONDS_PER_DAY * PER_SECOND[unit];
  const days = floorDiv(units, perDay);
  const rest = units - days * perDay;
  const { year, month, day } = civilFromDays(Number(days));
  if (Math.abs(year) > 999_999) return units.toString();
  return `${formatYear(year)}-${pad(month, 2)}-${pad(day, 2)}T${formatTimeOfDay(rest, unit)}${local ? '' : 'Z'}`;
}

/**
 * `2024-01-15T10:30:00.123Z` (seconds and fraction optional; a `+02:00` offset is converted to
 * UTC; without a zone the time is taken as UTC), or the raw count. A local timestamp takes no zone.
 */
export function parseTimestamp(text: string, unit: TimeUnit, local: boolean): Parsed<number | bigint> {
  const trimmed = text.trim();
  if (/^[+-]?\d+$/.test(trimmed)) return longRange(BigInt(trimmed), unit);
  const match = TIMESTAMP.exec(trimmed);
  const shape = `YYYY-MM-DDTHH:MM:SS.${'f'.repeat(DIGITS[unit])}${local ? '' : 'Z'}`;
  if (!match) return fail(`${trimmed === '' ? 'enter a timestamp' : `${JSON.stringify(trimmed)} is not a timestamp`}: write ${shape}, or the ${unit} since 1970-01-01${local ? '' : ' UTC'}`);
  const [, y, mo, d, h, mi, s, f, zulu, sign, oh, om] = match;
  if (local && (zulu !== undefined || sign !== undefined)) return fail(`a local timestamp has no time zone: remove the ${zulu ?? `${sign}${oh}:${om}`}`);
  const days = readDate(y, mo, d);
  if (!days.ok) return days;
  const time = readTime(h, mi, s, f, unit);
  if (!time.ok) return time;
  let units = BigInt(days.value) * SECONDS_PER_DAY * PER_SECOND[unit] + time.value;
  if (sign !== undefined) {
    if (Number(oh) > 23 || Number(om) > 59) return fail(`${sign}${oh}:${om} is not a time zone offset`);
    const offset = BigInt(Number(oh) * 3600 + Number(om) * 60) * PER_SECOND[unit];
    units = sign === '+' ? units - offset : units + offset;
  }
  return longRange(units, unit);
}

function longRange(n: bigint, unit: TimeUnit): Parsed<number | bigint> {
  if (n < LONG_MIN || n > LONG_MAX) return fail(`${n} ${unit} is outside the long range`);
  return ok(safe(n));
}

function safe(n: bigint): number | bigint {
  return n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER ? Number(n) : n;
}
