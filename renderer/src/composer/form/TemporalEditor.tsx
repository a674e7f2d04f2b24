/**
 * Dates, times of day and timestamps (`date`, `time-*`, `timestamp-*`, `local-timestamp-*`): typed
 * as calendar text, kept as the exact count the logical type stores, which the note under the
 * input shows. A date the native date input can show gets one; the rest are text inputs, since
 * native inputs stop at milliseconds and at year 9999.
 */
import type { RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { formatDate, formatTime, formatTimestamp, parseDate, parseTime, parseTimestamp, yearOfDays, type TimeUnit } from './temporal.js';
import { TextEditor } from './TextEditor.js';

export type TemporalKind = { kind: 'date' } | { kind: 'time'; unit: 'millis' | 'micros' } | { kind: 'timestamp'; unit: TimeUnit; local: boolean };

const PER_MILLI: Record<TimeUnit, bigint> = { millis: 1n, micros: 1000n, nanos: 1_000_000n };

/** The temporal kind a logical type names, on the underlying type it needs. */
export function temporalKind(logicalType: string | undefined, type: string): TemporalKind | undefined {
  if (logicalType === 'date' && type === 'int') return { kind: 'date' };
  if (logicalType === 'time-millis' && type === 'int') return { kind: 'time', unit: 'millis' };
  if (logicalType === 'time-micros' && type === 'long') return { kind: 'time', unit: 'micros' };
  const timestamp = /^(local-)?timestamp-(millis|micros|nanos)$/.exec(logicalType ?? '');
  if (timestamp && type === 'long') return { kind: 'timestamp', unit: timestamp[2] as TimeUnit, local: timestamp[1] !== undefined };
  return undefined;
}

interface Props {
  kind: TemporalKind;
  path: string;
  value: number | bigint;
  onChange(value: RuntimeValue): void;
}

export function TemporalEditor({ kind, path, value, onChange }: Props) {
  if (kind.kind === 'date') {
    const days = Number(value);
    const year = yearOfDays(days);
    return (
      <TextEditor<number>
        path={path}
        value={days}
        format={formatDate}
        parse={parseDate}
        onChange={onChange}
        type={year >= 1 && year <= 9999 ? 'date' : 'text'}
        placeholder="YYYY-MM-DD"
        note={`${days} day${days === 1 || days === -1 ? '' : 's'} since 1970-01-01`}
      />
    );
  }
  if (kind.kind === 'time') {
    return (
      <TextEditor<number | bigint>
        path={path}
        value={value}
        format={(v) => formatTime(v, kind.unit)}
        parse={(text) => parseTime(text, kind.unit)}
        onChange={onChange}
        className="sf-mono"
        placeholder={`HH:MM:SS.${'f'.repeat(kind.unit === 'millis' ? 3 : 6)}`}
        note={`${value} ${kind.unit} after midnight`}
      />
    );
  }
  const now = (): void => {
    // A local timestamp is the wall clock's reading, not UTC's.
    const millis = kind.local ? Date.now() - new Date().getTimezoneOffset() * 60_000 : Date.now();
    const units = BigInt(millis) * PER_MILLI[kind.unit];
    onChange(units <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(units) : units);
  };
  return (
    <TextEditor<number | bigint>
      path={path}
      value={value}
      format={(v) => formatTimestamp(v, kind.unit, kind.local)}
      parse={(text) => parseTimestamp(text, kind.unit, kind.local)}
      onChange={onChange}
      className="sf-mono"
      placeholder={`YYYY-MM-DDTHH:MM:SS.${'f'.repeat(kind.unit === 'millis' ? 3 : kind.unit === 'micros' ? 6 : 9)}${kind.local ? '' : 'Z'}`}
      note={`${value} ${kind.unit} since 1970-01-01${kind.local ? ' (local time)' : ' UTC'}`}
      after={
        <button type="button" className="button sf-small" aria-label={`Set ${path} to now`} onClick={now}>
          Now
        </button>
      }
    />
  );
}
