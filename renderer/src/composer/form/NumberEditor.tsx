/**
 * int, long, float and double. Integers are read exactly (a long beyond 2^53 stays a bigint,
 * never passing through a double) and checked against their range; floats take NaN and
 * ±Infinity, and a float says when the wire will round what was typed.
 */
import type { RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { formatFloating, formatInteger, parseFloating, parseInteger } from './numbers.js';
import { TextEditor } from './TextEditor.js';

interface Props {
  kind: 'int' | 'long' | 'float' | 'double';
  path: string;
  value: number | bigint;
  onChange(value: RuntimeValue): void;
}

export function NumberEditor({ kind, path, value, onChange }: Props) {
  if (kind === 'int' || kind === 'long') {
    return (
      <TextEditor<number | bigint>
        path={path}
        value={value}
        format={formatInteger}
        parse={(text) => parseInteger(text, kind)}
        onChange={onChange}
        inputMode="numeric"
        placeholder={kind === 'int' ? 'whole number (32-bit)' : 'whole number (64-bit)'}
      />
    );
  }
  const number = Number(value);
  const rounded = kind === 'float' ? Math.fround(number) : number;
  return (
    <TextEditor<number>
      path={path}
      value={number}
      format={formatFloating}
      parse={(text) => parseFloating(text, kind)}
      onChange={onChange}
      inputMode="decimal"
      placeholder="number, NaN, Infinity"
      note={Object.is(rounded, number) || Number.isNaN(number) ? undefined : `sent as ${formatFloating(rounded)} (float precision)`}
    />
  );
}
