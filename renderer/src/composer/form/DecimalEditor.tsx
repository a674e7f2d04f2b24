/**
 * The `decimal` logical type on bytes or fixed: typed as a decimal number within the precision
 * and scale, held as the unscaled value's two's-complement bytes.
 */
import type { RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { formatDecimal, parseDecimal, type DecimalType } from './decimal.js';
import { TextEditor } from './TextEditor.js';

interface Props {
  path: string;
  value: Uint8Array;
  type: DecimalType;
  onChange(value: RuntimeValue): void;
}

export function DecimalEditor({ path, value, type, onChange }: Props) {
  const shown = formatDecimal(value, type);
  return (
    <TextEditor<Uint8Array>
      path={path}
      value={value}
      format={(v) => {
        const text = formatDecimal(v, type);
        return text.ok ? text.value : '';
      }}
      parse={(text) => parseDecimal(text, type)}
      onChange={onChange}
      inputMode="decimal"
      placeholder={`decimal(${type.precision}, ${type.scale})`}
      note={shown.ok ? `decimal(${type.precision}, ${type.scale})` : shown.error}
    />
  );
}
