/**
 * A typed editor for an `spl.common.Payload` (Avro binary plus its SchemaRef): the value's schema
 * is picked among a node's module schemas (by default `defaultModule`'s input schema); the value
 * is edited with a nested form and stored as Avro binary with a complete SchemaRef (name,
 * fingerprint, JSON). The typed value is never kept aside: it is decoded again from the bytes,
 * with the node's module schema of the SchemaRef's fingerprint (docs, defaults and logical types
 * included) or else the schema the SchemaRef carries, so a payload loaded from the history, a
 * collection or a pipeline's input shows the same way. The composer and the pipeline run panel
 * both use it.
 */
import { useMemo } from 'react';
import type { RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { fingerprintHex } from '../../../../shared/avro/fingerprint.js';
import type { Schema } from '../../../../shared/avro/model.js';
import { useStudio } from '../../app/studio.js';
import { SchemaForm, valueFor, type FormWidget } from '../form/SchemaForm.js';
import { decodePayload, encodePayload, payloadParts, type SchemaChoice } from './payload-value.js';
import { useNodeModules, type NodeRef } from './use-node-modules.js';

export interface PayloadEditorProps {
  value: Parameters<FormWidget>[0]['value'];
  onChange: Parameters<FormWidget>[0]['onChange'];
  path: string;
  /** The node whose module schemas are offered. */
  target: NodeRef | null;
  /** The module whose input schema is the default choice, with why, e.g. "The request names". */
  defaultModule?: { module: string; why: string };
}

export function PayloadEditor({ value, onChange, path, target, defaultModule }: PayloadEditorProps) {
  const studio = useStudio();
  const { slot, choices, known } = useNodeModules(target);
  const decoded = useMemo(() => decodePayload(value, known), [value, known]);
  const parts = payloadParts(value);

  const refFingerprint = parts?.ref.fingerprint ? fingerprintHex(parts.ref.fingerprint) : undefined;
  const current = choices.find((c) => refFingerprint !== undefined && c.fingerprint === refFingerprint);
  const fallback = choices.find((c) => c.module === defaultModule?.module && c.direction === 'input');
  const where = path !== '' ? path : 'payload';

  const use = (choice: SchemaChoice | undefined): void => {
    if (!choice || 'error' in choice.schema) return;
    const schema = choice.schema;
    // Keep what was typed if it fits the new schema too.
    const typed = decoded?.status === 'decoded' ? decoded.value : undefined;
    try {
      if (typed !== undefined) return onChange(encodePayload(schema, typed));
    } catch {
      // It does not fit: start from the new schema's defaults.
    }
    onChange(encodePayload(schema, valueFor(schema, 'defaults')));
  };

  const editValue = (schema: Schema) => (next: RuntimeValue) => {
    try {
      onChange(encodePayload(schema, next));
    } catch (error) {
      studio.notifications.getState().push(`That value does not fit the payload's schema: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const selected = current ?? (decoded?.status === 'decoded' ? undefined : fallback);
  const empty = !parts || (parts.bytes.length === 0 && parts.ref.json === null && parts.ref.name === null);
  const placeholder = !target
    ? 'Pick a node to offer its schemas'
    : slot?.status === 'loading' && !slot.value
      ? 'Reading the node’s modules…'
      : choices.length
        ? 'Pick a schema…'
        : 'No module schemas on this node';

  return (
    <div className="payload-widget" role="group" aria-label={`Payload ${where}`}>
      <div className="payload-head">
        <label className="payload-picker">
          <span className="payload-picker-label">Schema</span>
          <select
            className="input"
            aria-label={`Schema of ${where}`}
            value={selected?.id ?? (decoded?.status === 'decoded' ? '#own' : '')}
            onChange={(e) => use(choices.find((c) => c.id === e.target.value))}
          >
            <option value="" disabled>
              {placeholder}
            </option>
            {decoded?.status === 'decoded' && !current && <option value="#own">{decoded.label} (carried by the payload)</option>}
            {choices.map((c) => (
              <option key={c.id} value={c.id} disabled={'error' in c.schema}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        {empty && selected && (
          <button type="button" className="button" onClick={() => use(selected)}>
            Edit as {selected.label}
          </button>
        )}
        {parts && !empty && (
          <span className="payload-facts" title={refFingerprint ? `fingerprint ${refFingerprint}` : undefined}>
            {decoded?.label ?? 'payload'} · {parts.bytes.length} B
          </span>
        )}
      </div>
      {slot?.status === 'error' && <p className="composer-note is-error">The node’s modules could not be read: {slot.error}</p>}
      {empty ? (
        <p className="composer-note">
          {selected && defaultModule ? `Empty. ${defaultModule.why} ${selected.module}: edit its ${selected.direction} value.` : 'Empty: pick the schema of the value to send.'}
        </p>
      ) : decoded?.status === 'decoded' ? (
        <SchemaForm schema={decoded.schema} value={decoded.value} onChange={editValue(decoded.schema)} label={decoded.label} />
      ) : decoded?.status === 'no-schema' ? (
        <p className="composer-note">This payload names {decoded.label} but does not carry its schema ({decoded.size} bytes). Pick a schema to write a new value.</p>
      ) : decoded?.status === 'error' ? (
        <p className="composer-note is-error">{decoded.error} Pick a schema to write a new value.</p>
      ) : null}
    </div>
  );
}
