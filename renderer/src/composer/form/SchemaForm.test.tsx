import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { fromAvroJson, toAvroJson, type RuntimeObject, type RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { toJsonText } from '../../../../shared/avro/json-text.js';
import type { Schema } from '../../../../shared/avro/model.js';
import { readSchemaJson } from '../../../../shared/avro/schema-reader.js';
import { validateValue } from '../../../../shared/avro/validate-value.js';
import { SchemaForm, valueFor, type FormWidget } from './SchemaForm.js';

afterEach(cleanup);

function schemaOf(json: unknown): Schema {
  return readSchemaJson(JSON.stringify(json), { file: 'test.avsc' }).schema;
}

interface Options {
  widgets?: Record<string, FormWidget>;
  label?: string;
  /** Hands the value back as a copy made through Avro JSON, as a parent keeping text would. */
  roundTrip?: boolean;
}

/** Renders the form under a parent holding its value; every value handed up must be valid. */
function renderForm(json: unknown, initial?: RuntimeValue, options: Options = {}) {
  const schema = schemaOf(json);
  const state = { value: initial ?? valueFor(schema, 'example'), changes: 0 };
  function Parent() {
    const [value, setValue] = useState<RuntimeValue>(state.value);
    return (
      <SchemaForm
        schema={schema}
        value={value}
        label={options.label}
        widgets={options.widgets}
        onChange={(next) => {
          expect(validateValue(schema, next)).toEqual([]);
          expect(() => toAvroJson(schema, next)).not.toThrow();
          state.value = next;
          state.changes++;
          setValue(options.roundTrip ? fromAvroJson(schema, toAvroJson(schema, next)) : next);
        }}
      />
    );
  }
  render(<Parent />);
  return { schema, state, get: () => state.value as RuntimeObject };
}

const input = (label: string): HTMLInputElement => screen.getByLabelText(label);
const type = (label: string, text: string): void => {
  fireEvent.change(input(label), { target: { value: text } });
};
const choose = (label: string, option: string): void => {
  fireEvent.change(screen.getByLabelText(label), { target: { value: option } });
};
const click = (label: string): void => {
  fireEvent.click(screen.getByRole('button', { name: label }));
};

const ORDER = {
  type: 'record',
  name: 'Order',
  namespace: 'org.acme',
  fields: [
    { name: 'id', type: 'long', doc: 'The order number.' },
    { name: 'count', type: 'int', default: 1 },
    { name: 'price', type: 'double' },
    { name: 'ratio', type: 'float', default: 0.5 },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'paid', type: 'boolean' },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID', 'SHIPPED'] } },
    { name: 'customer', type: { type: 'record', name: 'Customer', fields: [{ name: 'name', type: 'string' }, { name: 'email', type: ['null', 'string'], default: null }] } },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'attrs', type: { type: 'map', values: 'int' } },
  ],
};

