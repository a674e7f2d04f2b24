/**
 * The request: Form, JSON, Metadata and Environment tabs over the composer store, with the
 * actions that change it as a whole (fill with defaults or an example, save, copy as an
 * `spl call` command line).
 */
import { useMemo, useState, type ReactNode } from 'react';
import { requestSchema } from '../../../shared/avro/model.js';
import { useSlice, useStudio } from '../app/studio.js';
import { collectionsOf } from '../collections/collections-of.js';
import { copyAsCall } from './copy-as-call.js';
import { EnvironmentTab } from './EnvironmentTab.js';
import { FormTab } from './FormTab.js';
import { JsonTextArea } from './JsonTextArea.js';
import { MetadataTab } from './MetadataTab.js';
import { readBody } from './read-body.js';
import { panelId, TabStrip, tabId } from './TabStrip.js';
import { useTargetMessage, type TargetMessage } from './use-target-message.js';

export type RequestTab = 'form' | 'json' | 'metadata' | 'environment';

const ID = 'request';

function MessageStatus({ message }: { message: TargetMessage }) {
  if (message.status === 'loading') return <p className="composer-note">Describing the node…</p>;
  if (message.status === 'error') return <p className="composer-note is-error">{message.error}</p>;
  return <p className="composer-note">Pick a connection, node, protocol and message above, or open a saved request or a call from the history.</p>;
}

/** Under the JSON editor: whether the text fits the message, and where it does not. */
function JsonStatus({ message }: { message: TargetMessage }) {
  const studio = useStudio();
  const body = useSlice(studio.composer, (s) => s.body);
  const schema = useMemo(() => (message.status === 'ready' ? requestSchema(message.message) : null), [message]);
  const read = useMemo(() => (schema ? readBody(schema, body) : null), [schema, body]);
  if (!read) return null;
  if ('value' in read) return <p className="json-status is-ok"><span className="codicon codicon-check" aria-hidden="true" /> Fits {message.status === 'ready' ? message.message.name : ''}'s parameters.</p>;
  const variables = /\{\{/.test(body);
  return (
    <p className="json-status is-warning" role="status">
      <span className="codicon codicon-warning" aria-hidden="true" /> {read.error}
      {variables ? ' ({{variables}} are replaced only when the request is sent.)' : ''}
    </p>
  );
}

export function RequestEditor({ jsonEditor }: { jsonEditor?: ReactNode }) {
  const studio = useStudio();
  const target = useSlice(studio.composer, (s) => s.target);
  const metadataCount = useSlice(studio.composer, (s) => s.metadata.filter((r) => r.enabled && r.key.trim() !== '').length);
  const message = useTargetMessage(target);
  const [tab, setTab] = useState<RequestTab>('form');
  const ready = message.status === 'ready';

  const tabs = [
    { id: 'form' as const, label: 'Form' },
    { id: 'json' as const, label: 'JSON' },
    { id: 'metadata' as const, label: metadataCount ? `Metadata (${metadataCount})` : 'Metadata' },
    { id: 'environment' as const, label: 'Environment' },
  ];

  return (
    <section className="request" aria-label="Request">
      <TabStrip<RequestTab> idBase={ID} label="Request" tabs={tabs} active={tab} onSelect={setTab}>
        <button type="button" className="button is-small" disabled={!ready} title="Replace the body with the parameters' defaults" onClick={() => void studio.composer.getState().fill('defaults')}>
          Fill with Defaults
        </button>
        <button type="button" className="button is-small" disabled={!ready} title="Replace the body with an example value of every field" onClick={() => void studio.composer.getState().fill('example')}>
          Fill with Example
        </button>
        <button type="button" className="icon-button" aria-label="Save to a collection" title="Save to Collection…" disabled={target.message === ''} onClick={() => collectionsOf(studio).getState().setSaving(true)}>
          <span className="codicon codicon-save" aria-hidden="true" />
        </button>
        <button type="button" className="icon-button" aria-label="Copy as spl call" title="Copy as spl call" disabled={target.message === ''} onClick={() => void copyAsCall(studio)}>
          <span className="codicon codicon-terminal" aria-hidden="true" />
        </button>
      </TabStrip>
      <div className={`request-body is-${tab}`} role="tabpanel" id={panelId(ID, tab)} aria-labelledby={tabId(ID, tab)}>
        {tab === 'form' && (message.status === 'ready' ? <FormTab message={message.message} /> : <MessageStatus message={message} />)}
        {tab === 'json' && (
          <div className="json-tab">
            <div className="json-tab-editor">{jsonEditor ?? <JsonTextArea />}</div>
            <JsonStatus message={message} />
          </div>
        )}
        {tab === 'metadata' && <MetadataTab />}
        {tab === 'environment' && <EnvironmentTab />}
      </div>
    </section>
  );
}
