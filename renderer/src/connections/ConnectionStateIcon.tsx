/** A connection's state at a glance: spinning while connecting, green when connected, red on error. */
import type { ConnectionStatus } from '../../../shared/studio/api.js';
import './connections.css';

const ICONS: Record<ConnectionStatus['state'], string> = {
  connecting: 'codicon-loading codicon-modifier-spin',
  connected: 'codicon-pass-filled',
  error: 'codicon-error',
};

export const STATE_LABELS: Record<ConnectionStatus['state'], string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  error: 'Not connected',
};

/** The tooltip: the state, and for an error what failed. */
export function stateTitle(connection: ConnectionStatus): string {
  return connection.state === 'error' && connection.error ? `${STATE_LABELS.error}: ${connection.error}` : STATE_LABELS[connection.state];
}

export function ConnectionStateIcon({ connection }: { connection: ConnectionStatus }) {
  return <span className={`connection-state codicon ${ICONS[connection.state]} is-${connection.state}`} role="img" aria-label={STATE_LABELS[connection.state]} title={stateTitle(connection)} />;
}

/** The codicon of a connection's kind. */
export function kindIcon(connection: ConnectionStatus): string {
  switch (connection.kind) {
    case 'local': return 'codicon-vm';
    case 'node': return 'codicon-server';
    case 'etcd':
    case 'registry': return 'codicon-server-environment';
  }
}

export const KIND_LABELS: Record<ConnectionStatus['kind'], string> = {
  local: 'Local runtime',
  node: 'Node by URL',
  etcd: 'etcd cluster',
  registry: 'Registry node',
};