describe('SchemaForm: records', () => {
  it('labels every input with its path, and shows types, docs and defaults', () => {
    renderForm(ORDER);
    for (const label of ['request.id', 'request.count', 'request.price', 'request.note', 'request.paid', 'request.status', 'request.customer.name', 'request.customer.email']) {
      expect(screen.getByLabelText(label)).toBeTruthy();
    }
    expect(screen.getByRole('group', { name: 'request.customer' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'request.tags' })).toBeTruthy();
    expect(screen.getByText('The order number.')).toBeTruthy();
    expect(screen.getByText('= 1')).toBeTruthy();
    expect(screen.getAllByText('string?', { selector: '.sf-type' })).toHaveLength(2);
  });

  it('collapses and expands nested records with the keyboard-reachable twisty', () => {
    renderForm(ORDER);
    const twisty = screen.getByRole('button', { name: 'Collapse request.customer' });
    expect(twisty.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(twisty);
    expect(screen.queryByLabelText('request.customer.name')).toBeNull();
    expect(screen.getByText('{2 members}')).toBeTruthy();
    click('Expand request.customer');
    expect(screen.getByLabelText('request.customer.name')).toBeTruthy();
  });

  it('resets a field to its default', () => {
    const { get } = renderForm(ORDER);
    type('request.count', '5');
    expect(get().count).toBe(5);
    click('Reset request.count to its default');
    expect(get().count).toBe(1);
    expect(input('request.count').value).toBe('1');
    expect(screen.queryByRole('button', { name: 'Reset request.count to its default' })).toBeNull();
  });
});

describe('SchemaForm: numbers', () => {
  it('reads ints exactly, flags what is out of range and keeps the last valid value', () => {
    const { get, state } = renderForm(ORDER);
    type('request.count', '42');
    expect(get().count).toBe(42);
    const changes = state.changes;
    type('request.count', '2147483648');
    expect(input('request.count').value).toBe('2147483648');
    expect(input('request.count').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/2147483648 is outside the int range -2147483648 to 2147483647/)).toBeTruthy();
    expect(get().count).toBe(42);
    expect(state.changes).toBe(changes);
    type('request.count', '12x');
    expect(screen.getByText(/"12x" is not a whole number/)).toBeTruthy();
    type('request.count', '-7');
    expect(get().count).toBe(-7);
    expect(input('request.count').getAttribute('aria-invalid')).toBeNull();
  });

  it('keeps longs beyond 2^53 exact, as bigints, all the way to Avro JSON text', () => {
    const { schema, get } = renderForm(ORDER);
    type('request.id', '9223372036854775807');
    expect(get().id).toBe(9223372036854775807n);
    expect(toJsonText(toAvroJson(schema, get()))).toContain('"id": 9223372036854775807');
    type('request.id', '9007199254740993');
    expect(get().id).toBe(9007199254740993n);
    type('request.id', '-9223372036854775809');
    expect(screen.getByText(/outside the long range/)).toBeTruthy();
    expect(get().id).toBe(9007199254740993n);
    type('request.id', '12');
    expect(get().id).toBe(12);
  });

  it('takes NaN and Infinity for floats, flags overflow and says when a float rounds', () => {
    const { get } = renderForm(ORDER);
    type('request.price', 'NaN');
    expect(get().price).toBeNaN();
    type('request.price', '-Infinity');
    expect(get().price).toBe(-Infinity);
    type('request.price', '1e400');
    expect(screen.getByText(/beyond the largest double/)).toBeTruthy();
    expect(get().price).toBe(-Infinity);
    type('request.ratio', '0.1');
    expect(get().ratio).toBe(0.1);
    expect(screen.getByText('sent as 0.10000000149011612 (float precision)')).toBeTruthy();
  });

  it('keeps the text as typed when the parent hands back an equal copy', () => {
    const { get } = renderForm(ORDER, undefined, { roundTrip: true });
    type('request.price', '1.50');
    expect(get().price).toBe(1.5);
    expect(input('request.price').value).toBe('1.50');
    type('request.count', '2147483648');
    expect(input('request.count').value).toBe('2147483648');
  });
});

