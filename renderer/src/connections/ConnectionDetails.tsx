/**
 * One connection: its state (and, when it failed, why and what to do), URL, kind, whether a
 * token is stored, how many nodes it has; Edit and Remove for the workspace's connections.
 */
import type { ReactNode } from 'react';
import { LOCAL_CONNECTION_ID, type ConnectionStatus } from '../../../shared/studio/api.js';
import { useStudio, useSlice } from '../app/studio.js';
import { DetailsHeader, Facts, Notice } from '../explorer/DetailsParts.js';
import { refreshConnections } from './use-connections.js';
import { ConnectionStateIcon, KIND_LABELS, STATE_LABELS, kindIcon } from './ConnectionStateIcon.js';
import { removeConnection } from './remove-connection.js';

export interface ConnectionDetailsProps {
  connection: ConnectionStatus;
  onEdit(connection: ConnectionStatus): void;
}

export function ConnectionDetails({ connection, onEdit }: ConnectionDetailsProps) {
  const studio = useStudio();
  const nodeCount = useSlice(studio.connections, (s) => s.nodes[connection.id]?.length ?? 0);
  const local = connection.id === LOCAL_CONNECTION_ID;
  return (
    <div className="details">
      <DetailsHeader
        icon={kindIcon(connection)}
        title={connection.name}
        subtitle={KIND_LABELS[connection.kind]}
        actions={
          !local && (
            <>
              <button type="button" className="button" onClick={() => onEdit(connection)}>
                <span className="codicon codicon-edit" aria-hidden="true" /> Edit
              </button>
              <button type="button" className="button" onClick={() => void removeConnection(studio, connection)}>
                <span className="codicon codicon-trash" aria-hidden="true" /> Remove
              </button>
            </>
          )
        }
      />
      {connection.state === 'error' && (
        <Notice
          tone="error"
          action={
            <button type="button" className="button" onClick={() => void refreshConnections(studio)}>Check again</button>
          }
        >
          <p>{connection.error ?? 'The studio could not connect.'}</p>
          {!local && <p className="details-hint">If the URL, token or CA file is wrong, fix it with Edit; the studio connects again when you save.</p>}
        </Notice>
      )}
      <Facts
        items={[
          ['State', <span key="state" className="details-state"><ConnectionStateIcon connection={connection} /> {STATE_LABELS[connection.state]}</span>],
          ['URL', <code key="url">{connection.url}</code>],
          ...(connection.caFile ? [['CA file', <code key="ca">{connection.caFile}</code>] as [string, ReactNode]] : []),
          ['Token', connection.hasToken ? 'stored in your user settings' : 'none'],
          ['Nodes', String(nodeCount)],
          ...(local ? [['Note', 'The local runtime is always there; it cannot be edited or removed.'] as [string, string]] : []),
        ]}
      />
    </div>
  );
}
