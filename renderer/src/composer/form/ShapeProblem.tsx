/**
 * Shown instead of an editor whose value does not have the schema's shape (it came from outside
 * the form): what was expected and found, and a way to start over from an example.
 */
import { describeExpected, describeGot, type RuntimeValue } from '../../../../shared/avro/avro-json.js';
import type { Schema } from '../../../../shared/avro/model.js';
import { valueFor } from './value-for.js';

interface Props {
  schema: Schema;
  path: string;
  /** The value found; `undefined` for a missing field. */
  value: RuntimeValue | undefined;
  onChange(value: RuntimeValue): void;
  /** What to offer instead of an example (a field's default). */
  replacement?: { label: string; value: () => RuntimeValue };
}

export function ShapeProblem({ schema, path, value, onChange, replacement }: Props) {
  let example: (() => RuntimeValue) | undefined;
  try {
    const built = valueFor(schema, 'example');
    example = () => built;
  } catch {
    example = undefined;
  }
  const fix = replacement ?? (example ? { label: value === undefined ? 'Add' : 'Replace with example', value: example } : undefined);
  return (
    <div className="sf-problem" role="group" aria-label={path}>
      <span className="codicon codicon-warning" aria-hidden="true" />
      <span>
        {value === undefined ? 'missing' : `expected ${describeExpected(schema, 'runtime')}, got ${describeGot(value, 'runtime')}`}
      </span>
      {fix && (
        <button type="button" className="button sf-small" aria-label={`${fix.label}: ${path}`} onClick={() => onChange(fix.value())}>
          {fix.label}
        </button>
      )}
    </div>
  );
}
