/**
 * An array: its items in order, each with buttons to move it up or down and to remove it, and a
 * button to add one (an example of the item type). Items keep their identity while they move, so
 * an item's half-typed text moves with it.
 */
import { useEffect, useRef, useState } from 'react';
import type { RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { childPath } from '../../../../shared/avro/located-json.js';
import type { ArraySchema } from '../../../../shared/avro/model.js';
import { valueFor } from './value-for.js';
import { ValueEditor } from './ValueEditor.js';

interface Props {
  schema: ArraySchema;
  value: RuntimeValue[];
  onChange(value: RuntimeValue): void;
  path: string;
  depth: number;
}

let nextId = 0;

export function ArrayEditor({ schema, value, onChange, path, depth }: Props) {
  // One id per item, following our own moves; a length changed from outside starts them afresh.
  const ids = useRef<number[]>([]);
  if (ids.current.length !== value.length) ids.current = value.map(() => nextId++);
  const [problem, setProblem] = useState<string | null>(null);
  const [focusItem, setFocusItem] = useState<number | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (focusItem === null) return;
    const item = listRef.current?.querySelector<HTMLElement>(`[data-item-id="${focusItem}"]`);
    item?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    setFocusItem(null);
  }, [focusItem]);

  const add = (): void => {
    let item: RuntimeValue;
    try {
      item = valueFor(schema.items, 'example');
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
      return;
    }
    setProblem(null);
    const id = nextId++;
    ids.current = [...ids.current, id];
    setFocusItem(id);
    onChange([...value, item]);
  };
  const remove = (index: number): void => {
    ids.current = ids.current.filter((_, i) => i !== index);
    onChange(value.filter((_, i) => i !== index));
    addRef.current?.focus();
  };
  const move = (index: number, to: number): void => {
    const order = value.map((_, i) => i);
    order.splice(to, 0, order.splice(index, 1)[0]);
    ids.current = order.map((i) => ids.current[i]);
    onChange(order.map((i) => value[i]));
  };
  const set = (index: number, item: RuntimeValue): void => onChange(value.map((v, i) => (i === index ? item : v)));

  return (
    <div className="sf-array" role="group" aria-label={path}>
      {value.length === 0 && <div className="sf-empty">no items</div>}
      {value.length > 0 && (
        <ol className="sf-items" ref={listRef}>
          {value.map((item, index) => {
            const itemPath = childPath(path, index);
            return (
              <li key={ids.current[index]} className="sf-item" data-item-id={ids.current[index]}>
                <span className="sf-index" aria-hidden="true">{index}</span>
                <div className="sf-item-body">
                  <ValueEditor schema={schema.items} value={item} onChange={(v) => set(index, v)} path={itemPath} depth={depth + 1} />
                </div>
                <div className="sf-item-actions">
                  <button type="button" className="icon-button" aria-label={`Move ${itemPath} up`} title="Move up" disabled={index === 0} onClick={() => move(index, index - 1)}>
                    <span className="codicon codicon-arrow-up" aria-hidden="true" />
                  </button>
                  <button type="button" className="icon-button" aria-label={`Move ${itemPath} down`} title="Move down" disabled={index === value.length - 1} onClick={() => move(index, index + 1)}>
                    <span className="codicon codicon-arrow-down" aria-hidden="true" />
                  </button>
                  <button type="button" className="icon-button" aria-label={`Remove ${itemPath}`} title="Remove" onClick={() => remove(index)}>
                    <span className="codicon codicon-close" aria-hidden="true" />
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <div className="sf-inline">
        <button type="button" ref={addRef} className="button sf-small sf-add" aria-label={`Add an item to ${path}`} onClick={add}>
          <span className="codicon codicon-add" aria-hidden="true" /> Add item
        </button>
        {problem !== null && <span className="sf-error">{problem}</span>}
      </div>
    </div>
  );
}
