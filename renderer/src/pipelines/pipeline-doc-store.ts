/**
 * One open pipeline: its graph (stages with stable ids, wires), the selection, undo and redo,
 * the node it is checked against and run on, and its file on disk (load, save with the version
 * the edit started from, reload when someone else changes it). The run side reads it through
 * `pipelineDocOf(studio, docId)`; a document's id is its file's workspace path.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ModuleDescription, StudioApi, WorkspaceChange } from '../../../shared/studio/api.js';
import {
  layoutPath,
  parseLayout,
  parsePipelineFile,
  pipelineNameOf,
  serializeLayout,
  serializePipeline,
  type PipelineDefinitionValue,
} from '../../../shared/studio/pipeline-file.js';
import type { Dialog } from '../stores/dialog-store.js';
import { errorCode, errorMessage } from '../stores/documents-store.js';
import { emptyHistory, record, redo, undo, type EditHistory } from './edit-history.js';
import {
  autoLayout,
  chainOf,
  connect,
  connectProblem,
  definitionOf,
  graphOf,
  STAGE_SPACING,
  type ConfigRow,
  type PipelineGraph,
  type StageNode,
} from './pipeline-graph.js';

export type { PipelineDefinitionValue };

/** Which node the wire checks ask for module schemas, and where runs go. */
export interface PipelineTarget {
  connectionId: string;
  nodeId: string;
}

export type CurrentDefinition = { definition: PipelineDefinitionValue; stageIds: string[] } | { problem: string };

/** What a stage is made from: a module as a node describes it. */
export type StageModule = Pick<ModuleDescription, 'module' | 'inputSchema' | 'outputSchema'>;

export interface PipelineDocState {
  docId: string;
  /** `pipelines/<name>.json`. */
  path: string;
  status: 'loading' | 'ready' | 'error';
  /** Why the file could not be read or parsed (`path:line:col: what`). */
  loadError?: string;
  graph: PipelineGraph;
  /** Whether the graph differs from what is on disk. */
  dirty: boolean;
  /** Set when the file changed on disk while there were unsaved edits here. */
  changedOnDisk: 'changed' | 'deleted' | null;
  saving: boolean;
  history: EditHistory<PipelineGraph>;
  /** Selected stage ids and wire ids. */
  selectedStages: string[];
  selectedWires: string[];
  target: PipelineTarget | null;
  /** Whether the user chose the target (else the view keeps the default up to date). */
  targetPicked: boolean;
  /** Every stage on the canvas, in canvas order (chain or not). */
  stageIds: string[];

  /** The definition the canvas stands for (stages in chain order, with their ids), or why there is none. */
  currentDefinition(): CurrentDefinition;

  load(): Promise<void>;
  /** Saves the pipeline and its layout; false (having told the user why) when it did not. */
  save(): Promise<boolean>;
  /** Replaces the graph with the file on disk, dropping unsaved edits (undoable). */
  reload(): Promise<void>;
  diskChanged(change: WorkspaceChange): Promise<void>;

  /** Adds a stage; with `after: 'chain'` it is placed and wired after the chain's last stage. Returns its id. */
  addStage(module: StageModule, where: { position: { x: number; y: number } } | { after: 'chain' }): string;
  /** Moves stages: `live` while dragging (no undo step), `end` when dropped (one step for the whole drag). */
  moveStages(moves: { id: string; position: { x: number; y: number } }[], phase: 'live' | 'end'): void;
  /** Wires source → target (replacing wires a stage may not keep); the reason when it cannot. */
  connect(source: string, target: string): string | undefined;
  deleteWires(ids: string[]): void;
  deleteStages(ids: string[]): void;
  /** Deletes the selected stages and wires. */
  deleteSelection(): void;
  setStageConfiguration(id: string, rows: ConfigRow[], tag?: string): void;
  setDescription(description: string): void;
  setGlobalConfig(rows: ConfigRow[], tag?: string): void;
  select(stages: string[], wires?: string[]): void;
  selectAll(): void;
  undo(): void;
  redo(): void;
  autoLayout(): void;
  setTarget(target: PipelineTarget | null, picked: boolean): void;
}

export type PipelineDocStore = StoreApi<PipelineDocState>;

export interface PipelineDocDeps {
  workspace: StudioApi['workspace'];
  ask(dialog: Dialog): Promise<string | null>;
  notify(message: string, kind?: 'error' | 'info'): void;
}

const sameGraph = (a: PipelineGraph, b: PipelineGraph) => JSON.stringify(a) === JSON.stringify(b);

function emptyGraph(name: string): PipelineGraph {
  return { name, description: '', globalConfig: [], stages: [], wires: [] };
}

