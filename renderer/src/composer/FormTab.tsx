/**
 * The request as a form over the message's parameters. The JSON text stays the source of
 * truth: the form shows the text parsed against the request schema and writes every change
 * back as text, so an edit in either shows in the other. While the text does not parse (or
 * does not fit the schema) the form keeps the last value that did, and says what is wrong.
 */
import { useMemo, useRef } from 'react';
import { toAvroJson, type RuntimeValue } from '../../../shared/avro/avro-json.js';
import { toJsonText } from '../../../shared/avro/json-text.js';
import { requestSchema, type Message, type RecordSchema } from '../../../shared/avro/model.js';
import { useSlice, useStudio } from '../app/studio.js';
import { SchemaForm, valueFor } from './form/SchemaForm.js';
import { PAYLOAD_TYPE } from './payload/payload-value.js';
import { PayloadWidget } from './payload/PayloadWidget.js';
import { readBody } from './read-body.js';

const WIDGETS = { [PAYLOAD_TYPE]: PayloadWidget };

export function FormTab({ message }: { message: Message }) {
  const studio = useStudio();
  const body = useSlice(studio.composer, (s) => s.body);
  const schema = useMemo(() => requestSchema(message), [message]);
  const read = useMemo(() => readBody(schema, body), [schema, body]);
  const lastValid = useRef<{ schema: RecordSchema; value: RuntimeValue } | null>(null);
  if ('value' in read) lastValid.current = { schema, value: read.value };
  const value = 'value' in read ? read.value : lastValid.current?.schema === schema ? lastValid.current.value : valueFor(schema, 'defaults');

  const onChange = (next: RuntimeValue): void => {
    try {
      studio.composer.getState().setBody(toJsonText(toAvroJson(schema, next)));
    } catch (error) {
      // The form offers only values of the schema; if one slips through, say so rather than lose it silently.
      studio.notifications.getState().push(`That edit does not fit ${message.name}'s parameters: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <div className="form-tab">
      {'error' in read && (
        <p className="composer-problem is-warning" role="status">
          <span className="codicon codicon-warning" aria-hidden="true" />
          <span>
            The JSON text has a problem: {read.error}. The form shows the last valid value; editing it here replaces the text.
          </span>
        </p>
      )}
      {message.request.length === 0 ? (
        <p className="composer-note">{message.name} takes no parameters: send it as it is.</p>
      ) : (
        <SchemaForm schema={schema} value={value} onChange={onChange} widgets={WIDGETS} />
      )}
    </div>
  );
}
