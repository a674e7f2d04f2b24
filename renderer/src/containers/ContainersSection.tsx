/**
 * A node's containers, in its details (cluster browser, explorer): what its engine runs, with
 * Refresh and Stop, and a form to start another. A node without an engine says how to give it
 * one. Render it with a key per node, so a half-typed form never carries over to another node.
 */
import { useEffect, useMemo } from 'react';
import type { ClusterNode } from '../../../shared/studio/api.js';
import { useStudio, useSlice } from '../app/studio.js';
import { Notice, Section } from '../explorer/DetailsParts.js';
import { nodeKey } from '../stores/connections-store.js';
import { ContainerCard } from './ContainerCard.js';
import { NO_ENGINE_TEXT, containerEngineOf, nodeOfContainer } from './container-facts.js';
import { containersStoreOf } from './containers-store.js';
import { StartContainerForm } from './StartContainerForm.js';
import './containers.css';

const NO_NODES: readonly ClusterNode[] = [];

export interface ContainersSectionProps {
  node: ClusterNode;
  /** Where container nodes show up, for the message after starting one: "the node table". */
  nodesShowIn: string;
  /** Shows a container's node (selects it where the section is). */
  onShowNode?(node: ClusterNode): void;
}

export function ContainersSection({ node, nodesShowIn, onShowNode }: ContainersSectionProps) {
  const engine = containerEngineOf(node);
  if (!engine) {
    return (
      <Section title="Containers">
        <Notice tone="muted">{NO_ENGINE_TEXT}</Notice>
      </Section>
    );
  }
  return <EngineContainers node={node} engine={engine} nodesShowIn={nodesShowIn} onShowNode={onShowNode} />;
}

function EngineContainers({ node, engine, nodesShowIn, onShowNode }: ContainersSectionProps & { engine: string }) {
  const studio = useStudio();
  const store = containersStoreOf(studio);
  const slot = useSlice(store, (s) => s.lists[nodeKey(node.connectionId, node.nodeId)]);
  const nodes = useSlice(studio.connections, (s) => s.nodes[node.connectionId]) ?? NO_NODES;
  const refresh = () => void store.getState().list(node.connectionId, node.nodeId, true);

  useEffect(() => {
    if (!slot) void store.getState().list(node.connectionId, node.nodeId);
  }, [slot, store, node.connectionId, node.nodeId]);

  const containers = slot?.value;
  const cards = useMemo(
    () => containers?.map((c) => ({ container: c, node: nodeOfContainer(node, c.containerId, nodes) })),
    [containers, node, nodes],
  );
  const loading = slot === undefined || slot.status === 'loading';
  const refreshButton = (
    <button type="button" className="icon-button containers-refresh" title="Refresh" aria-label={`Refresh the containers of ${node.nodeId}`} disabled={loading} onClick={refresh}>
      <span className={`codicon ${loading ? 'codicon-loading codicon-modifier-spin' : 'codicon-refresh'}`} aria-hidden="true" />
    </button>
  );

  return (
    <>
      <Section title="Containers" aside={refreshButton}>
        <p className="containers-engine">Engine <code>{engine}</code></p>
        {cards ? (
          cards.length === 0 ? (
            <p className="details-none">No SPL containers on this engine yet: start one below.</p>
          ) : (
            <ul className="container-list" aria-label={`Containers of ${node.nodeId}`}>
              {cards.map(({ container, node: joined }) => (
                <ContainerCard key={container.containerId} host={node} container={container} node={joined} onShowNode={onShowNode} />
              ))}
            </ul>
          )
        ) : slot?.status === 'error' ? (
          <Notice tone="error" action={<button type="button" className="button" onClick={refresh}>Try again</button>}>
            Could not list the containers of {node.nodeId}: {slot.error}
          </Notice>
        ) : (
          <Notice tone="loading">Asking {node.nodeId} for its containers…</Notice>
        )}
      </Section>
      <Section title="Start container">
        <StartContainerForm host={node} nodesShowIn={nodesShowIn} onShowNode={onShowNode} />
      </Section>
    </>
  );
}
