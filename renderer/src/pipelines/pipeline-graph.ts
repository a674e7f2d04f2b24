/**
 * The canvas's model of a pipeline: stages with stable ids and positions, and the wires between
 * them. A pipeline runs its stages in order, so the graph is kept linear: at most one wire into
 * and one out of each stage, no cycles. The stages that run are the chain the wires make; any
 * other stage is on the canvas but would not run.
 */
import type { PipelineDefinitionValue } from '../../../shared/studio/pipeline-file.js';

export interface ConfigRow {
  key: string;
  value: string;
}

export interface StageNode {
  /** Stable for the life of the open document (`s1`, `s2`…); never reused within it. */
  id: string;
  module: string;
  /** As rows, so a row can be half typed (empty key) while editing. */
  configuration: ConfigRow[];
  inputSchema: string | null;
  outputSchema: string | null;
  position: { x: number; y: number };
}

export interface Wire {
  /** `${source}->${target}`: at most one wire per pair. */
  id: string;
  source: string;
  target: string;
}

/** One undoable state of a document. Immutable: edits make a new one. */
export interface PipelineGraph {
  name: string;
  description: string;
  globalConfig: ConfigRow[];
  stages: StageNode[];
  wires: Wire[];
}

export const wireId = (source: string, target: string) => `${source}->${target}`;

export const STAGE_SPACING = { x: 300, y: 170 };
const ORIGIN = { x: 40, y: 60 };

export function rowsOf(map: Record<string, string>): ConfigRow[] {
  return Object.entries(map).map(([key, value]) => ({ key, value }));
}

/**
 * The stages that run, in order: the longest path the wires make (the first such, in stage
 * order, when several are as long). An empty graph has an empty chain.
 */
export function chainOf(graph: PipelineGraph): string[] {
  const next = new Map<string, string>();
  const hasIncoming = new Set<string>();
  for (const w of graph.wires) {
    next.set(w.source, w.target);
    hasIncoming.add(w.target);
  }
  let best: string[] = [];
  for (const stage of graph.stages) {
    if (hasIncoming.has(stage.id)) continue;
    const path = [stage.id];
    const seen = new Set(path);
    for (let at = next.get(stage.id); at !== undefined && !seen.has(at); at = next.get(at)) {
      path.push(at);
      seen.add(at);
    }
    if (path.length > best.length) best = path;
  }
  return best;
}

/** Stages not on the chain: on the canvas, but they would not run. */
export function unconnectedStages(graph: PipelineGraph): StageNode[] {
  const chain = new Set(chainOf(graph));
  return graph.stages.filter((s) => !chain.has(s.id));
}

/** Why `source → target` cannot be wired, or undefined when it can (replacing wires it displaces). */
export function connectProblem(graph: PipelineGraph, source: string, target: string): string | undefined {
  if (source === target) return 'A stage cannot feed itself.';
  const ids = new Set(graph.stages.map((s) => s.id));
  if (!ids.has(source) || !ids.has(target)) return 'That stage is no longer on the canvas.';
  // Following target's outgoing wires (ignoring the one source would lose) must not reach source.
  const next = new Map(graph.wires.filter((w) => w.source !== source && w.target !== target).map((w) => [w.source, w.target]));
  for (let at: string | undefined = target; at !== undefined; at = next.get(at)) {
    if (at === source) return 'That wire would make a loop: a pipeline runs its stages once, in order.';
  }
  return undefined;
}

/**
 * Wires `source → target`, replacing source's outgoing and target's incoming wire (a stage has
 * at most one of each). Check connectProblem first.
 */
export function connect(graph: PipelineGraph, source: string, target: string): PipelineGraph {
  const wires = graph.wires.filter((w) => w.source !== source && w.target !== target);
  return { ...graph, wires: [...wires, { id: wireId(source, target), source, target }] };
}