describe('SchemaForm: strings, booleans, enums', () => {
  it('edits strings on one line or several', () => {
    const { get } = renderForm(ORDER);
    type('request.customer.name', 'Ada');
    expect((get().customer as RuntimeObject).name).toBe('Ada');
    click('Multi-line request.customer.name');
    const area = screen.getByLabelText('request.customer.name');
    expect(area.tagName).toBe('TEXTAREA');
    fireEvent.change(area, { target: { value: 'line 1\nline 2' } });
    expect((get().customer as RuntimeObject).name).toBe('line 1\nline 2');
    // Text with line breaks cannot go back to one line.
    expect((screen.getByRole('button', { name: 'Multi-line request.customer.name' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('toggles booleans and picks enum symbols', () => {
    const { get } = renderForm(ORDER);
    fireEvent.click(input('request.paid'));
    expect(get().paid).toBe(true);
    const select = screen.getByLabelText('request.status');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['NEW', 'PAID', 'SHIPPED']);
    choose('request.status', 'SHIPPED');
    expect(get().status).toBe('SHIPPED');
  });
});

describe('SchemaForm: unions', () => {
  it('lists branches by their Avro JSON names and switches between them', () => {
    const { get } = renderForm(ORDER);
    const select = screen.getByLabelText('request.note');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['null', 'string']);
    expect(get().note).toBeNull();
    choose('request.note', 'string');
    expect(get().note).toEqual({ string: '' });
    type('request.note.string', 'hello');
    expect(get().note).toEqual({ string: 'hello' });
    choose('request.note', 'null');
    expect(get().note).toBeNull();
    expect(screen.queryByLabelText('request.note.string')).toBeNull();
    // Switching back brings the branch's last value back.
    choose('request.note', 'string');
    expect(get().note).toEqual({ string: 'hello' });
  });

  it('carries values over where they fit and starts from an example where not', () => {
    const json = {
      type: 'record',
      name: 'R',
      fields: [{ name: 'u', type: ['int', 'long', 'string', { type: 'record', name: 'org.acme.Point', fields: [{ name: 'x', type: 'int' }, { name: 'y', type: 'int', default: 7 }] }] }],
    };
    const { get } = renderForm(json);
    expect(get().u).toEqual({ int: 0 });
    type('request.u.int', '5');
    choose('request.u', 'long');
    expect(get().u).toEqual({ long: 5 });
    type('request.u.long', '9223372036854775807');
    choose('request.u', 'string');
    expect(get().u).toEqual({ string: '' });
    choose('request.u', 'org.acme.Point');
    expect(get().u).toEqual({ 'org.acme.Point': { x: 0, y: 7 } });
    type('request.u["org.acme.Point"].x', '3');
    expect(get().u).toEqual({ 'org.acme.Point': { x: 3, y: 7 } });
    choose('request.u', 'long');
    expect(get().u).toEqual({ long: 9223372036854775807n });
  });
});

describe('SchemaForm: arrays', () => {
  it('adds, edits, moves and removes items, focusing what was added', () => {
    const { get } = renderForm(ORDER);
    expect(screen.getByText('no items')).toBeTruthy();
    click('Add an item to request.tags');
    expect(document.activeElement).toBe(input('request.tags[0]'));
    click('Add an item to request.tags');
    expect(document.activeElement).toBe(input('request.tags[1]'));
    type('request.tags[0]', 'a');
    type('request.tags[1]', 'b');
    expect(get().tags).toEqual(['a', 'b']);
    click('Move request.tags[1] up');
    expect(get().tags).toEqual(['b', 'a']);
    expect(input('request.tags[0]').value).toBe('b');
    expect((screen.getByRole('button', { name: 'Move request.tags[0] up' }) as HTMLButtonElement).disabled).toBe(true);
    click('Move request.tags[0] down');
    expect(get().tags).toEqual(['a', 'b']);
    click('Remove request.tags[0]');
    expect(get().tags).toEqual(['b']);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add an item to request.tags' }));
  });

  it('moves an item\'s half-typed text with it', () => {
    const { get } = renderForm({ type: 'record', name: 'R', fields: [{ name: 'xs', type: { type: 'array', items: 'int' } }] }, { xs: [1, 2] });
    type('request.xs[1]', '2.5');
    expect(get().xs).toEqual([1, 2]);
    click('Move request.xs[1] up');
    expect(get().xs).toEqual([2, 1]);
    expect(input('request.xs[0]').value).toBe('2.5');
    expect(input('request.xs[0]').getAttribute('aria-invalid')).toBe('true');
    expect(input('request.xs[1]').value).toBe('1');
  });
});

describe('SchemaForm: maps', () => {
  it('adds entries, flags empty and duplicate keys without handing them up, and removes entries', () => {
    const { get, state } = renderForm(ORDER);
    click('Add an entry to request.attrs');
    expect(document.activeElement).toBe(input('request.attrs key 1'));
    expect(screen.getByText('enter a key')).toBeTruthy();
    expect(get().attrs).toEqual({});
    type('request.attrs key 1', 'a');
    expect(get().attrs).toEqual({ a: 0 });
    click('Add an entry to request.attrs');
    type('request.attrs key 2', 'a');
    expect(screen.getByText('the key "a" is already used above')).toBeTruthy();
    expect(input('request.attrs key 2').getAttribute('aria-invalid')).toBe('true');
    const changes = state.changes;
    // The entry's value can be edited meanwhile; nothing goes up until the key is fixed.
    type('request.attrs value 2', '9');
    expect(state.changes).toBe(changes);
    expect(get().attrs).toEqual({ a: 0 });
    type('request.attrs key 2', 'b c');
    expect(get().attrs).toEqual({ a: 0, 'b c': 9 });
    type('request.attrs["b c"]', '5');
    expect(get().attrs).toEqual({ a: 0, 'b c': 5 });
    click('Remove request.attrs entry 1');
    expect(get().attrs).toEqual({ 'b c': 5 });
  });

  it('takes __proto__ as an ordinary key', () => {
    const { get } = renderForm({ type: 'map', values: 'string' }, {}, { label: 'tags' });
    click('Add an entry to tags');
    type('tags key 1', '__proto__');
    expect(Object.keys(get())).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(get())).toBe(Object.prototype);
  });
});

describe('SchemaForm: bytes and fixed', () => {
  const json = { type: 'record', name: 'R', fields: [{ name: 'b', type: 'bytes' }, { name: 'f', type: { type: 'fixed', name: 'Four', size: 4 } }] };

  it('reads hex or base64 as the user chooses', () => {
    const { get } = renderForm(json);
    type('request.b', '0a ff');
    expect(get().b).toEqual(Uint8Array.of(0x0a, 0xff));
    expect(screen.getByText('2 bytes')).toBeTruthy();
    choose('request.b encoding', 'base64');
    expect(input('request.b').value).toBe('Cv8=');
    type('request.b', 'AAE=');
    expect(get().b).toEqual(Uint8Array.of(0, 1));
    type('request.b', 'A');
    expect(screen.getByText(/cannot be whole bytes/)).toBeTruthy();
    expect(get().b).toEqual(Uint8Array.of(0, 1));
  });

  it('checks the length of a fixed', () => {
    const { get } = renderForm(json);
    expect(input('request.f').value).toBe('00000000');
    type('request.f', '0011');
    expect(screen.getByText('2 bytes, but this fixed holds exactly 4')).toBeTruthy();
    expect(get().f).toEqual(new Uint8Array(4));
    type('request.f', 'deadbeef');
    expect(get().f).toEqual(Uint8Array.of(0xde, 0xad, 0xbe, 0xef));
  });
});

describe('SchemaForm: logical types', () => {
  const json = {
    type: 'record',
    name: 'R',
    fields: [
      { name: 'day', type: { type: 'int', logicalType: 'date' } },
      { name: 'at', type: { type: 'int', logicalType: 'time-millis' } },
      { name: 'ts', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'tsu', type: { type: 'long', logicalType: 'timestamp-micros' } },
      { name: 'local', type: { type: 'long', logicalType: 'local-timestamp-micros' } },
      { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
      { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 2 } },
      { name: 'big', type: { type: 'fixed', name: 'Big', size: 8, logicalType: 'decimal', precision: 18, scale: 4 } },
    ],
  };

  it('edits dates with a native date input, as days since the epoch', () => {
    const { get } = renderForm(json);
    expect(input('request.day').type).toBe('date');
    expect(input('request.day').value).toBe('1970-01-01');
    type('request.day', '2024-01-15');
    expect(get().day).toBe(19737);
    expect(screen.getByText('19737 days since 1970-01-01')).toBeTruthy();
    type('request.day', '');
    expect(screen.getByText('enter a date (YYYY-MM-DD)')).toBeTruthy();
    expect(get().day).toBe(19737);
  });

  it('edits times of day and timestamps in UTC, exact to the unit', () => {
    const { get } = renderForm(json);
    type('request.at', '10:30:00.123');
    expect(get().at).toBe(37_800_123);
    expect(input('request.ts').value).toBe('1970-01-01T00:00:00.000Z');
    type('request.ts', '2024-01-15T10:30:00.123Z');
    expect(get().ts).toBe(1705314600123);
    expect(screen.getByText('1705314600123 millis since 1970-01-01 UTC')).toBeTruthy();
    type('request.tsu', '2024-01-15T10:30:00.123456Z');
    expect(get().tsu).toBe(1705314600123456);
    type('request.tsu', '+200000-01-01T00:00:00.000001Z');
    expect(get().tsu).toBe(6_249_223_180_800_000_001n);
    type('request.ts', '2024-01-15T10:30:00.1234Z');
    expect(screen.getByText("millis keep 3 digits after the seconds' point; 4 were given")).toBeTruthy();
    expect(get().ts).toBe(1705314600123);
    type('request.local', '2024-01-15T10:30:00.000001');
    expect(get().local).toBe(1705314600000001);
    click('Set request.ts to now');
    expect(typeof get().ts).toBe('number');
  });

  it('checks UUIDs and generates them', () => {
    const { get } = renderForm(json);
    expect(get().id).toBe('00000000-0000-0000-0000-000000000000');
    type('request.id', 'not-a-uuid');
    expect(screen.getByText(/"not-a-uuid" is not a UUID/)).toBeTruthy();
    expect(get().id).toBe('00000000-0000-0000-0000-000000000000');
    click('Generate a UUID for request.id');
    expect(get().id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(input('request.id').value).toBe(get().id);
    expect(input('request.id').getAttribute('aria-invalid')).toBeNull();
  });

  it('edits decimals as numbers within precision and scale, held as two\'s-complement bytes', () => {
    const { get } = renderForm(json);
    expect(input('request.amount').value).toBe('0.00');
    type('request.amount', '-12.50');
    expect(get().amount).toEqual(Uint8Array.of(0xfb, 0x1e));
    type('request.amount', '1.234');
    expect(screen.getByText('at most 2 digits after the point (scale 2)')).toBeTruthy();
    expect(get().amount).toEqual(Uint8Array.of(0xfb, 0x1e));
    type('request.big', '-1.0001');
    expect(get().big).toEqual(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xd8, 0xef));
    expect(toAvroJson(schemaOf(json), get())).toMatchObject({ amount: '\u00fb\u001e' });
  });
});

describe('SchemaForm: widgets', () => {
  it('renders a named type with the widget registered for it, wherever it appears', () => {
    const json = {
      type: 'record',
      name: 'ExecuteRequest',
      namespace: 'spl.common',
      fields: [
        { name: 'module', type: 'string' },
        { name: 'value', type: ['null', 'string', { type: 'record', name: 'Payload', fields: [{ name: 'value', type: 'bytes' }] }], default: null },
      ],
    };
    const seen: string[] = [];
    const PayloadWidget: FormWidget = ({ schema, value, onChange, path }) => {
      seen.push(`${path} ${schema.type}`);
      const size = (value as { value: Uint8Array }).value.length;
      return (
        <button type="button" aria-label={`Payload editor ${path}`} onClick={() => onChange({ value: new Uint8Array(size + 1) })}>
          {size} bytes
        </button>
      );
    };
    const { get } = renderForm(json, { module: 'm', value: null }, { widgets: { 'spl.common.Payload': PayloadWidget } });
    choose('request.value', 'spl.common.Payload');
    expect(seen).toContain('request.value["spl.common.Payload"] record');
    click('Payload editor request.value["spl.common.Payload"]');
    expect(get().value).toEqual({ 'spl.common.Payload': { value: new Uint8Array(1) } });
    expect(screen.queryByLabelText('request.value["spl.common.Payload"].value')).toBeNull();
  });
});

describe('SchemaForm: values from outside', () => {
  it('says what does not fit, where, and offers a way out', () => {
    const schema = schemaOf(ORDER);
    const bad = { ...(valueFor(schema, 'example') as RuntimeObject), id: 'x', extra: 1 } as RuntimeObject;
    delete bad.count;
    const changes: RuntimeValue[] = [];
    render(<SchemaForm schema={schema} value={bad} onChange={(v) => changes.push(v)} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('at request.id: expected a long');
    expect(alert.textContent).toContain('missing field "count"');
    expect(alert.textContent).toContain('has no field "extra"');
    click('Replace with example: request.id');
    expect((changes.at(-1) as RuntimeObject).id).toBe(0);
    click('Use the default: request.count');
    expect(Object.keys(changes.at(-1) as RuntimeObject).slice(0, 3)).toEqual(['id', 'count', 'price']);
    expect((changes.at(-1) as RuntimeObject).count).toBe(1);
    click('Remove request.extra');
    expect('extra' in (changes.at(-1) as RuntimeObject)).toBe(false);
  });

  it('starts afresh on a new value, dropping half-typed text', () => {
    const schema = schemaOf(ORDER);
    const first = valueFor(schema, 'example') as RuntimeObject;
    const { rerender } = render(<SchemaForm schema={schema} value={first} onChange={() => {}} />);
    type('request.count', 'abc');
    expect(input('request.count').value).toBe('abc');
    rerender(<SchemaForm schema={schema} value={{ ...first, count: 3 }} onChange={() => {}} />);
    expect(input('request.count').value).toBe('3');
    expect(input('request.count').getAttribute('aria-invalid')).toBeNull();
  });
});

describe('SchemaForm: another schema', () => {
  it('starts afresh for another message even when the value looks the same', () => {
    const a = schemaOf({ type: 'record', name: 'A', fields: [{ name: 'm', type: { type: 'map', values: 'int' } }] });
    const b = schemaOf({ type: 'record', name: 'B', fields: [{ name: 'm', type: { type: 'map', values: 'string' } }] });
    const { rerender } = render(<SchemaForm schema={a} value={{ m: {} }} onChange={() => {}} />);
    click('Add an entry to request.m');
    expect(screen.getByLabelText('request.m key 1')).toBeTruthy();
    rerender(<SchemaForm schema={b} value={{ m: {} }} onChange={() => {}} />);
    expect(screen.queryByLabelText('request.m key 1')).toBeNull();
    expect(screen.getByText('no entries')).toBeTruthy();
  });
});

describe('valueFor', () => {
  it('gives defaults and the least a value needs, or an example showing the structure', () => {
    const schema = schemaOf({
      type: 'record',
      name: 'R',
      fields: [
        { name: 'n', type: 'int', default: 3 },
        { name: 'u', type: ['null', { type: 'record', name: 'Inner', fields: [{ name: 'x', type: 'long' }] }] },
        { name: 's', type: ['string', 'null'] },
        { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
        { name: 'next', type: ['null', 'R'] },
      ],
    });
    expect(valueFor(schema, 'defaults')).toEqual({ n: 3, u: null, s: null, id: '00000000-0000-0000-0000-000000000000', next: null });
    expect(valueFor(schema, 'example')).toEqual({ n: 3, u: { Inner: { x: 0 } }, s: { string: '' }, id: '00000000-0000-0000-0000-000000000000', next: null });
  });
});
