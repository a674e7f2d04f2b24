/**
 * The answer to the composer's last call (or to a call loaded from the history): an outcome
 * badge, a status line (duration, sizes, endpoint), and tabs: Result (the value as a tree, a
 * declared error as its type), Frames (the bytes on the wire, annotated), Handshake and
 * Metadata.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Schema } from '../../../shared/avro/model.js';
import { useSlice, useStudio } from '../app/studio.js';
import { copyText } from '../composer/clipboard.js';
import { panelId, TabStrip, tabId } from '../composer/TabStrip.js';
import { knownSchemas, schemaChoices } from '../composer/payload/payload-value.js';
import { messageOf, resultSchema, type ComposerTarget } from '../composer/target-schema.js';
import type { ShownResult } from '../stores/composer-store.js';
import { nodeKey } from '../stores/connections-store.js';
import { formatBytes } from './hex.js';
import { HexView } from './HexView.js';
import { JsonTree } from './JsonTree.js';
import { formatDuration, outcomeLook } from './outcome.js';
import { buildResultTree } from './result-tree.js';
import './response.css';

type ResponseTab = 'result' | 'frames' | 'handshake' | 'metadata';

const ID = 'response';

export function ResponsePanel() {
  const studio = useStudio();
  const result = useSlice(studio.composer, (s) => s.result);
  const target = useSlice(studio.composer, (s) => s.resultTarget);
  const inFlight = useSlice(studio.composer, (s) => s.callId !== null);
  const key = target ? nodeKey(target.connectionId, target.nodeId) : null;
  const description = useSlice(studio.connections, (s) => (key ? s.descriptions[key] : undefined));
  const [tab, setTab] = useState<ResponseTab>('result');

  // A result loaded from the history: describe its node so its body reads with its schema.
  useEffect(() => {
    if (target && !description) void studio.connections.getState().describe(target.connectionId, target.nodeId);
  }, [studio, target, description]);

  const found = target ? messageOf(description?.value, target) : undefined;
  const message = found && 'message' in found ? found.message : undefined;
  const schema = result ? resultSchema(message, result.outcome, result.errorType) : undefined;

  if (!result) {
    return (
      <section className="response is-empty" aria-label="Response">
        <p className="response-empty">{inFlight ? 'Calling…' : 'Send the request to see the answer here.'}</p>
      </section>
    );
  }

  const look = outcomeLook(result.outcome, result.errorType);
  const tabs = [
    { id: 'result' as const, label: 'Result' },
    { id: 'frames' as const, label: `Frames${result.frames.length ? ` (${result.frames.length})` : ''}` },
    { id: 'handshake' as const, label: 'Handshake' },
    { id: 'metadata' as const, label: `Metadata${Object.keys(result.responseMetadata).length ? ` (${Object.keys(result.responseMetadata).length})` : ''}` },
  ];

  return (
    <section className="response" aria-label="Response" aria-busy={inFlight}>
      <header className="response-status">
        <span className={`outcome-badge is-${look.tone}`} title={look.meaning} data-outcome={result.outcome}>
          <span className={`codicon codicon-${look.icon}`} aria-hidden="true" />
          {look.label}
        </span>
        <span className="response-facts">
          <span title="Duration">{formatDuration(result.durationMs)}</span>
          <span title="Request size on the wire">↑ {formatBytes(result.requestBytes)}</span>
          <span title="Response size on the wire">↓ {formatBytes(result.responseBytes)}</span>
          {result.endpoint && <span className="response-endpoint" title="Endpoint">{result.endpoint}</span>}
          <span className="response-time" title={new Date(result.startedAt).toString()}>{new Date(result.startedAt).toLocaleTimeString()}</span>
        </span>
        {inFlight && <span className="response-busy">Calling…</span>}
      </header>
      <TabStrip<ResponseTab> idBase={ID} label="Response" tabs={tabs} active={tab} onSelect={setTab} />
      <div className="response-body" role="tabpanel" id={panelId(ID, tab)} aria-labelledby={tabId(ID, tab)} tabIndex={-1}>
        {tab === 'result' && <ResultView result={result} target={target} schema={schema} schemaProblem={found && 'error' in found ? found.error : undefined} />}
        {tab === 'frames' && <FramesView result={result} />}
        {tab === 'handshake' && <HandshakeView result={result} />}
        {tab === 'metadata' && <MetadataView metadata={result.responseMetadata} />}
      </div>
    </section>
  );
}

function ResultView({ result, target, schema, schemaProblem }: { result: ShownResult; target: ComposerTarget | null; schema: Schema | undefined; schemaProblem?: string }) {
  const studio = useStudio();
  const declared = result.outcome === 'declared-error';
  // A node's answer names its payloads' schemas without carrying them: they are its module schemas.
  const modules = useSlice(studio.connections, (s) => (target ? s.modules[nodeKey(target.connectionId, target.nodeId)] : undefined));
  const known = useMemo(() => knownSchemas(schemaChoices(modules?.value ?? [])), [modules?.value]);
  const tree = useMemo(
    () => (result.body === undefined ? undefined : buildResultTree(result.body, schema, declared ? result.errorType : undefined, known)),
    [result.body, schema, declared, result.errorType, known],
  );
  const missingSchema = !!tree && 'root' in tree && tree.missingSchema;
  useEffect(() => {
    if (missingSchema && target && !modules) void studio.connections.getState().describeModules(target.connectionId, target.nodeId);
  }, [studio, missingSchema, target, modules]);
  if (result.outcome !== 'ok' && !declared) {
    const look = outcomeLook(result.outcome);
    return (
      <div className={`response-message is-${look.tone}`} role="alert">
        <p className="response-message-title">{look.meaning}</p>
        <p className="response-message-text">{result.message ?? 'No message came with it.'}</p>
      </div>
    );
  }
  return (
    <div className="response-result">
      {declared && (
        <p className="response-declared">
          The node answered with the declared error <code>{result.errorType}</code>
          {schema && 'fields' in schema ? `, with ${schema.fields.length} field${schema.fields.length === 1 ? '' : 's'}` : ''}.
        </p>
      )}
      {!schema && schemaProblem && <p className="response-note">{schemaProblem} The result is shown as plain JSON.</p>}
      {tree === undefined ? (
        <p className="response-note">No body: the message has no response value.</p>
      ) : 'error' in tree ? (
        <p className="response-note is-error">{tree.error}</p>
      ) : (
        <JsonTree root={tree.root} label={declared ? `Error ${result.errorType}` : 'Result'} onCopy={(text, what) => void copyText(studio, text, `the value of ${what}`)} />
      )}
    </div>
  );
}

function FramesView({ result }: { result: ShownResult }) {
  if (result.frames.length === 0) return <p className="response-note">No frames: nothing crossed the wire for this call.</p>;
  return (
    <div className="response-frames">
      {result.frames.map((frame, i) => (
        <HexView key={`${frame.direction}-${i}`} frame={frame} />
      ))}
    </div>
  );
}

function HandshakeView({ result }: { result: ShownResult }) {
  const h = result.handshake;
  if (!h) return <p className="response-note">No handshake: the call never reached the point of shaking hands with the node.</p>;
  const matchMeaning: Record<string, string> = {
    BOTH: 'the node knew the client protocol and the client knew the node\'s',
    CLIENT: 'the node knew the client protocol; it sent its own, which the client did not know',
    NONE: 'the node did not know the client protocol',
  };
  return (
    <dl className="response-facts-list">
      <dt>Match</dt>
      <dd>
        <code>{h.match}</code>: {matchMeaning[h.match] ?? h.match}
      </dd>
      <dt>Client hash</dt>
      <dd><code>{h.clientHash}</code></dd>
      <dt>Server hash</dt>
      <dd>{h.serverHash ? <code>{h.serverHash}</code> : 'none (the same as the client\'s)'}</dd>
      <dt>Server protocol</dt>
      <dd>{h.serverProtocolSent ? 'sent by the node' : 'not sent'}</dd>
      <dt>When</dt>
      <dd>{h.onThisCall ? 'on this call' : 'earlier, when this TCP connection opened (the call reused it)'}</dd>
    </dl>
  );
}

function MetadataView({ metadata }: { metadata: Record<string, string> }) {
  const entries = Object.entries(metadata);
  if (entries.length === 0) return <p className="response-note">The response carried no metadata.</p>;
  return (
    <table className="response-metadata">
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <td><code>{k}</code></td>
            <td><code>{v}</code></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
