/**
 * Key/value rows, each switched on or off: the composer's metadata, a pipeline run's context.
 * The caller owns the rows (a store's slice) and says what they are called; with no rows it
 * shows the caller's empty note instead of the table.
 */
import type { ReactNode } from 'react';
import './key-value-rows.css';

export interface KeyValueRow {
  id: number;
  key: string;
  value: string;
  enabled: boolean;
}

export type KeyValuePatch = Partial<Omit<KeyValueRow, 'id'>>;

export interface KeyValueRowsProps {
  rows: readonly KeyValueRow[];
  /** What a row is, lower case, for the controls' labels: "metadata" gives "Metadata key 1", "Send metadata row 1". */
  noun: string;
  valuePlaceholder: string;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  onUpdate(id: number, patch: KeyValuePatch): void;
  onRemove(id: number): void;
}

export function KeyValueRows({ rows, noun, valuePlaceholder, empty, onUpdate, onRemove }: KeyValueRowsProps) {
  if (rows.length === 0) return <>{empty}</>;
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <table className="kv-table">
      <thead>
        <tr>
          <th scope="col" className="kv-on">
            <span className="visually-hidden">Send</span>
          </th>
          <th scope="col">Key</th>
          <th scope="col">Value</th>
          <th scope="col" className="kv-actions">
            <span className="visually-hidden">Remove</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={row.id} className={row.enabled ? undefined : 'is-off'}>
            <td className="kv-on">
              <input type="checkbox" checked={row.enabled} aria-label={`Send ${noun} row ${i + 1}`} onChange={(e) => onUpdate(row.id, { enabled: e.target.checked })} />
            </td>
            <td>
              <input className="input" value={row.key} placeholder="key" aria-label={`${Noun} key ${i + 1}`} spellCheck={false} onChange={(e) => onUpdate(row.id, { key: e.target.value })} />
            </td>
            <td>
              <input className="input is-mono" value={row.value} placeholder={valuePlaceholder} aria-label={`${Noun} value ${i + 1}`} spellCheck={false} onChange={(e) => onUpdate(row.id, { value: e.target.value })} />
            </td>
            <td className="kv-actions">
              <button type="button" className="icon-button" aria-label={`Remove ${noun} row ${i + 1}`} title="Remove" onClick={() => onRemove(row.id)}>
                <span className="codicon codicon-trash" aria-hidden="true" />
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
