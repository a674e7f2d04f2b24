/**
 * The run's input as a form over ExecuteRequest.value (`null`, bytes, text or a typed Payload).
 * The store's text is the source of truth: the form shows it parsed and writes every change
 * back as text, so longs beyond 2^53 stay exact (bigints in the form, digits in the text).
 */
import { useMemo, useRef } from 'react';
import { AvroValueError, parseAvroJsonText, toAvroJson, type RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { toJsonText } from '../../../../shared/avro/json-text.js';
import { useSlice, useStudio } from '../../app/studio.js';
import { SchemaForm } from '../../composer/form/SchemaForm.js';
import { PAYLOAD_TYPE } from '../../composer/payload/payload-value.js';
import { runInputSchema } from './execute-schemas.js';
import { RunPayloadWidget } from './RunPayloadWidget.js';
import type { PipelineRunStore } from './run-store.js';

const WIDGETS = { [PAYLOAD_TYPE]: RunPayloadWidget };

type Read = { value: RuntimeValue } | { error: string };

function readInput(text: string): Read {
  try {
    return { value: parseAvroJsonText(runInputSchema(), text) };
  } catch (error) {
    if (error instanceof AvroValueError) return { error: error.message };
    throw error;
  }
}

export function InputEditor({ run }: { run: PipelineRunStore }) {
  const studio = useStudio();
  const schema = runInputSchema();
  const text = useSlice(run, (s) => s.input);
  const read = useMemo(() => readInput(text), [text]);
  const lastValid = useRef<RuntimeValue>(null);
  if ('value' in read) lastValid.current = read.value;

  const onChange = (next: RuntimeValue): void => {
    try {
      run.getState().setInput(toJsonText(toAvroJson(schema, next)));
    } catch (error) {
      // The form offers only values of the schema; if one slips through, say so rather than lose it.
      studio.notifications.getState().push(`That edit does not fit the run's input: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <div className="run-input">
      {'error' in read && (
        <p className="run-note is-error" role="status">
          The input text has a problem: {read.error}. The form shows the last valid value; editing it here replaces the text.
        </p>
      )}
      <SchemaForm schema={schema} value={'value' in read ? read.value : lastValid.current} onChange={onChange} label="input" widgets={WIDGETS} />
    </div>
  );
}
