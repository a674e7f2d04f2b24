/**
 * Running one open pipeline from the studio: the run's input (Avro JSON text of
 * ExecuteRequest.value, the single source of truth the form reads and writes), its context rows,
 * the stages' pinned outputs, the per-stage results of the last run (live while it runs), and the
 * target node's registered pipelines. One store per studio and pipeline document.
 *
 * Everything about stages is keyed by the canvas's stage ids, never by position: the node speaks
 * in indices, so pins become indices only when a run is sent, and results come back to the ids
 * the run was sent with. Reordering the chain keeps each pin and result on its stage.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { parseAvroJsonText } from '../../../../shared/avro/avro-json.js';
import type { PipelineRunRequest, PipelineRunResult, StageRun, StudioApi } from '../../../../shared/studio/api.js';
import { serializePipeline } from '../../../../shared/studio/pipeline-file.js';
import { nodeKey } from '../../stores/connections-store.js';
import { errorMessage } from '../../stores/documents-store.js';
import { pipelineDocOf, type PipelineDocStore, type PipelineTarget } from '../pipeline-doc-store.js';
import { runInputSchema } from './execute-schemas.js';

/** One SPL header of the run (PipelineExecutionRequest.context). */
export interface ContextRow {
  id: number;
  key: string;
  value: string;
  enabled: boolean;
}

/** One stage of a run as sent: its canvas id and module, at its index. */
export interface RunStage {
  id: string;
  module: string;
}

/** `cancelled`: the user stopped it before it got to the end. */
export type RunOutcome = PipelineRunResult['outcome'] | 'cancelled';

export interface LastRun {
  runId: string;
  outcome: RunOutcome;
  durationMs: number;
  /** The last stage's ExecuteResponse (Avro JSON text), when the run got there. */
  output?: string;
  target: PipelineTarget;
}

export interface NodePipelines {
  /** The node listed (`connectionId/nodeId`). */
  key: string;
  status: 'loading' | 'ready' | 'error';
  /** While refreshing, the previous names stay. */
  names?: string[];
  error?: string;
}

export interface PipelineRunState {
  docId: string;
  /** Avro JSON text of ExecuteRequest.value: `null`, `{"string": …}`, `{"bytes": …}`, `{"spl.common.Payload": …}`. */
  input: string;
  context: ContextRow[];
  /** By stage id: the ExecuteResponse text that stands in for running that stage. */
  pins: Record<string, string>;
  /** By stage id: how the stage went in the last run (or is going in the run in flight). */
  results: Record<string, StageRun>;
  /** The run in flight. */
  runId: string | null;
  /** The stages of the run in flight, else of the last run, by index. */
  runStages: RunStage[];
  /** Whether the user asked to cancel the run in flight. */
  cancelling: boolean;
  last: LastRun | null;
  /** Why the last run did not go out, or failed as a whole; for people. */
  error: string | null;
  registering: boolean;
  /** Why the node refused the last registration (its stage and field paths), or why it was not sent. */
  registerError: string | null;
  /** What the last successful registration did, for people. */
  registered: string | null;
  nodePipelines: NodePipelines | null;

  setInput(text: string): void;
  addContext(row?: Partial<Omit<ContextRow, 'id'>>): void;
  updateContext(id: number, patch: Partial<Omit<ContextRow, 'id'>>): void;
  removeContext(id: number): void;
  /** The request run() would send (without its id) and its stages by index, or why it cannot go. */
  prepare(): { request: Omit<PipelineRunRequest, 'runId'>; stages: RunStage[] } | { error: string };
  /** Runs the pipeline on its target node; resolves with the node's result, or null when there is none. */
  run(): Promise<PipelineRunResult | null>;
  cancel(): Promise<void>;
  /** Registers the pipeline on its target node; false (with registerError saying why) when it was not. */
  register(): Promise<boolean>;
  /** Lists the target node's registered pipelines. */
  loadNodePipelines(): Promise<void>;
  /** A registered pipeline's definition text from the target node; undefined (having said why) when it cannot be read. */
  fetchNodePipeline(name: string): Promise<string | undefined>;
  /** Pins the stage's last output, so the next runs use it instead of running the stage; false when it has none (it failed or never ran). */
  pin(stageId: string): boolean;
  unpin(stageId: string): void;
}

