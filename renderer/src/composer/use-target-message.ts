/**
 * The message the composer's target names, from its node's description (described on demand):
 * what the form, the JSON schema and the fill buttons work from.
 */
import { useEffect } from 'react';
import type { Message, Protocol } from '../../../shared/avro/model.js';
import { useSlice, useStudio } from '../app/studio.js';
import { nodeKey } from '../stores/connections-store.js';
import { messageOf, type ComposerTarget } from './target-schema.js';

export type TargetMessage =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'error'; error: string }
  | { status: 'ready'; message: Message; protocol: Protocol };

export function useTargetMessage(target: ComposerTarget): TargetMessage {
  const studio = useStudio();
  const hasNode = target.connectionId !== '' && target.nodeId !== '';
  const slot = useSlice(studio.connections, (s) => (hasNode ? s.descriptions[nodeKey(target.connectionId, target.nodeId)] : undefined));

  useEffect(() => {
    if (hasNode && !slot) void studio.connections.getState().describe(target.connectionId, target.nodeId);
  }, [studio, hasNode, slot, target.connectionId, target.nodeId]);

  if (!hasNode || target.protocol === '' || target.message === '') return { status: 'none' };
  if (!slot?.value) {
    if (slot?.status === 'error') return { status: 'error', error: `Node ${target.nodeId} could not be described: ${slot.error ?? 'no reason given'}` };
    return { status: 'loading' };
  }
  const found = messageOf(slot.value, target);
  if (!found) return { status: 'none' };
  return 'error' in found ? { status: 'error', error: found.error } : { status: 'ready', ...found };
}
