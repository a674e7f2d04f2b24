/**
 * The call's metadata as key/value rows, each switched on or off. Values may use `{{name}}`,
 * replaced from the active environment when the request is sent.
 */
import { useSlice, useStudio } from '../app/studio.js';

export function MetadataTab() {
  const studio = useStudio();
  const rows = useSlice(studio.composer, (s) => s.metadata);
  const environment = useSlice(studio.composer, (s) => s.environment);
  const variables = useSlice(studio.composer, (s) => (s.environment !== null ? s.environments[s.environment] : undefined));
  const { addMetadata, updateMetadata, removeMetadata } = studio.composer.getState();
  const names = Object.keys(variables ?? {});

  return (
    <div className="metadata-tab">
      {rows.length === 0 ? (
        <p className="composer-note">No metadata: the call carries none. Add a row to send a key with a value.</p>
      ) : (
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
                  <input type="checkbox" checked={row.enabled} aria-label={`Send metadata row ${i + 1}`} onChange={(e) => updateMetadata(row.id, { enabled: e.target.checked })} />
                </td>
                <td>
                  <input className="input" value={row.key} placeholder="key" aria-label={`Metadata key ${i + 1}`} spellCheck={false} onChange={(e) => updateMetadata(row.id, { key: e.target.value })} />
                </td>
                <td>
                  <input className="input is-mono" value={row.value} placeholder="value, may use {{variable}}" aria-label={`Metadata value ${i + 1}`} spellCheck={false} onChange={(e) => updateMetadata(row.id, { value: e.target.value })} />
                </td>
                <td className="kv-actions">
                  <button type="button" className="icon-button" aria-label={`Remove metadata row ${i + 1}`} title="Remove" onClick={() => removeMetadata(row.id)}>
                    <span className="codicon codicon-trash" aria-hidden="true" />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="tab-footer">
        <button type="button" className="button" onClick={() => addMetadata()}>
          <span className="codicon codicon-add" aria-hidden="true" /> Add Metadata
        </button>
        <span className="composer-note">
          {environment === null
            ? 'No environment is active: {{variables}} cannot be replaced.'
            : names.length
              ? `Variables of ${environment}: ${names.map((n) => `{{${n}}}`).join(', ')}`
              : `Environment ${environment} defines no variables.`}
        </span>
      </div>
    </div>
  );
}
