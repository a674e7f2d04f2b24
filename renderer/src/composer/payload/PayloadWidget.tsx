/**
 * The form's widget for `spl.common.Payload`: a typed value instead of opaque bytes. The value's
 * schema is picked among the target node's module schemas (by default the input schema of the
 * module the request names); the value is edited with a nested form and stored as Avro binary
 * with a complete SchemaRef (name, fingerprint, JSON). The typed value is never kept aside: it
 * is decoded again from the bytes, with the node's module schema of the SchemaRef's fingerprint
 * (docs, defaults and logical types included) or else the schema the SchemaRef carries, so a
 * payload loaded from the history or a collection shows the same way.
 */
import { useEffect, useMemo } from 'react';
import type { RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { fingerprintHex } from '../../../../shared/avro/fingerprint.js';
import { requestSchema, type Schema } from '../../../../shared/avro/model.js';
import { useSlice, useStudio } from '../../app/studio.js';
import { nodeKey } from '../../stores/connections-store.js';
import { SchemaForm, valueFor, type FormWidget } from '../form/SchemaForm.js';
import { moduleNamed, readBody } from '../read-body.js';
import { messageOf } from '../target-schema.js';
import { decodePayload, encodePayload, knownSchemas, payloadParts, schemaChoices, type SchemaChoice } from './payload-value.js';

type WidgetProps = Parameters<FormWidget>[0];

export function PayloadWidget({ value, onChange, path }: WidgetProps) {
  const studio = useStudio();
  const target = useSlice(studio.composer, (s) => s.target);
  const body = useSlice(studio.composer, (s) => s.body);
  const hasNode = target.connectionId !== '' && target.nodeId !== '';
  const key = hasNode ? nodeKey(target.connectionId, target.nodeId) : '';
  const modules = useSlice(studio.connections, (s) => (hasNode ? s.modules[key] : undefined));
  const description = useSlice(studio.connections, (s) => (hasNode ? s.descriptions[key]?.value : undefined));

  useEffect(() => {
    if (hasNode && !modules) void studio.connections.getState().describeModules(target.connectionId, target.nodeId);
  }, [studio, hasNode, modules, target.connectionId, target.nodeId]);

  const choices = useMemo(() => schemaChoices(modules?.value ?? []), [modules?.value]);
  // A schema of the node's modules decodes the bytes when it is theirs: the form then has the
  // docs, defaults and logical types the SchemaRef's canonical form leaves out.
  const known = useMemo(() => knownSchemas(choices), [choices]);
  const decoded = useMemo(() => decodePayload(value, known), [value, known]);
  const parts = payloadParts(value);

  // The module the request names, for the default choice.
  const moduleName = useMemo(() => {
    const found = messageOf(description, target);
    if (!found || 'error' in found) return undefined;
    const read = readBody(requestSchema(found.message), body);
    return 'value' in read ? moduleNamed(read.value) : undefined;
  }, [description, target, body]);

  const refFingerprint = parts?.ref.fingerprint ? fingerprintHex(parts.ref.fingerprint) : undefined;
  const current = choices.find((c) => refFingerprint !== undefined && c.fingerprint === refFingerprint);
  const fallback = choices.find((c) => c.module === moduleName && c.direction === 'input');
  const where = typeof path === 'string' && path !== '' ? path : 'payload';

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
              {modules?.status === 'loading' ? 'Reading the node’s modules…' : choices.length ? 'Pick a schema…' : 'No module schemas on this node'}
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
      {modules?.status === 'error' && <p className="composer-note is-error">The node’s modules could not be read: {modules.error}</p>}
      {empty ? (
        <p className="composer-note">{selected ? `Empty. The request names ${selected.module}: edit its ${selected.direction} value.` : 'Empty: pick the schema of the value to send.'}</p>
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
