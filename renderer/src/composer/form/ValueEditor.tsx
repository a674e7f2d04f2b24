/**
 * The editor for one value of one schema: picks the widget registered for a named type, or the
 * form's editor for the type (and its logical type, where Avro would honour it).
 */
import { useContext } from 'react';
import { findUnionBranch, type RuntimeObject, type RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { isNamed, logicalTypeOf, type Schema } from '../../../../shared/avro/model.js';
import { ArrayEditor } from './ArrayEditor.js';
import { BytesEditor } from './BytesEditor.js';
import { decimalType } from './decimal.js';
import { DecimalEditor } from './DecimalEditor.js';
import { MapEditor } from './MapEditor.js';
import { NumberEditor } from './NumberEditor.js';
import { RecordEditor } from './RecordEditor.js';
import { fitsShape } from './shape.js';
import { ShapeProblem } from './ShapeProblem.js';
import { StringEditor } from './StringEditor.js';
import { TemporalEditor, temporalKind } from './TemporalEditor.js';
import { UnionEditor } from './UnionEditor.js';
import { UuidEditor } from './UuidEditor.js';
import { WidgetsContext } from './widget.js';

export interface ValueEditorProps {
  schema: Schema;
  value: RuntimeValue;
  onChange(value: RuntimeValue): void;
  /** The value's path, which is also its inputs' accessible name: `request.order.items[2]`. */
  path: string;
  /** How many records, arrays, maps and unions contain it. */
  depth: number;
}

export function ValueEditor(props: ValueEditorProps) {
  const { schema, value, onChange, path, depth } = props;
  const widgets = useContext(WidgetsContext);
  const Widget = isNamed(schema) && Object.prototype.hasOwnProperty.call(widgets, schema.fullName) ? widgets[schema.fullName] : undefined;
  if (Widget !== undefined) {
    return (
      <div className="sf-widget">
        <Widget schema={schema} value={value} onChange={onChange} path={path} />
      </div>
    );
  }
  if (!fitsShape(schema, value)) return <ShapeProblem schema={schema} path={path} value={value} onChange={onChange} />;
  const logical = logicalTypeOf(schema);
  switch (schema.type) {
    case 'null':
      return <span className="sf-null" aria-label={path}>null</span>;
    case 'boolean':
      return (
        <label className="sf-check">
          <input type="checkbox" aria-label={path} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          <span className="sf-check-text">{value ? 'true' : 'false'}</span>
        </label>
      );
    case 'int':
    case 'long': {
      const temporal = temporalKind(logical, schema.type);
      if (temporal) return <TemporalEditor kind={temporal} path={path} value={value as number | bigint} onChange={onChange} />;
      return <NumberEditor kind={schema.type} path={path} value={value as number | bigint} onChange={onChange} />;
    }
    case 'float':
    case 'double':
      return <NumberEditor kind={schema.type} path={path} value={value as number} onChange={onChange} />;
    case 'string':
      if (logical === 'uuid') return <UuidEditor path={path} value={value as string} onChange={onChange} />;
      return <StringEditor path={path} value={value as string} onChange={onChange} />;
    case 'bytes':
    case 'fixed': {
      const decimal = decimalType(schema);
      if (decimal) return <DecimalEditor path={path} value={value as Uint8Array} type={decimal} onChange={onChange} />;
      return <BytesEditor path={path} value={value as Uint8Array} size={schema.type === 'fixed' ? schema.size : undefined} onChange={onChange} />;
    }
    case 'enum':
      return (
        <select className="sf-select" aria-label={path} value={value as string} onChange={(e) => onChange(e.target.value)}>
          {schema.symbols.map((symbol) => (
            <option key={symbol} value={symbol}>{symbol}</option>
          ))}
        </select>
      );
    case 'record':
    case 'error':
      return <RecordEditor schema={schema} value={value as RuntimeObject} onChange={onChange} path={path} depth={depth} />;
    case 'array':
      return <ArrayEditor schema={schema} value={value as RuntimeValue[]} onChange={onChange} path={path} depth={depth} />;
    case 'map':
      return <MapEditor schema={schema} value={value as RuntimeObject} onChange={onChange} path={path} depth={depth} />;
    case 'union':
      return <UnionEditor schema={schema} value={value} onChange={onChange} path={path} depth={depth} />;
  }
}

/** Whether an editor takes a block of its own (under its label) rather than a line beside it. */
export function isBlock(schema: Schema, value: RuntimeValue | undefined, widgets: Record<string, unknown>): boolean {
  if (isNamed(schema) && Object.prototype.hasOwnProperty.call(widgets, schema.fullName)) return true;
  switch (schema.type) {
    case 'record':
    case 'error':
    case 'array':
    case 'map':
      return true;
    case 'union': {
      if (value === null || typeof value !== 'object' || value instanceof Uint8Array || Array.isArray(value)) return false;
      const key = Object.keys(value)[0];
      const branch = key === undefined ? undefined : findUnionBranch(schema, key);
      return branch !== undefined && isBlock(branch, value[key], widgets);
    }
    default:
      return false;
  }
}
