/**
 * Stops a container after asking: the node stops and removes it, so whatever ran inside is
 * gone and its node leaves the connection. Nothing in the studio can bring it back.
 */
import type { ClusterNode, ContainerSummary } from '../../../shared/studio/api.js';
import type { Studio } from '../app/studio.js';
import { shortContainerId } from './container-facts.js';
import { containersStoreOf } from './containers-store.js';

/** Resolves with whether the container was stopped (a failure shows beside it). */
export async function stopContainer(studio: Studio, host: ClusterNode, container: ContainerSummary): Promise<boolean> {
  const id = shortContainerId(container.containerId);
  const choice = await studio.dialog.getState().ask({
    title: `Stop the container ${id}?`,
    message: `${host.nodeId} stops and removes the container running ${container.image}. Its SPL node leaves the connection and calls to it fail; start a new container to run it again.`,
    choices: [
      { id: 'stop', label: 'Stop', primary: true },
      { id: 'cancel', label: 'Cancel' },
    ],
  });
  if (choice !== 'stop') return false;
  return containersStoreOf(studio).getState().stop(host.connectionId, host.nodeId, container.containerId);
}
