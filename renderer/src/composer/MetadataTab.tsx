/**
 * The call's metadata as key/value rows, each switched on or off. Values may use `{{name}}`,
 * replaced from the active environment when the request is sent.
 */
import { useSlice, useStudio } from '../app/studio.js';
import { KeyValueRows } from '../components/KeyValueRows.js';

export function MetadataTab() {
  const studio = useStudio();
  const rows = useSlice(studio.composer, (s) => s.metadata);
  const environment = useSlice(studio.composer, (s) => s.environment);
  const variables = useSlice(studio.composer, (s) => (s.environment !== null ? s.environments[s.environment] : undefined));
  const { addMetadata, updateMetadata, removeMetadata } = studio.composer.getState();
  const names = Object.keys(variables ?? {});

  return (
    <div className="metadata-tab">
      <KeyValueRows
        rows={rows}
        noun="metadata"
        valuePlaceholder="value, may use {{variable}}"
        empty={<p className="composer-note">No metadata: the call carries none. Add a row to send a key with a value.</p>}
        onUpdate={updateMetadata}
        onRemove={removeMetadata}
      />
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
