/**
 * One message as the node serves it: its doc, parameters, response and declared errors as type
 * trees, whether it is one-way, the protocol's hash; when the node's protocol differs from the
 * workspace, this message's verdict with its reasons and the definition file to open. "Open in
 * Composer" takes it to the request composer.
 */
import { useMemo } from 'react';
import type { Message } from '../../../shared/avro/model.js';
import type { ClusterNode, ProtocolDescription } from '../../../shared/studio/api.js';
import { useStudio } from '../app/studio.js';
import { DetailsHeader, Facts, Notice, Section } from './DetailsParts.js';
import { VerdictBadge, driftText } from './DriftBadge.js';
import { openDefinition, openInComposer } from './open-from-explorer.js';
import { TypeTree, type TypeTreeItem } from './TypeTree.js';

export interface MessageDetailsProps {
  node: ClusterNode;
  description: ProtocolDescription;
  message: Message;
}

export function MessageDetails({ node, description, message }: MessageDetailsProps) {
  const studio = useStudio();
  const response = useMemo<TypeTreeItem[]>(() => [{ name: 'response', type: message.response }], [message]);
  const errors = useMemo<TypeTreeItem[]>(() => message.errors.map((type) => ({ name: '', type })), [message]);
  const verdict = description.messages?.find((m) => m.message === message.name);
  const target = { connectionId: node.connectionId, nodeId: node.nodeId, protocol: description.name, message: message.name };

  return (
    <div className="details">
      <DetailsHeader
        icon="codicon-symbol-method"
        title={message.name}
        subtitle={<>{description.name} on {node.nodeId}</>}
        actions={
          <button type="button" className="button is-primary" onClick={() => openInComposer(studio, target)}>
            <span className="codicon codicon-send" aria-hidden="true" /> Open in Composer
          </button>
        }
      />
      {message.doc && <p className="details-doc">{message.doc}</p>}
      <Facts
        items={[
          ['Protocol', description.name],
          ['Protocol hash', <code key="md5">{description.md5}</code>],
          ['One-way', message.oneWay ? 'yes: the node sends no response' : 'no'],
        ]}
      />

      {description.drift === 'differs' && (
        <Section title="Against the workspace">
          <Notice
            tone={verdict && (verdict.status === 'incompatible' || verdict.status === 'removed') ? 'warning' : 'muted'}
            action={
              description.definitionFile && (
                <button type="button" className="button" onClick={() => void openDefinition(studio, description.definitionFile!)}>
                  <span className="codicon codicon-go-to-file" aria-hidden="true" /> Open {description.definitionFile}
                </button>
              )
            }
          >
            <p className="details-verdict">
              The node&apos;s protocol {driftText('differs', description.definitionFile)}.{' '}
              {verdict ? <>This message: <VerdictBadge verdict={verdict} /></> : 'The host gave no verdict for this message.'}
            </p>
            {verdict && verdict.reasons.length > 0 && (
              <ul className="details-reasons" aria-label="Reasons">
                {verdict.reasons.map((reason) => (
                  <li key={reason}><code>{reason}</code></li>
                ))}
              </ul>
            )}
          </Notice>
        </Section>
      )}

      <Section title="Request">
        <TypeTree items={message.request} label={`Request parameters of ${message.name}`} emptyText="No parameters." />
      </Section>
      <Section title="Response">
        {message.oneWay ? <p className="details-none">None: the message is one-way.</p> : <TypeTree items={response} label={`Response of ${message.name}`} />}
      </Section>
      <Section title="Declared errors">
        <TypeTree items={errors} label={`Declared errors of ${message.name}`} initialDepth={0} emptyText="None declared (failures arrive as system errors, a string)." />
      </Section>
    </div>
  );
}
