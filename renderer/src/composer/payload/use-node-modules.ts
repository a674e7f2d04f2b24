/**
 * A node's module descriptions (asked for once, cached by the connections store): the payload
 * editor offers their schemas, and output trees decode payloads with them, since a node's
 * answers name their schema by fingerprint without carrying it.
 */
import { useEffect, useMemo } from 'react';
import type { ModuleDescription } from '../../../../shared/studio/api.js';
import { useSlice, useStudio } from '../../app/studio.js';
import type { AsyncSlot } from '../../stores/connections-store.js';
import { nodeKey } from '../../stores/connections-store.js';
import { knownSchemas, schemaChoices, type KnownSchemas, type SchemaChoice } from './payload-value.js';

export interface NodeRef {
  connectionId: string;
  nodeId: string;
}

export interface NodeModules {
  slot: AsyncSlot<ModuleDescription[]> | undefined;
  choices: SchemaChoice[];
  known: KnownSchemas;
}

const NONE: ModuleDescription[] = [];

export function useNodeModules(target: NodeRef | null): NodeModules {
  const studio = useStudio();
  const key = target ? nodeKey(target.connectionId, target.nodeId) : null;
  const slot = useSlice(studio.connections, (s) => (key ? s.modules[key] : undefined));
  const connectionId = target?.connectionId;
  const nodeId = target?.nodeId;
  useEffect(() => {
    if (connectionId !== undefined && nodeId !== undefined) void studio.connections.getState().describeModules(connectionId, nodeId);
  }, [studio, connectionId, nodeId]);
  const modules = slot?.value ?? NONE;
  const choices = useMemo(() => schemaChoices(modules), [modules]);
  const known = useMemo(() => knownSchemas(choices), [choices]);
  return { slot, choices, known };
}
