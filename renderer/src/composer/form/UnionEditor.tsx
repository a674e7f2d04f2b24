/**
 * A union: a selector of its branches, by the names Avro JSON gives them (`null`, `string`,
 * `org.acme.Item`), and the editor of the chosen one. Switching keeps each branch's last value
 * for switching back, and otherwise carries over what still fits or starts from an example.
 */
import { useRef, useState } from 'react';
import { findUnionBranch, setOwn, unionBranchName, type RuntimeObject, type RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { childPath } from '../../../../shared/avro/located-json.js';
import type { Schema, UnionSchema } from '../../../../shared/avro/model.js';
import { switchedValue } from './branch-switch.js';
import { ValueEditor } from './ValueEditor.js';

interface Props {
  schema: UnionSchema;
  /** `null` or a single-key object naming a branch (checked by the caller). */
  value: RuntimeValue;
  onChange(value: RuntimeValue): void;
  path: string;
  depth: number;
}

const NULL = 'null';

export function UnionEditor({ schema, value, onChange, path, depth }: Props) {
  const remembered = useRef(new Map<string, RuntimeValue>());
  const [problem, setProblem] = useState<string | null>(null);
  const key = value === null ? NULL : Object.keys(value as RuntimeObject)[0];
  const branch: Schema | undefined = key === NULL ? undefined : findUnionBranch(schema, key);
  const inner = value === null ? null : (value as RuntimeObject)[key];

  const choose = (next: string): void => {
    if (next === key) return;
    remembered.current.set(key, inner);
    if (next === NULL) {
      setProblem(null);
      onChange(null);
      return;
    }
    const target = findUnionBranch(schema, next);
    if (target === undefined) return;
    let chosen: RuntimeValue;
    try {
      chosen = switchedValue(branch === undefined ? null : { schema: branch, value: inner }, target, remembered.current.get(next));
    } catch (e) {
      setProblem(`cannot build a ${next}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    setProblem(null);
    const out: RuntimeObject = {};
    setOwn(out, next, chosen);
    onChange(out);
  };

  return (
    <div className="sf-union">
      <div className="sf-inline">
        <select className="sf-select sf-branch" aria-label={path} value={key} onChange={(e) => choose(e.target.value)}>
          {schema.types.map((t) => {
            const name = t.type === 'null' ? NULL : unionBranchName(t);
            return (
              <option key={name} value={name}>
                {name}
              </option>
            );
          })}
        </select>
        {branch !== undefined && !isContainer(branch) && (
          <div className="sf-union-value">
            <ValueEditor schema={branch} value={inner} onChange={(v) => onChange(wrap(key, v))} path={childPath(path, key)} depth={depth + 1} />
          </div>
        )}
        {problem !== null && <span className="sf-error">{problem}</span>}
      </div>
      {branch !== undefined && isContainer(branch) && (
        <div className="sf-union-block">
          <ValueEditor schema={branch} value={inner} onChange={(v) => onChange(wrap(key, v))} path={childPath(path, key)} depth={depth + 1} />
        </div>
      )}
    </div>
  );
}

function wrap(key: string, value: RuntimeValue): RuntimeObject {
  const out: RuntimeObject = {};
  setOwn(out, key, value);
  return out;
}

function isContainer(schema: Schema): boolean {
  return schema.type === 'record' || schema.type === 'error' || schema.type === 'array' || schema.type === 'map';
}
