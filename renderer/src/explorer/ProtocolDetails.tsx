/**
 * One protocol as a node serves it: name, doc, namespace and hash, how it compares with the
 * workspace (a verdict per message, with reasons), and its named types.
 */
import { useMemo } from 'react';
import type { Protocol } from '../../../shared/avro/model.js';
import type { ClusterNode, ProtocolDescription } from '../../../shared/studio/api.js';
import { useStudio } from '../app/studio.js';
import { DetailsHeader, Facts, Notice, Section } from './DetailsParts.js';
import { DriftBadge, VerdictBadge, driftText } from './DriftBadge.js';
import { explorerStoreOf } from './explorer-store.js';
import { openDefinition } from './open-from-explorer.js';
import { TypeTree, type TypeTreeItem } from './TypeTree.js';

export interface ProtocolDetailsProps {
  node: ClusterNode;
  description: ProtocolDescription;
  protocol: Protocol;
}

export function ProtocolDetails({ node, description, protocol }: ProtocolDetailsProps) {
  const studio = useStudio();
  const types = useMemo<TypeTreeItem[]>(() => protocol.types.map((type) => ({ name: '', type })), [protocol]);
  const selectMessage = (message: string) =>
    explorerStoreOf(studio).getState().select({ connectionId: node.connectionId, nodeId: node.nodeId, protocol: description.name, message });

  return (
    <div className="details">
      <DetailsHeader icon="codicon-symbol-interface" title={protocol.protocol} subtitle={<>{description.name} on {node.nodeId}</>} />
      {protocol.doc && <p className="details-doc">{protocol.doc}</p>}
      <Facts
        items={[
          ['Namespace', protocol.namespace ?? '(none)'],
          ['Hash', <code key="md5">{description.md5}</code>],
          ['Messages', String(protocol.messages.length)],
          ['Workspace', description.drift === 'same' ? driftText('same', description.definitionFile) : <DriftBadge key="drift" drift={description.drift} definitionFile={description.definitionFile} />],
        ]}
      />
      {description.definitionFile && (
        <p>
          <button type="button" className="button" onClick={() => void openDefinition(studio, description.definitionFile!)}>
            <span className="codicon codicon-go-to-file" aria-hidden="true" /> Open {description.definitionFile}
          </button>
        </p>
      )}

      {description.drift === 'differs' && (
        <Section title="Messages against the workspace">
          {description.messages && description.messages.length > 0 ? (
            <table className="details-table">
              <thead>
                <tr>
                  <th scope="col">Message</th>
                  <th scope="col">Status</th>
                  <th scope="col">Reasons</th>
                </tr>
              </thead>
              <tbody>
                {description.messages.map((m) => (
                  <tr key={m.message}>
                    <td>
                      {protocol.messages.some((pm) => pm.name === m.message) ? (
                        <button type="button" className="link-button" onClick={() => selectMessage(m.message)}>{m.message}</button>
                      ) : (
                        m.message
                      )}
                    </td>
                    <td><VerdictBadge verdict={m} /></td>
                    <td>
                      {m.reasons.length === 0 ? <span className="details-none">—</span> : (
                        <ul className="details-reasons">
                          {m.reasons.map((r) => <li key={r}><code>{r}</code></li>)}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Notice tone="muted">The host compared the protocols but gave no verdict per message.</Notice>
          )}
        </Section>
      )}

      <Section title="Types">
        <TypeTree items={types} label={`Types of ${protocol.protocol}`} initialDepth={0} emptyText="No named types." />
      </Section>
    </div>
  );
}
