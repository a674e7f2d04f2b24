/**
 * Key/value rows of a map<string> (a stage's configuration, the pipeline's globalConfig): edit
 * in place, add, remove. Typing in one field is one undo step (the edits share a tag); adding
 * and removing a row are steps of their own. Rows whose key is empty or repeated are marked.
 */
import type { ConfigRow } from './pipeline-graph.js';

export interface ConfigRowsProps {
  rows: ConfigRow[];
  /** What the rows are, for labels: "Configuration of tools/text/uppercase". */
  label: string;
  /** Prefix of the undo tags of edits to these rows. */
  tag: string;
  onChange(rows: ConfigRow[], tag?: string): void;
}

export function ConfigRows({ rows, label, tag, onChange }: ConfigRowsProps) {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.key.trim(), (counts.get(row.key.trim()) ?? 0) + 1);
  const update = (index: number, field: 'key' | 'value', text: string) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [field]: text } : row)), `${tag}:${index}:${field}`);

  return (
    <div className="config-rows" role="group" aria-label={label}>
      {rows.length === 0 && <p className="config-empty">No entries.</p>}
      {rows.map((row, index) => {
        const key = row.key.trim();
        const problem = key === '' ? (row.value === '' ? undefined : 'Give this value a key.') : (counts.get(key) ?? 0) > 1 ? 'This key is set twice: keep one.' : undefined;
        return (
          <div className={`config-row${problem ? ' has-problem' : ''}`} key={index}>
            <input
              className="config-key"
              value={row.key}
              placeholder="key"
              aria-label={`Key ${index + 1} of ${label}`}
              aria-invalid={problem ? true : undefined}
              title={problem}
              spellCheck={false}
              onChange={(e) => update(index, 'key', e.target.value)}
            />
            <input
              className="config-value"
              value={row.value}
              placeholder="value"
              aria-label={`Value ${index + 1} of ${label}`}
              spellCheck={false}
              onChange={(e) => update(index, 'value', e.target.value)}
            />
            <button
              type="button"
              className="icon-button"
              title="Remove"
              aria-label={`Remove ${row.key === '' ? `entry ${index + 1}` : row.key} from ${label}`}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
            >
              <span className="codicon codicon-close" aria-hidden="true" />
            </button>
          </div>
        );
      })}
      <button type="button" className="button config-add" onClick={() => onChange([...rows, { key: '', value: '' }])}>
        <span className="codicon codicon-add" aria-hidden="true" /> Add entry
      </button>
    </div>
  );
}
