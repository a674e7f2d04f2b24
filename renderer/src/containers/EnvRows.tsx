/**
 * The container's environment as `NAME=value` rows, one variable each (values may hold `=`):
 * edit in place, add, remove. A row the form refuses says why beside it.
 */
export interface EnvRowsProps {
  rows: string[];
  /** By row index. */
  errors?: Record<number, string>;
  /** Prefix of ids, so rows can be described by their errors. */
  idPrefix: string;
  disabled?: boolean;
  onChange(rows: string[]): void;
}

export function EnvRows({ rows, errors = {}, idPrefix, disabled, onChange }: EnvRowsProps) {
  return (
    <div className="env-rows" role="group" aria-label="Environment">
      {rows.map((row, index) => {
        const error = errors[index];
        return (
          <div key={index} className={`env-row${error ? ' has-error' : ''}`}>
            <div className="field-row">
              <input
                name={`env-${index}`}
                className="field-input is-mono"
                value={row}
                placeholder="NAME=value"
                aria-label={`Environment variable ${index + 1}`}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${idPrefix}-env-${index}` : undefined}
                spellCheck={false}
                autoComplete="off"
                disabled={disabled}
                onChange={(e) => onChange(rows.map((r, i) => (i === index ? e.target.value : r)))}
              />
              <button
                type="button"
                className="icon-button"
                title="Remove"
                aria-label={`Remove environment variable ${index + 1}`}
                disabled={disabled}
                onClick={() => onChange(rows.filter((_, i) => i !== index))}
              >
                <span className="codicon codicon-close" aria-hidden="true" />
              </button>
            </div>
            {error && <p id={`${idPrefix}-env-${index}`} className="field-error">{error}</p>}
          </div>
        );
      })}
      <button type="button" className="button env-add" disabled={disabled} onClick={() => onChange([...rows, ''])}>
        <span className="codicon codicon-add" aria-hidden="true" /> Add variable
      </button>
    </div>
  );
}
