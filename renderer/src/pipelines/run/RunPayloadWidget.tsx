/**
 * The run input's widget for `spl.common.Payload`: the payload editor over the pipeline's target
 * node, defaulting to the first stage's module input schema.
 */
import { useContext } from 'react';
import type { FormWidget } from '../../composer/form/SchemaForm.js';
import { PayloadEditor } from '../../composer/payload/PayloadEditor.js';
import { RunInputContext } from './run-input-context.js';

type WidgetProps = Parameters<FormWidget>[0];

export function RunPayloadWidget({ value, onChange, path }: WidgetProps) {
  const { target, firstModule } = useContext(RunInputContext);
  return (
    <PayloadEditor
      value={value}
      onChange={onChange}
      path={path}
      target={target}
      defaultModule={firstModule ? { module: firstModule, why: 'The first stage runs' } : undefined}
    />
  );
}
