/** A `uuid` string: checked as typed, or made by Generate (a random version 4 UUID). */
import type { RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { TextEditor } from './TextEditor.js';
import { newUuid, parseUuid } from './uuid.js';

interface Props {
  path: string;
  value: string;
  onChange(value: RuntimeValue): void;
}

export function UuidEditor({ path, value, onChange }: Props) {
  return (
    <TextEditor<string>
      path={path}
      value={value}
      format={(v) => v}
      parse={parseUuid}
      onChange={onChange}
      placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
      className="sf-mono"
      after={
        <button type="button" className="button sf-small" aria-label={`Generate a UUID for ${path}`} onClick={() => onChange(newUuid())}>
          Generate
        </button>
      }
    />
  );
}
