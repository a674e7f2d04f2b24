/**
 * A map: one row per entry (key, value, remove) and a button to add one. Rows are kept here,
 * apart from the value, because while a key is empty or used twice there is no map to hand up:
 * the rows show the problem and the value stays the last valid map until it is solved.
 */
import { useEffect, useRef, useState } from 'react';
import { setOwn, type RuntimeObject, type RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { childPath } from '../../../../shared/avro/located-json.js';
import type { MapSchema } from '../../../../shared/avro/model.js';
import { sameValue } from './same-value.js';
import { valueFor } from './value-for.js';
import { ValueEditor } from './ValueEditor.js';

interface Props {
  schema: MapSchema;
  value: RuntimeObject;
  onChange(value: RuntimeValue): void;
  path: string;
  depth: number;
}

interface Row {
  id: number;
  key: string;
  value: RuntimeValue;
}

let nextId = 0;

function rowsOf(value: RuntimeObject): Row[] {
  return Object.keys(value).map((key) => ({ id: nextId++, key, value: value[key] }));
}

/** Each row's key problem, if any: empty, or the same as an earlier row's. */
function keyProblems(rows: Row[]): (string | undefined)[] {
  const seen = new Set<string>();
  return rows.map((row) => {
    if (row.key === '') return 'enter a key';
    if (seen.has(row.key)) return `the key ${JSON.stringify(row.key)} is already used above`;
    seen.add(row.key);
    return undefined;
  });
}

export function MapEditor({ schema, value, onChange, path, depth }: Props) {
  const [state, setState] = useState(() => ({ rows: rowsOf(value), basis: value }));
  let rows = state.rows;
  if (!sameValue(state.basis, value)) {
    // A new map from outside: its entries replace whatever rows there were.
    rows = rowsOf(value);
    setState({ rows, basis: value });
  }
  const [problem, setProblem] = useState<string | null>(null);
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (focusRow === null) return;
    listRef.current?.querySelector<HTMLElement>(`[data-row-id="${focusRow}"] input`)?.focus();
    setFocusRow(null);
  }, [focusRow]);

  const problems = keyProblems(rows);
  const update = (next: Row[]): void => {
    if (keyProblems(next).every((p) => p === undefined)) {
      const map: RuntimeObject = {};
      for (const row of next) setOwn(map, row.key, row.value);
      setState({ rows: next, basis: map });
      onChange(map);
    } else {
      setState({ rows: next, basis: value });
    }
  };
  const add = (): void => {
    let item: RuntimeValue;
    try {
      item = valueFor(schema.values, 'example');
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
      return;
    }
    setProblem(null);
    const row = { id: nextId++, key: '', value: item };
    setFocusRow(row.id);
    update([...rows, row]);
  };

  return (
    <div className="sf-map" role="group" aria-label={path}>
      {rows.length === 0 && <div className="sf-empty">no entries</div>}
      {rows.length > 0 && (
        <div className="sf-entries" ref={listRef}>
          {rows.map((row, index) => {
            const keyProblem = problems[index];
            const valuePath = keyProblem === undefined ? childPath(path, row.key) : `${path} value ${index + 1}`;
            return (
              <div key={row.id} className="sf-entry" data-row-id={row.id}>
                <div className="sf-entry-key">
                  <input
                    type="text"
                    className="sf-input"
                    aria-label={`${path} key ${index + 1}`}
                    aria-invalid={keyProblem !== undefined ? true : undefined}
                    placeholder="key"
                    value={row.key}
                    spellCheck={false}
                    autoComplete="off"
                    onChange={(e) => update(rows.map((r) => (r.id === row.id ? { ...r, key: e.target.value } : r)))}
                  />
                  {keyProblem !== undefined && (
                    <div className="sf-error">
                      <span className="codicon codicon-error" aria-hidden="true" /> {keyProblem}
                    </div>
                  )}
                </div>
                <div className="sf-entry-value">
                  <ValueEditor schema={schema.values} value={row.value} onChange={(v) => update(rows.map((r) => (r.id === row.id ? { ...r, value: v } : r)))} path={valuePath} depth={depth + 1} />
                </div>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove ${path} entry ${index + 1}`}
                  title="Remove"
                  onClick={() => {
                    update(rows.filter((r) => r.id !== row.id));
                    addRef.current?.focus();
                  }}
                >
                  <span className="codicon codicon-close" aria-hidden="true" />
                </button>
              </div>
            );
          })}
        </div>
      )}
      <div className="sf-inline">
        <button type="button" ref={addRef} className="button sf-small sf-add" aria-label={`Add an entry to ${path}`} onClick={add}>
          <span className="codicon codicon-add" aria-hidden="true" /> Add entry
        </button>
        {problem !== null && <span className="sf-error">{problem}</span>}
      </div>
    </div>
  );
}
