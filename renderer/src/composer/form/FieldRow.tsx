/**
 * One field of a record: its name and type, its default (with a way back to it), its doc as a
 * hint, and its editor, beside the label for a line, under it for a block (records, arrays,
 * maps, unions holding one), which can be collapsed.
 */
import { useContext, useState } from 'react';
import { defaultToRuntime, type RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { shortName } from '../../../../shared/avro/describe.js';
import { toJsonText } from '../../../../shared/avro/json-text.js';
import { logicalTypeOf, type Field, type Schema } from '../../../../shared/avro/model.js';
import { sameValue } from './same-value.js';
import { ShapeProblem } from './ShapeProblem.js';
import { isBlock, ValueEditor } from './ValueEditor.js';
import { WidgetsContext } from './widget.js';

/** Blocks this deep start collapsed, so a large request opens readable. */
const OPEN_DEPTH = 4;
const MAX_DEFAULT_TEXT = 40;

interface Props {
  field: Field;
  /** `undefined` when the record value lacks the field. */
  value: RuntimeValue | undefined;
  onChange(value: RuntimeValue): void;
  path: string;
  depth: number;
}

export function FieldRow({ field, value, onChange, path, depth }: Props) {
  const widgets = useContext(WidgetsContext);
  const [open, setOpen] = useState(depth < OPEN_DEPTH);
  const fallback = fieldDefault(field);
  const block = value !== undefined && isBlock(field.type, value, widgets);
  const defaultText = field.hasDefault && field.default !== undefined ? toJsonText(field.default, 0) : undefined;
  return (
    <div className={`sf-field${block ? ' is-block' : ''}`} data-path={path}>
      <div className="sf-field-head">
        {block ? (
          <button type="button" className="icon-button sf-twisty" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${path}`} onClick={() => setOpen(!open)}>
            <span className={`codicon codicon-chevron-${open ? 'down' : 'right'}`} aria-hidden="true" />
          </button>
        ) : (
          <span className="sf-twisty-space" />
        )}
        <span className="sf-field-name" title={path}>{field.name}</span>
        <span className="sf-type" title={typeLabel(field.type)}>{typeLabel(field.type)}</span>
        {defaultText !== undefined && (
          <span className="sf-default" title={`default: ${defaultText}`}>
            = {defaultText.length > MAX_DEFAULT_TEXT ? `${defaultText.slice(0, MAX_DEFAULT_TEXT - 1)}…` : defaultText}
          </span>
        )}
        {fallback !== undefined && value !== undefined && !sameValue(value, fallback) && (
          <button type="button" className="icon-button sf-reset" aria-label={`Reset ${path} to its default`} title="Reset to the default" onClick={() => onChange(fieldDefault(field) as RuntimeValue)}>
            <span className="codicon codicon-discard" aria-hidden="true" />
          </button>
        )}
        {block && !open && <span className="sf-summary">{summary(value)}</span>}
      </div>
      {(!block || open) && (
        <div className="sf-field-body">
          {value === undefined ? (
            <ShapeProblem
              schema={field.type}
              path={path}
              value={undefined}
              onChange={onChange}
              replacement={fallback !== undefined ? { label: 'Use the default', value: () => fieldDefault(field) as RuntimeValue } : undefined}
            />
          ) : (
            <ValueEditor schema={field.type} value={value} onChange={onChange} path={path} depth={depth} />
          )}
        </div>
      )}
      {field.doc !== undefined && (
        <div className="sf-doc">
          {field.doc}
        </div>
      )}
    </div>
  );
}

/** The field's default as a runtime value (a fresh one each time), if it has a usable one. */
function fieldDefault(field: Field): RuntimeValue | undefined {
  if (!field.hasDefault || field.default === undefined) return undefined;
  try {
    return defaultToRuntime(field.type, field.default);
  } catch {
    return undefined;
  }
}

function typeLabel(schema: Schema): string {
  if (schema.type === 'union') {
    const others = schema.types.filter((t) => t.type !== 'null');
    // `T?` reads better than `union {null, T}`.
    if (others.length === 1 && schema.types.length === 2) return `${typeLabel(others[0])}?`;
    return shortName(schema);
  }
  const logical = logicalTypeOf(schema);
  return logical === undefined ? shortName(schema) : `${shortName(schema)} · ${logical}`;
}

function summary(value: RuntimeValue | undefined): string {
  if (Array.isArray(value)) return `[${value.length} item${value.length === 1 ? '' : 's'}]`;
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const count = Object.keys(value).length;
    return `{${count} member${count === 1 ? '' : 's'}}`;
  }
  return '';
}
