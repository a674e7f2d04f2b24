/**
 * What the pipeline view needs from the connections store: the nodes it can target, their
 * modules (described on demand, cached by the store), the default target, and the check of
 * every wire against the target's module schemas.
 */
import { useEffect, useMemo } from 'react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useSlice, type Studio } from '../app/studio.js';
import { nodeKey } from '../stores/connections-store.js';
import type { NodeModules } from './palette-model.js';
import type { PipelineDocState, PipelineDocStore, PipelineTarget } from './pipeline-doc-store.js';
import { availableNodes, defaultTarget, sameTarget, type TargetNode } from './target.js';
import { checkWire, type TargetModules, type WireCheck } from './wire-checks.js';

// A store that holds nothing, for hooks called before a document is open (hooks cannot be conditional).
const NO_DOC = createStore<PipelineDocState | null>()(() => null);
const docOrNothing = (doc: PipelineDocStore | null): StoreApi<PipelineDocState | null> => doc ?? NO_DOC;

/** A slice of a document that may not be open (then `fallback`). */
export function useDocSlice<T>(doc: PipelineDocStore | null, selector: (state: PipelineDocState) => T, fallback: T): T {
  return useSlice(docOrNothing(doc), (s) => (s ? selector(s) : fallback));
}

export function useAvailableNodes(studio: Studio): TargetNode[] {
  const connections = useSlice(studio.connections, (s) => s.connections);
  const nodes = useSlice(studio.connections, (s) => s.nodes);
  return useMemo(() => availableNodes(connections, nodes), [connections, nodes]);
}

/** The target node's modules, asking the node for them when not known yet. */
export function useTargetModules(studio: Studio, target: PipelineTarget | null): TargetModules {
  const key = target ? nodeKey(target.connectionId, target.nodeId) : null;
  const slot = useSlice(studio.connections, (s) => (key ? s.modules[key] : undefined));
  useEffect(() => {
    if (target) void studio.connections.getState().describeModules(target.connectionId, target.nodeId);
  }, [studio, target]);
  return useMemo((): TargetModules => {
    if (!target) return { status: 'no-target' };
    if (slot?.value) return { status: 'ready', modules: slot.value, node: target.nodeId };
    if (slot?.status === 'error') return { status: 'error', error: `${target.nodeId} did not describe its modules: ${slot.error ?? 'no reason given'}` };
    return { status: 'loading' };
  }, [target, slot]);
}

/** Keeps a document's target on the default node until the user picks one. */
export function useDefaultTarget(studio: Studio, doc: PipelineDocStore | null): void {
  const candidates = useAvailableNodes(studio);
  const picked = useDocSlice(doc, (s) => s.targetPicked, true);
  const modules = useDocSlice(doc, (s) => s.graph.stages.map((x) => x.module).join('\n'), '');
  useEffect(() => {
    if (!doc || picked) return;
    const next = defaultTarget(candidates, modules === '' ? [] : modules.split('\n'));
    if (!sameTarget(next, doc.getState().target)) doc.getState().setTarget(next, false);
  }, [doc, picked, candidates, modules]);
}

/** The modules of every node that is up, for the palette; nodes are described as they appear. */
export function usePaletteSources(studio: Studio): { sources: NodeModules[]; loading: boolean; errors: string[] } {
  const candidates = useAvailableNodes(studio);
  const slots = useSlice(studio.connections, (s) => s.modules);
  useEffect(() => {
    for (const c of candidates) void studio.connections.getState().describeModules(c.connectionId, c.nodeId);
  }, [studio, candidates]);
  return useMemo(() => {
    const sources: NodeModules[] = [];
    const errors: string[] = [];
    let loading = false;
    for (const c of candidates) {
      const slot = slots[nodeKey(c.connectionId, c.nodeId)];
      if (slot?.value) sources.push({ node: nodeKey(c.connectionId, c.nodeId), modules: slot.value });
      if (!slot || slot.status === 'loading') loading = true;
      if (slot?.status === 'error') errors.push(`${c.label}: ${slot.error ?? 'could not describe its modules'}`);
    }
    return { sources, loading, errors };
  }, [candidates, slots]);
}

/** The check of every wire of the document, by wire id. */
export function useWireChecks(doc: PipelineDocStore, target: TargetModules): Map<string, WireCheck> {
  const wires = useSlice(doc, (s) => s.graph.wires);
  // Positions do not change checks: only which module each stage runs.
  const modules = useSlice(doc, (s) => s.graph.stages.map((x) => `${x.id}=${x.module}`).join('\n'));
  return useMemo(() => {
    const moduleOf = new Map(modules.split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    const checks = new Map<string, WireCheck>();
    for (const wire of wires) checks.set(wire.id, checkWire(moduleOf.get(wire.source) ?? '', moduleOf.get(wire.target) ?? '', target));
    return checks;
  }, [wires, modules, target]);
}