export function createPipelineDoc(docId: string, deps: PipelineDocDeps): PipelineDocStore {
  const path = docId;
  const layoutFile = layoutPath(pipelineNameOf(path) ?? path.replace(/^.*\//, '').replace(/\.json$/, ''));
  let nextId = 1;
  const newId = () => `s${nextId++}`;
  // What is on disk: the graph as last read or written, and the versions of both files.
  let savedGraph: PipelineGraph | null = null;
  let version: string | undefined;
  let layoutVersion: string | undefined;
  // The graph before the current drag began: a drag is one undo step.
  let beforeDrag: PipelineGraph | null = null;
  // Change events that arrive while saving are judged once the save knows its version.
  let eventsDuringSave: WorkspaceChange[] | null = null;
  let loadSeq = 0;

  return createStore<PipelineDocState>()((set, get) => {
    /** Replaces the graph as an edit: one undo step (or merged with the last one of the same tag). */
    function edit(next: PipelineGraph, tag: string | null = null): void {
      const { graph, history } = get();
      if (next === graph) return;
      beforeDrag = null;
      set({ graph: next, history: record(history, graph, tag), ...derived(next) });
    }

    function derived(graph: PipelineGraph) {
      const ids = new Set(graph.stages.map((s) => s.id));
      const wires = new Set(graph.wires.map((w) => w.id));
      return {
        dirty: savedGraph === null || !sameGraph(graph, savedGraph),
        stageIds: graph.stages.map((s) => s.id),
        selectedStages: get().selectedStages.filter((id) => ids.has(id)),
        selectedWires: get().selectedWires.filter((id) => wires.has(id)),
      };
    }

    /** Reads both files; the graph they make, or why the pipeline file cannot be read. */
    async function readFromDisk(): Promise<{ graph: PipelineGraph; version: string; layoutVersion?: string } | { error: string; missing?: boolean }> {
      let text: string;
      let fileVersion: string;
      try {
        ({ text, version: fileVersion } = await deps.workspace.read(path));
      } catch (error) {
        return { error: `Could not read ${path}: ${errorMessage(error)}`, missing: errorCode(error) === 'not-found' };
      }
      const parsed = parsePipelineFile(text, path);
      if ('error' in parsed) return { error: parsed.error };
      let positions: { x: number; y: number }[] | undefined;
      let readLayoutVersion: string | undefined;
      try {
        const layout = await deps.workspace.read(layoutFile);
        positions = parseLayout(layout.text)?.stages;
        readLayoutVersion = layout.version;
      } catch {
        // No layout (or an unreadable one): the stages are laid out automatically.
      }
      // Stages keep their ids by index across reloads, so run results stay with them.
      const ids = get().graph.stages.map((s) => s.id);
      while (ids.length < parsed.definition.stages.length) ids.push(newId());
      return { graph: graphOf(parsed.definition, positions, ids), version: fileVersion, layoutVersion: readLayoutVersion };
    }

    async function write(): Promise<boolean> {
      const current = definitionOf(get().graph);
      if ('problem' in current) {
        await deps.ask({ title: 'This pipeline cannot be saved as it is', message: current.problem, choices: [{ id: 'ok', label: 'OK', primary: true }] });
        return false;
      }
      const graph = get().graph;
      const byId = new Map(graph.stages.map((s) => [s.id, s]));
      const layout = serializeLayout({ stages: current.stageIds.map((id) => byId.get(id)!.position) });
      set({ saving: true });
      eventsDuringSave = [];
      try {
        let written: { version: string };
        try {
          written = await deps.workspace.write(path, serializePipeline(current.definition), version === undefined ? {} : { expectedVersion: version });
        } catch (error) {
          if (errorCode(error) !== 'conflict') throw error;
          const choice = await deps.ask({
            title: `${path} changed on disk`,
            message: 'Someone else saved this pipeline since you started editing it. Overwrite their version with yours, or reload theirs (your edits can be brought back with undo)?',
            choices: [
              { id: 'overwrite', label: 'Overwrite', primary: true },
              { id: 'reload', label: 'Reload theirs' },
              { id: 'cancel', label: 'Cancel' },
            ],
          });
          if (choice === 'reload') {
            await get().reload();
            return false;
          }
          if (choice !== 'overwrite') return false;
          written = await deps.workspace.write(path, serializePipeline(current.definition));
        }
        version = written.version;
        // The layout is the canvas's own business: last writer wins.
        layoutVersion = (await deps.workspace.write(layoutFile, layout)).version;
        savedGraph = graph;
        set({ changedOnDisk: null, ...derived(get().graph) });
        return true;
      } catch (error) {
        deps.notify(`Could not save ${path}: ${errorMessage(error)}`);
        return false;
      } finally {
        const events = eventsDuringSave ?? [];
        eventsDuringSave = null;
        set({ saving: false });
        for (const change of events) await get().diskChanged(change);
      }
    }

    return {
      docId,
      path,
      status: 'loading',
      graph: emptyGraph(pipelineNameOf(path) ?? ''),
      dirty: false,
      changedOnDisk: null,
      saving: false,
      history: emptyHistory(),
      selectedStages: [],
      selectedWires: [],
      target: null,
      targetPicked: false,
      stageIds: [],

      currentDefinition: () => definitionOf(get().graph),

      async load() {
        const seq = ++loadSeq;
        set({ status: 'loading', loadError: undefined });
        const read = await readFromDisk();
        if (seq !== loadSeq) return;
        if ('error' in read) {
          set({ status: 'error', loadError: read.error });
          return;
        }
        version = read.version;
        layoutVersion = read.layoutVersion;
        savedGraph = read.graph;
        set({ status: 'ready', graph: read.graph, history: emptyHistory(), changedOnDisk: null, ...derived(read.graph) });
      },

      save: write,

      async reload() {
        const seq = ++loadSeq;
        const read = await readFromDisk();
        if (seq !== loadSeq) return;
        if ('error' in read) {
          if (read.missing) set({ changedOnDisk: 'deleted' });
          else deps.notify(read.error);
          return;
        }
        version = read.version;
        layoutVersion = read.layoutVersion;
        savedGraph = read.graph;
        if (get().status !== 'ready') {
          set({ status: 'ready', loadError: undefined, graph: read.graph, history: emptyHistory(), changedOnDisk: null, ...derived(read.graph) });
          return;
        }
        // As an edit, so the user's own version is one undo away (unless nothing changed).
        if (!sameGraph(get().graph, read.graph)) edit(read.graph);
        set({ changedOnDisk: null, ...derived(get().graph) });
      },

      async diskChanged(change) {
        if (change.path !== path && change.path !== layoutFile) return;
        if (eventsDuringSave) {
          eventsDuringSave.push(change);
          return;
        }
        // Our own writes come back as events with the versions we already hold.
        if (change.type !== 'deleted' && (change.version === version || change.version === layoutVersion)) return;
        if (change.type === 'deleted' && change.path === layoutFile) return;
        if (change.type === 'deleted') {
          version = undefined;
          set({ changedOnDisk: 'deleted', dirty: true });
          return;
        }
        if (get().status === 'error') {
          await get().load();
          return;
        }
        if (get().dirty) {
          // Positions are the canvas's own: saving writes ours over theirs, no need to ask.
          if (change.path !== layoutFile) set({ changedOnDisk: 'changed' });
          return;
        }
        await get().reload();
      },

      addStage(module, where) {
        const { graph } = get();
        const id = newId();
        const chain = chainOf(graph);
        const last = graph.stages.find((s) => s.id === chain.at(-1));
        let position: { x: number; y: number };
        if ('position' in where) position = where.position;
        else if (last) position = { x: last.position.x + STAGE_SPACING.x, y: last.position.y };
        else position = { x: 40, y: 60 };
        const stage: StageNode = {
          id,
          module: module.module,
          configuration: [],
          inputSchema: module.inputSchema ?? null,
          outputSchema: module.outputSchema ?? null,
          position,
        };
        let next: PipelineGraph = { ...graph, stages: [...graph.stages, stage] };
        if ('after' in where && last) next = connect(next, last.id, id);
        edit(next);
        set({ selectedStages: [id], selectedWires: [] });
        return id;
      },

      moveStages(moves, phase) {
        const { graph, history } = get();
        const at = new Map(moves.map((m) => [m.id, m.position]));
        const next = { ...graph, stages: graph.stages.map((s) => (at.has(s.id) ? { ...s, position: at.get(s.id)! } : s)) };
        if (phase === 'live') {
          beforeDrag ??= graph;
          set({ graph: next, ...derived(next) });
          return;
        }
        const before = beforeDrag ?? graph;
        beforeDrag = null;
        if (sameGraph(before, next)) {
          set({ graph: next, ...derived(next) });
          return;
        }
        set({ graph: next, history: record(history, before, null), ...derived(next) });
      },

      connect(source, target) {
        const problem = connectProblem(get().graph, source, target);
        if (problem) return problem;
        edit(connect(get().graph, source, target));
        return undefined;
      },

      deleteWires(ids) {
        const drop = new Set(ids);
        const { graph } = get();
        if (!graph.wires.some((w) => drop.has(w.id))) return;
        edit({ ...graph, wires: graph.wires.filter((w) => !drop.has(w.id)) });
      },

      deleteStages(ids) {
        const drop = new Set(ids);
        const { graph } = get();
        if (!graph.stages.some((s) => drop.has(s.id))) return;
        // Deleting a stage in the middle of the chain joins its neighbours, as a list would.
        let next: PipelineGraph = {
          ...graph,
          stages: graph.stages.filter((s) => !drop.has(s.id)),
          wires: graph.wires.filter((w) => !drop.has(w.source) && !drop.has(w.target)),
        };
        for (const id of ids) {
          const incoming = graph.wires.find((w) => w.target === id);
          const outgoing = graph.wires.find((w) => w.source === id);
          if (!incoming || !outgoing) continue;
          let source: string | undefined = incoming.source;
          while (source !== undefined && drop.has(source)) source = graph.wires.find((w) => w.target === source)?.source;
          let target: string | undefined = outgoing.target;
          while (target !== undefined && drop.has(target)) target = graph.wires.find((w) => w.source === target)?.target;
          if (source !== undefined && target !== undefined && !connectProblem(next, source, target)) next = connect(next, source, target);
        }
        edit(next);
      },

      deleteSelection() {
        const { selectedStages, selectedWires, graph } = get();
        if (selectedStages.length > 0) {
          // Wires of deleted stages go with them; other selected wires go too.
          const stages = new Set(selectedStages);
          const wires = selectedWires.filter((id) => {
            const w = graph.wires.find((x) => x.id === id);
            return w && !stages.has(w.source) && !stages.has(w.target);
          });
          get().deleteStages(selectedStages);
          if (wires.length > 0) {
            // One undo step for the whole deletion.
            const { graph: afterStages, history } = get();
            const next = { ...afterStages, wires: afterStages.wires.filter((w) => !wires.includes(w.id)) };
            set({ graph: next, history: { ...history, lastTag: null }, ...derived(next) });
          }
        } else if (selectedWires.length > 0) {
          get().deleteWires(selectedWires);
        }
        set({ selectedStages: [], selectedWires: [] });
      },

      setStageConfiguration(id, rows, tag) {
        const { graph } = get();
        edit({ ...graph, stages: graph.stages.map((s) => (s.id === id ? { ...s, configuration: rows } : s)) }, tag ?? null);
      },

      setDescription(description) {
        edit({ ...get().graph, description }, 'description');
      },

      setGlobalConfig(rows, tag) {
        edit({ ...get().graph, globalConfig: rows }, tag ?? null);
      },

      select(stages, wires = []) {
        set({ selectedStages: stages, selectedWires: wires });
      },

      selectAll() {
        const { graph } = get();
        set({ selectedStages: graph.stages.map((s) => s.id), selectedWires: graph.wires.map((w) => w.id) });
      },

      undo() {
        const step = undo(get().history, get().graph);
        if (!step) return;
        beforeDrag = null;
        set({ graph: step.state, history: step.history, ...derived(step.state) });
      },

      redo() {
        const step = redo(get().history, get().graph);
        if (!step) return;
        beforeDrag = null;
        set({ graph: step.state, history: step.history, ...derived(step.state) });
      },

      autoLayout() {
        const next = autoLayout(get().graph);
        if (!sameGraph(next, get().graph)) edit(next);
      },

      setTarget(target, picked) {
        set({ target, targetPicked: picked });
      },
    };
  });
}

// ---- per studio --------------------------------------------------------------------------------

interface StudioLike {
  api: Pick<StudioApi, 'workspace' | 'on'>;
  dialog: StoreApi<{ ask(dialog: Dialog): Promise<string | null> }>;
  notifications: StoreApi<{ push(message: string, kind?: 'error' | 'info'): void }>;
}

const docs = new WeakMap<object, Map<string, PipelineDocStore>>();

/**
 * The document of a pipeline file (`docId` is its workspace path), created on first use; call
 * `load()` to read it. The same store for the same studio and id, for the canvas and the run
 * side alike.
 */
export function pipelineDocOf(studio: StudioLike, docId: string): PipelineDocStore {
  let byId = docs.get(studio);
  if (!byId) {
    const open = (byId = new Map<string, PipelineDocStore>());
    docs.set(studio, open);
    // Open documents follow their files on disk, whether the view is shown or not.
    studio.api.on('workspace.change', (change) => {
      for (const doc of open.values()) void doc.getState().diskChanged(change);
    });
  }
  let doc = byId.get(docId);
  if (!doc) {
    doc = createPipelineDoc(docId, {
      workspace: studio.api.workspace,
      ask: (dialog) => studio.dialog.getState().ask(dialog),
      notify: (message, kind) => studio.notifications.getState().push(message, kind),
    });
    byId.set(docId, doc);
  }
  return doc;
}

/** Forgets a document (its file was deleted or renamed): the next pipelineDocOf starts afresh. */
export function forgetPipelineDoc(studio: object, docId: string): void {
  docs.get(studio)?.delete(docId);
}

/** Every document created for this studio so far, by id. */
export function openPipelineDocs(studio: object): ReadonlyMap<string, PipelineDocStore> {
  return docs.get(studio) ?? new Map();
}
