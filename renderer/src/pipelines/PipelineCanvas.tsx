/**
 * The canvas: React Flow over one pipeline document. The document is the truth; React Flow
 * only reports what the user did (drag, select, connect) and the sizes it measured, which are
 * kept here so that nodes rebuilt from the document stay measured. Deleting goes through the
 * pipeline commands (one undo step), not React Flow's own key handling.
 */
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useSlice, useStudio } from '../app/studio.js';
import { MODULE_DRAG_TYPE } from './palette-model.js';
import { chainOf } from './pipeline-graph.js';
import type { PipelineDocStore, StageModule } from './pipeline-doc-store.js';
import { pipelinesViewOf } from './pipelines-view-store.js';
import { StageNodeView, type StageFlowNode } from './StageNodeView.js';
import { TypedWire, type WireFlowEdge } from './TypedWire.js';
import type { TargetModules, WireCheck } from './wire-checks.js';

const nodeTypes = { stage: StageNodeView };
const edgeTypes = { typed: TypedWire };

interface Size {
  width: number;
  height: number;
}

export function PipelineCanvas({ doc, checks, target }: { doc: PipelineDocStore; checks: Map<string, WireCheck>; target: TargetModules }) {
  const studio = useStudio();
  const flow = useReactFlow<StageFlowNode, WireFlowEdge>();
  const docId = useSlice(doc, (s) => s.docId);
  const graph = useSlice(doc, (s) => s.graph);
  const selectedStages = useSlice(doc, (s) => s.selectedStages);
  const selectedWires = useSlice(doc, (s) => s.selectedWires);
  const theme = useSlice(studio.theme, (s) => s.theme);
  const measured = useRef(new Map<string, Size>());
  const [measuredVersion, setMeasuredVersion] = useState(0);
  // Hovering a wire anywhere along it shows its check, not only over its marker.
  const [hoveredWire, setHoveredWire] = useState<string | null>(null);
  const cache = useRef(new Map<string, { key: unknown[]; node: StageFlowNode }>());
  // Fit the view to the stages a pipeline opens with. React Flow would otherwise wait for the
  // first stage to be drawn, and an empty pipeline's first dropped stage would jump away from
  // the pointer to the middle of the canvas.
  const [fitOnOpen] = useState(() => doc.getState().graph.stages.length > 0);

  useEffect(() => {
    const view = pipelinesViewOf(studio).getState();
    view.setCanvas({ fitView: () => void flow.fitView({ padding: 0.2, maxZoom: 1, duration: 200 }) });
    return () => view.setCanvas(null);
  }, [studio, flow]);

  const nodes = useMemo(() => {
    const chain = chainOf(graph);
    const selected = new Set(selectedStages);
    const modules = target.status === 'ready' ? new Set(target.modules.map((m) => m.module)) : null;
    const next = new Map<string, { key: unknown[]; node: StageFlowNode }>();
    const list = graph.stages.map((stage) => {
      const at = chain.indexOf(stage.id);
      const size = measured.current.get(stage.id);
      const moduleNote = modules && !modules.has(stage.module) && target.status === 'ready' ? `not on ${target.node}` : undefined;
      const key = [stage, selected.has(stage.id), at, size?.width, size?.height, moduleNote, docId];
      const hit = cache.current.get(stage.id);
      // The same object when nothing changed, so React Flow keeps its measurements and handles.
      if (hit && hit.key.every((v, i) => v === key[i])) {
        next.set(stage.id, hit);
        return hit.node;
      }
      const node: StageFlowNode = {
        id: stage.id,
        type: 'stage',
        position: stage.position,
        selected: selected.has(stage.id),
        data: { docId, stage, index: at < 0 ? null : at + 1, moduleNote },
        ...(size ? { measured: size } : {}),
      };
      next.set(stage.id, { key, node });
      return node;
    });
    cache.current = next;
    return list;
    // Sizes live in a ref; measuredVersion says they changed.
  }, [graph, selectedStages, target, docId, measuredVersion]);

  const edges = useMemo<WireFlowEdge[]>(() => {
    const selected = new Set(selectedWires);
    const moduleOf = new Map(graph.stages.map((stage) => [stage.id, stage.module]));
    return graph.wires.map((w) => ({
      id: w.id,
      source: w.source,
      target: w.target,
      type: 'typed',
      selected: selected.has(w.id),
      // React Flow's own label names the stages by their internal ids ("Edge from s1 to s2").
      ariaLabel: `Wire from ${moduleOf.get(w.source) ?? w.source} to ${moduleOf.get(w.target) ?? w.target}`,
      data: { check: checks.get(w.id) ?? { state: 'checking', note: 'Checking…' }, hovered: w.id === hoveredWire },
    }));
  }, [graph.stages, graph.wires, selectedWires, checks, hoveredWire]);

  const onNodesChange = useCallback((changes: NodeChange<StageFlowNode>[]) => {
    const live: { id: string; position: { x: number; y: number } }[] = [];
    const ended: { id: string; position: { x: number; y: number } }[] = [];
    let sizes = false;
    let selection: Set<string> | null = null;
    for (const change of changes) {
      if (change.type === 'dimensions' && change.dimensions) {
        measured.current.set(change.id, change.dimensions);
        sizes = true;
      } else if (change.type === 'position' && change.position) {
        (change.dragging ? live : ended).push({ id: change.id, position: change.position });
      } else if (change.type === 'select') {
        selection ??= new Set(doc.getState().selectedStages);
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
      }
    }
    if (sizes) setMeasuredVersion((v) => v + 1);
    if (live.length > 0) doc.getState().moveStages(live, 'live');
    if (ended.length > 0) doc.getState().moveStages(ended, 'end');
    if (selection) doc.getState().select([...selection], doc.getState().selectedWires);
  }, [doc]);

  const onEdgesChange = useCallback((changes: EdgeChange<WireFlowEdge>[]) => {
    let selection: Set<string> | null = null;
    for (const change of changes) {
      if (change.type !== 'select') continue;
      selection ??= new Set(doc.getState().selectedWires);
      if (change.selected) selection.add(change.id);
      else selection.delete(change.id);
    }
    if (selection) doc.getState().select(doc.getState().selectedStages, [...selection]);
  }, [doc]);

  const onConnect = useCallback((connection: Connection) => {
    const problem = doc.getState().connect(connection.source, connection.target);
    if (problem) studio.notifications.getState().push(problem, 'info');
  }, [doc, studio]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(MODULE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback((event: DragEvent) => {
    const text = event.dataTransfer.getData(MODULE_DRAG_TYPE);
    if (!text) return;
    event.preventDefault();
    const module = JSON.parse(text) as StageModule;
    // The node's top left corner lands a little up and left of the pointer, as if held by its title.
    const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    doc.getState().addStage(module, { position: { x: at.x - 20, y: at.y - 16 } });
  }, [doc, flow]);

  return (
    <div className="pipelines-canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<StageFlowNode, WireFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onEdgeMouseEnter={(_, edge) => setHoveredWire(edge.id)}
        onEdgeMouseLeave={() => setHoveredWire(null)}
        colorMode={theme === 'light' ? 'light' : 'dark'}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        fitView={fitOnOpen}
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        minZoom={0.2}
        maxZoom={2}
        aria-label="Pipeline canvas"
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable ariaLabel="Overview of the pipeline" style={{ width: 160, height: 100 }} />
      </ReactFlow>
    </div>
  );
}
