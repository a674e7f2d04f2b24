/**
 * The composer's form view of a request (or of any Avro value): one editor per field, item,
 * entry and union branch, reading and writing runtime values in the shape `fromAvroJson` makes
 * them, so `toAvroJson(schema, value)` of what the form hands up always succeeds.
 *
 * Every input is named by its value's path, as avro-json's messages name it
 * (`request.order.items[2].price`, a union's branch as a step: `request.note.string`). Text that
 * does not parse stays in its field with the reason, and is not handed up: the value keeps its
 * last valid state. A value from outside that does not fit the schema is shown with what is wrong
 * (at the top, and where it is), never thrown.
 */
import { useMemo, useState, type JSX } from 'react';
import type { RuntimeValue } from '../../../../shared/avro/avro-json.js';
import type { Schema } from '../../../../shared/avro/model.js';
import { validateValue } from '../../../../shared/avro/validate-value.js';
import { sameValue } from './same-value.js';
import { ValueEditor } from './ValueEditor.js';
import { WidgetsContext, type FormWidget } from './widget.js';
import './form.css';

export type { FormWidget } from './widget.js';
export { valueFor } from './value-for.js';

const NO_WIDGETS: Record<string, FormWidget> = {};
const MAX_PROBLEMS = 5;

export interface SchemaFormProps {
  schema: Schema;
  value: RuntimeValue;
  onChange(value: RuntimeValue): void;
  /** The root of every path, default "request". */
  label?: string;
  /** Editors for named types, by full name. */
  widgets?: Record<string, FormWidget>;
}

export function SchemaForm({ schema, value, onChange, label = 'request', widgets }: SchemaFormProps): JSX.Element {
  // Editors keep the text being typed while it stands for the value. A value that is not the one
  // the form last handed up (or was given) comes from outside (Fill with example, the JSON
  // editor): the editors start afresh on it.
  // Another schema (another message) starts afresh too, whatever the value.
  const [seen, setSeen] = useState({ schema, value, generation: 0 });
  let generation = seen.generation;
  if (seen.schema !== schema || !sameValue(seen.value, value)) {
    generation++;
    setSeen({ schema, value, generation });
  }
  const emit = (next: RuntimeValue): void => {
    setSeen({ schema, value: next, generation });
    onChange(next);
  };
  const problems = useMemo(() => validateValue(schema, value, label), [schema, value, label]);
  return (
    <WidgetsContext.Provider value={widgets ?? NO_WIDGETS}>
      <div className="schema-form">
        {problems.length > 0 && (
          <div className="sf-problems" role="alert">
            <div>
              <span className="codicon codicon-warning" aria-hidden="true" /> The value does not fit the schema:
            </div>
            <ul>
              {problems.slice(0, MAX_PROBLEMS).map((p) => (
                <li key={`${p.path}:${p.message}`}>{p.message}</li>
              ))}
              {problems.length > MAX_PROBLEMS && <li>… and {problems.length - MAX_PROBLEMS} more</li>}
            </ul>
          </div>
        )}
        <ValueEditor key={generation} schema={schema} value={value} onChange={emit} path={label} depth={0} />
      </div>
    </WidgetsContext.Provider>
  );
}
