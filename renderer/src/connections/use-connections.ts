/**
 * The views over the connections store load it when first shown: the store lists the
 * connections and nodes and from then on follows the host's events by itself.
 */
import { useEffect } from 'react';
import type { Studio } from '../app/studio.js';

export function useConnectionsLoaded(studio: Studio): void {
  useEffect(() => {
    if (!studio.connections.getState().loaded) void studio.connections.getState().load();
  }, [studio]);
}

/** Lists everything again and asks the described nodes to describe themselves afresh. */
export async function refreshConnections(studio: Studio): Promise<void> {
  const store = studio.connections.getState();
  await store.load();
  const { descriptions, modules, nodes } = studio.connections.getState();
  const present = new Set(Object.values(nodes).flat().map((n) => `${n.connectionId}/${n.nodeId}`));
  const again = (key: string) => {
    const slash = key.indexOf('/');
    return [key.slice(0, slash), key.slice(slash + 1)] as const;
  };
  await Promise.all([
    ...Object.keys(descriptions).filter((k) => present.has(k)).map((k) => store.describe(...again(k), true)),
    ...Object.keys(modules).filter((k) => present.has(k)).map((k) => store.describeModules(...again(k), true)),
  ]);
}