export type PipelineRunStore = StoreApi<PipelineRunState>;

/** What the run side needs of the studio: the host and what the document store needs. */
export type RunStudio = Parameters<typeof pipelineDocOf>[0] & { api: Pick<StudioApi, 'pipelines' | 'on' | 'workspace'> };

let runSeq = 0;
/** Unique among this window's runs; the random part keeps two windows on one host apart. */
const newRunId = () => `run-${++runSeq}-${Math.random().toString(36).slice(2, 10)}`;

const targetProblem = 'Pick the node to run on first (the target above the canvas).';

export function createPipelineRun(docId: string, studio: RunStudio): PipelineRunStore {
  const api = studio.api;
  const doc = (): PipelineDocStore => pipelineDocOf(studio, docId);
  const notify = (message: string, kind?: 'error' | 'info') => studio.notifications.getState().push(message, kind);
  let rowSeq = 0;

  return createStore<PipelineRunState>()((set, get) => {
    /** The definition the canvas stands for, as Avro JSON text, with its stage ids; or why there is none. */
    const definition = (): { text: string; name: string; stages: RunStage[]; target: PipelineTarget } | { error: string } => {
      const state = doc().getState();
      if (!state.target) return { error: targetProblem };
      const current = state.currentDefinition();
      if ('problem' in current) return { error: current.problem };
      const stages = current.stageIds.map((id, i) => ({ id, module: current.definition.stages[i].module }));
      return { text: serializePipeline(current.definition), name: current.definition.name, stages, target: state.target };
    };

    return {
      docId,
      input: 'null',
      context: [],
      pins: {},
      results: {},
      runId: null,
      runStages: [],
      cancelling: false,
      last: null,
      error: null,
      registering: false,
      registerError: null,
      registered: null,
      nodePipelines: null,

      setInput(input) {
        set({ input });
      },

      addContext(row = {}) {
        set({ context: [...get().context, { id: ++rowSeq, key: '', value: '', enabled: true, ...row }] });
      },

      updateContext(id, patch) {
        set({ context: get().context.map((r) => (r.id === id ? { ...r, ...patch } : r)) });
      },

      removeContext(id) {
        set({ context: get().context.filter((r) => r.id !== id) });
      },

      prepare() {
        const found = definition();
        if ('error' in found) return found;
        try {
          parseAvroJsonText(runInputSchema(), get().input);
        } catch (error) {
          return { error: `The input is not a valid ExecuteRequest value: ${errorMessage(error)}. Fix it in the input form.` };
        }
        const context: Record<string, string> = {};
        for (const row of get().context) {
          if (!row.enabled || row.key.trim() === '') continue;
          if (row.key in context) return { error: `The context sets "${row.key}" twice: remove or switch off one of the rows.` };
          context[row.key] = row.value;
        }
        const pins: Record<string, string> = {};
        found.stages.forEach(({ id }, index) => {
          const pinned = get().pins[id];
          if (pinned !== undefined) pins[String(index)] = pinned;
        });
        return {
          stages: found.stages,
          request: {
            connectionId: found.target.connectionId,
            nodeId: found.target.nodeId,
            definition: found.text,
            input: get().input,
            ...(Object.keys(context).length > 0 ? { context } : {}),
            ...(Object.keys(pins).length > 0 ? { pins } : {}),
          },
        };
      },

      async run() {
        if (get().runId !== null) return null;
        const prepared = get().prepare();
        if ('error' in prepared) {
          set({ error: prepared.error });
          return null;
        }
        const { request, stages } = prepared;
        const stageIds = stages.map((s) => s.id);
        const runId = newRunId();
        const target = { connectionId: request.connectionId, nodeId: request.nodeId };
        // The previous run's results give way: a slot shows nothing until its stage reports.
        const results = { ...get().results };
        for (const id of stageIds) delete results[id];
        set({ runId, runStages: stages, cancelling: false, error: null, results });

        const record = (stage: StageRun) => {
          const id = stageIds[stage.index];
          if (id !== undefined) set({ results: { ...get().results, [id]: stage } });
        };
        // Listen before sending, so the first stage's start is not missed.
        const stop = api.on('pipeline.progress', (event) => {
          if (event.runId === runId) record(event.stage);
        });
        try {
          const result = await api.pipelines.run({ runId, ...request });
          stop();
          const next = { ...get().results };
          // A stage still "running" by the events never finished (the run was stopped).
          for (const id of stageIds) if (next[id]?.state === 'running') delete next[id];
          for (const stage of result.stages) {
            const id = stageIds[stage.index];
            if (id !== undefined) next[id] = stage;
          }
          const outcome: RunOutcome = get().cancelling && result.outcome !== 'ok' ? 'cancelled' : result.outcome;
          set({
            results: next,
            runId: null,
            cancelling: false,
            last: { runId, outcome, durationMs: result.durationMs, ...(result.output !== undefined ? { output: result.output } : {}), target },
          });
          return result;
        } catch (error) {
          stop();
          const next = { ...get().results };
          for (const id of stageIds) if (next[id]?.state === 'running') delete next[id];
          // The previous run's outcome no longer describes the stages shown.
          set({ results: next, runId: null, cancelling: false, last: null, error: `The run could not be carried out on ${target.nodeId}: ${errorMessage(error)}` });
          return null;
        }
      },

      async cancel() {
        const runId = get().runId;
        if (runId === null || get().cancelling) return;
        set({ cancelling: true });
        try {
          await api.pipelines.cancel(runId);
        } catch (error) {
          notify(`Could not cancel the run: ${errorMessage(error)}`);
        }
      },

      async register() {
        if (get().registering) return false;
        const found = definition();
        if ('error' in found) {
          set({ registerError: found.error, registered: null });
          return false;
        }
        set({ registering: true, registerError: null, registered: null });
        try {
          await api.pipelines.register(found.target.connectionId, found.target.nodeId, found.text);
        } catch (error) {
          set({ registering: false, registerError: `${found.target.nodeId} refused ${found.name}: ${errorMessage(error)}` });
          return false;
        }
        set({ registering: false, registered: `Registered ${found.name} on ${found.target.nodeId}.` });
        // The list shows the new name when it lists the same node.
        if (get().nodePipelines?.key === nodeKey(found.target.connectionId, found.target.nodeId)) await get().loadNodePipelines();
        return true;
      },

      async loadNodePipelines() {
        const target = doc().getState().target;
        if (!target) {
          set({ nodePipelines: null });
          return;
        }
        const key = nodeKey(target.connectionId, target.nodeId);
        const before = get().nodePipelines;
        set({ nodePipelines: { key, status: 'loading', ...(before?.key === key && before.names ? { names: before.names } : {}) } });
        try {
          const names = await api.pipelines.list(target.connectionId, target.nodeId);
          // The target changed meanwhile: that node's listing wins.
          if (get().nodePipelines?.key === key) set({ nodePipelines: { key, status: 'ready', names } });
        } catch (error) {
          if (get().nodePipelines?.key === key) set({ nodePipelines: { key, status: 'error', error: `Could not list ${target.nodeId}'s pipelines: ${errorMessage(error)}` } });
        }
      },

      async fetchNodePipeline(name) {
        const target = doc().getState().target;
        if (!target) {
          notify(targetProblem);
          return undefined;
        }
        try {
          return await api.pipelines.get(target.connectionId, target.nodeId, name);
        } catch (error) {
          notify(`Could not read pipeline ${name} from ${target.nodeId}: ${errorMessage(error)}`);
          return undefined;
        }
      },

      pin(stageId) {
        const result = get().results[stageId];
        // A failed stage's answer is no output to build on.
        if (result?.output === undefined || (result.state !== 'ok' && result.state !== 'pinned')) return false;
        set({ pins: { ...get().pins, [stageId]: result.output } });
        return true;
      },

      unpin(stageId) {
        if (!(stageId in get().pins)) return;
        const pins = { ...get().pins };
        delete pins[stageId];
        set({ pins });
      },
    };
  });
}

const runs = new WeakMap<object, Map<string, PipelineRunStore>>();

/** The run side of a pipeline document (`docId` is its file's path), created on first use. */
export function pipelineRunOf(studio: RunStudio, docId: string): PipelineRunStore {
  let byId = runs.get(studio);
  if (!byId) runs.set(studio, (byId = new Map()));
  let store = byId.get(docId);
  if (!store) byId.set(docId, (store = createPipelineRun(docId, studio)));
  return store;
}
