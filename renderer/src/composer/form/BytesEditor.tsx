/**
 * bytes and fixed, as hex or base64 (the user's choice, per field); a fixed must have exactly its
 * size. Switching the encoding rewrites the text of the current value.
 */
import { useState } from 'react';
import type { RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { formatBytes, parseBytes, type ByteEncoding } from './byte-text.js';
import { fail, type Parsed } from './parsed.js';
import { TextEditor } from './TextEditor.js';

interface Props {
  path: string;
  value: Uint8Array;
  /** For a fixed: its size. */
  size?: number;
  onChange(value: RuntimeValue): void;
}

export function BytesEditor({ path, value, size, onChange }: Props) {
  const [encoding, setEncoding] = useState<ByteEncoding>('hex');
  const parse = (text: string): Parsed<Uint8Array> => {
    const parsed = parseBytes(text, encoding);
    if (parsed.ok && size !== undefined && parsed.value.length !== size) {
      return fail(`${parsed.value.length} byte${parsed.value.length === 1 ? '' : 's'}, but this fixed holds exactly ${size}`);
    }
    return parsed;
  };
  const count = `${value.length} byte${value.length === 1 ? '' : 's'}`;
  return (
    <TextEditor<Uint8Array>
      // A new encoding is a new text for the same value: start the draft afresh.
      key={encoding}
      path={path}
      value={value}
      format={(v) => formatBytes(v, encoding)}
      parse={parse}
      onChange={onChange}
      className="sf-mono"
      placeholder={encoding === 'hex' ? 'hex, e.g. 0a ff 10' : 'base64, e.g. Cv8Q'}
      note={size === undefined ? count : `${count} of ${size}`}
      after={
        <select className="sf-select sf-small" aria-label={`${path} encoding`} value={encoding} onChange={(e) => setEncoding(e.target.value as ByteEncoding)}>
          <option value="hex">hex</option>
          <option value="base64">base64</option>
        </select>
      }
    />
  );
}
