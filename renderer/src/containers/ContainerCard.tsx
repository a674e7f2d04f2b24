/**
 * One container of a node's engine: its image and state, when it was created, where its node
 * answers, the services it declares, and Stop (after asking; busy while the node works; the
 * node's message beside it when it refuses). When the cluster lists its node, a link shows it.
 */
import type { ReactNode } from 'react';
import type { ClusterNode, ContainerSummary } from '../../../shared/studio/api.js';
import { useStudio, useSlice } from '../app/studio.js';
import { Age } from '../cluster/clock.js';
import { Chips, Facts } from '../explorer/DetailsParts.js';
import { shortContainerId } from './container-facts.js';
import { containersStoreOf, stopKey } from './containers-store.js';
import { stopContainer } from './stop-container.js';
import './containers.css';

export interface ContainerCardProps {
  host: ClusterNode;
  container: ContainerSummary;
  /** Its node, when the connection lists it. */
  node?: ClusterNode;
  onShowNode?(node: ClusterNode): void;
}

/** How a state looks: running, on its way (created, restarting, paused), or stopped. */
export function statusTone(status: string): 'running' | 'pending' | 'stopped' {
  if (status === 'running') return 'running';
  if (status === 'exited' || status === 'dead' || status === 'removing') return 'stopped';
  return 'pending';
}

export function ContainerCard({ host, container, node, onShowNode }: ContainerCardProps) {
  const studio = useStudio();
  const store = containersStoreOf(studio);
  const key = stopKey(host.connectionId, host.nodeId, container.containerId);
  const stopping = useSlice(store, (s) => s.stopping[key] === true);
  const error = useSlice(store, (s) => s.stopErrors[key]);
  const id = shortContainerId(container.containerId);

  return (
    <li className="container-card" aria-label={`Container ${id}`} aria-busy={stopping || undefined}>
      <div className="container-card-head">
        <span className="codicon codicon-package container-icon" aria-hidden="true" />
        <span className="container-image" title={container.image}>{container.image}</span>
        <span className={`container-status is-${statusTone(container.status)}`}>{container.status}</span>
        <button
          type="button"
          className="button container-stop"
          disabled={stopping}
          aria-label={`Stop container ${id}`}
          title={`Stop and remove ${id}`}
          onClick={() => void stopContainer(studio, host, container)}
        >
          {stopping ? <><span className="codicon codicon-loading codicon-modifier-spin" aria-hidden="true" /> Stopping…</> : 'Stop'}
        </button>
      </div>
      <Facts
        items={[
          ['Id', <code key="id" title={container.containerId}>{id}</code>],
          ['Created', container.createdAt === null ? <span key="c" className="details-none">unknown</span> : <Age key="c" at={container.createdAt} />],
          ['Endpoint', container.endpoint === null ? <span key="e" className="details-none">none: it serves no Avro RPC</span> : <code key="e">{container.endpoint}</code>],
          ['Services', <Chips key="s" entries={container.exposedServices} />],
          ...(node
            ? [['Node', onShowNode ? <button key="n" type="button" className="link-button" onClick={() => onShowNode(node)}>{node.nodeId}</button> : <code key="n">{node.nodeId}</code>] as [string, ReactNode]]
            : []),
        ]}
      />
      {error && (
        <p className="container-error" role="alert">
          <span className="codicon codicon-error" aria-hidden="true" />
          <span>Could not stop {id}: {error}</span>
        </p>
      )}
    </li>
  );
}
