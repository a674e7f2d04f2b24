/**
 * A record: one row per field, in declaration order. Members the record does not have (from a
 * value made elsewhere) are listed with a way to drop them, so the value can become valid.
 */
import { setOwn, type RuntimeObject, type RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { childPath } from '../../../../shared/avro/located-json.js';
import type { RecordSchema } from '../../../../shared/avro/model.js';
import { FieldRow } from './FieldRow.js';

interface Props {
  schema: RecordSchema;
  value: RuntimeObject;
  onChange(value: RuntimeValue): void;
  path: string;
  depth: number;
}

export function RecordEditor({ schema, value, onChange, path, depth }: Props) {
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(value, key);
  const set = (name: string, item: RuntimeValue): void => {
    const next: RuntimeObject = {};
    for (const key of Object.keys(value)) setOwn(next, key, key === name ? item : value[key]);
    if (!has(name)) {
      // A missing field goes back to its place in declaration order.
      const ordered: RuntimeObject = {};
      for (const field of schema.fields) if (field.name === name || has(field.name)) setOwn(ordered, field.name, field.name === name ? item : value[field.name]);
      for (const key of Object.keys(value)) if (!schema.fields.some((f) => f.name === key)) setOwn(ordered, key, value[key]);
      onChange(ordered);
      return;
    }
    onChange(next);
  };
  const drop = (name: string): void => {
    const next: RuntimeObject = {};
    for (const key of Object.keys(value)) if (key !== name) setOwn(next, key, value[key]);
    onChange(next);
  };
  const unknown = Object.keys(value).filter((key) => !schema.fields.some((f) => f.name === key));
  return (
    <fieldset className="sf-record" aria-label={path} data-depth={depth}>
      {schema.fields.length === 0 && <div className="sf-empty">{schema.type} {schema.name} has no fields</div>}
      {schema.fields.map((field) => (
        <FieldRow
          key={field.name}
          field={field}
          value={has(field.name) ? value[field.name] : undefined}
          onChange={(item) => set(field.name, item)}
          path={childPath(path, field.name)}
          depth={depth + 1}
        />
      ))}
      {unknown.map((key) => (
        <div key={`unknown:${key}`} className="sf-problem">
          <span className="codicon codicon-warning" aria-hidden="true" />
          <span>
            {schema.type} {schema.name} has no field {JSON.stringify(key)}
          </span>
          <button type="button" className="button sf-small" aria-label={`Remove ${childPath(path, key)}`} onClick={() => drop(key)}>
            Remove
          </button>
        </div>
      ))}
    </fieldset>
  );
}
