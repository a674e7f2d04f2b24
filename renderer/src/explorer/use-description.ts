/** A node's description for a view that shows it: asked for when missing, then cached by the store. */
import { useEffect } from 'react';
import type { ModuleDescription, NodeDescription } from '../../../shared/studio/api.js';
import { useSlice, type Studio } from '../app/studio.js';
import { nodeKey, type AsyncSlot } from '../stores/connections-store.js';

export function useDescription(studio: Studio, connectionId: string, nodeId: string, enabled = true): AsyncSlot<NodeDescription> | undefined {
  const key = nodeKey(connectionId, nodeId);
  const slot = useSlice(studio.connections, (s) => s.descriptions[key]);
  useEffect(() => {
    if (enabled && !slot) void studio.connections.getState().describe(connectionId, nodeId);
  }, [enabled, slot, studio, connectionId, nodeId]);
  return slot;
}

export function useModules(studio: Studio, connectionId: string, nodeId: string, enabled = true): AsyncSlot<ModuleDescription[]> | undefined {
  const key = nodeKey(connectionId, nodeId);
  const slot = useSlice(studio.connections, (s) => s.modules[key]);
  useEffect(() => {
    if (enabled && !slot) void studio.connections.getState().describeModules(connectionId, nodeId);
  }, [enabled, slot, studio, connectionId, nodeId]);
  return slot;
}