/** Left to right along the chain; stages off the chain on a row below, in stage order. */
export function autoLayout(graph: PipelineGraph): PipelineGraph {
  const chain = chainOf(graph);
  const at = new Map<string, { x: number; y: number }>();
  chain.forEach((id, i) => at.set(id, { x: ORIGIN.x + i * STAGE_SPACING.x, y: ORIGIN.y }));
  let column = 0;
  for (const stage of graph.stages) {
    if (at.has(stage.id)) continue;
    at.set(stage.id, { x: ORIGIN.x + column++ * STAGE_SPACING.x, y: ORIGIN.y + STAGE_SPACING.y });
  }
  return { ...graph, stages: graph.stages.map((s) => ({ ...s, position: at.get(s.id) ?? s.position })) };
}

/**
 * The graph of a definition: one stage per definition stage, wired in order. Positions come
 * from the layout when it has one for every stage, else from auto-layout. `ids` gives the
 * stages their ids (by index) so that a reload keeps what hangs off them.
 */
export function graphOf(
  definition: PipelineDefinitionValue,
  positions: { x: number; y: number }[] | undefined,
  ids: string[],
): PipelineGraph {
  const stages: StageNode[] = definition.stages.map((s, i) => ({
    id: ids[i],
    module: s.module,
    configuration: rowsOf(s.configuration),
    inputSchema: s.inputSchema,
    outputSchema: s.outputSchema,
    position: positions?.[i] ?? { x: 0, y: 0 },
  }));
  const wires: Wire[] = [];
  for (let i = 1; i < stages.length; i++) wires.push({ id: wireId(stages[i - 1].id, stages[i].id), source: stages[i - 1].id, target: stages[i].id });
  const graph: PipelineGraph = {
    name: definition.name,
    description: definition.description ?? '',
    globalConfig: rowsOf(definition.globalConfig),
    stages,
    wires,
  };
  return positions && positions.length === stages.length ? graph : autoLayout(graph);
}

/** Why config rows cannot become a map (`where` names them), or the map. */
export function configMap(rows: ConfigRow[], where: string): { map: Record<string, string> } | { problem: string } {
  const map: Record<string, string> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (key === '') {
      if (row.value === '') continue;
      return { problem: `${where}: a configuration value "${row.value}" has no key: give it one or remove the row.` };
    }
    if (Object.hasOwn(map, key)) return { problem: `${where}: configuration key "${key}" is set twice: keep one.` };
    map[key] = row.value;
  }
  return { map };
}

/** A stage as people name it: its position in the chain or on the canvas, and its module. */
export function stageLabel(graph: PipelineGraph, id: string): string {
  const index = graph.stages.findIndex((s) => s.id === id);
  const stage = graph.stages[index];
  return stage ? `stage ${index + 1} (${stage.module})` : 'a stage';
}

/**
 * The definition the graph stands for, with its stages in chain order and the stage ids by
 * index; or why it cannot be one (stages off the chain, configuration rows that are not a map).
 */
export function definitionOf(graph: PipelineGraph): { definition: PipelineDefinitionValue; stageIds: string[] } | { problem: string } {
  if (graph.stages.length === 0) return { problem: 'The pipeline has no stages: add one from the palette.' };
  const off = unconnectedStages(graph);
  if (off.length > 0) {
    const names = off.map((s) => stageLabel(graph, s.id)).join(', ');
    return {
      problem: `${names[0].toUpperCase()}${names.slice(1)} ${off.length === 1 ? 'is' : 'are'} not connected: ${off.length === 1 ? 'it' : 'they'} would not run. Wire ${off.length === 1 ? 'it' : 'them'} into the chain or delete ${off.length === 1 ? 'it' : 'them'}.`,
    };
  }
  const global = configMap(graph.globalConfig, 'Pipeline settings');
  if ('problem' in global) return global;
  const byId = new Map(graph.stages.map((s) => [s.id, s]));
  const stageIds = chainOf(graph);
  const stages = [];
  for (const id of stageIds) {
    const stage = byId.get(id)!;
    const configuration = configMap(stage.configuration, stageLabel(graph, id));
    if ('problem' in configuration) return configuration;
    stages.push({ module: stage.module, configuration: configuration.map, inputSchema: stage.inputSchema, outputSchema: stage.outputSchema });
  }
  const description = graph.description.trim() === '' ? null : graph.description;
  return { definition: { name: graph.name, stages, globalConfig: global.map, description }, stageIds };
}
