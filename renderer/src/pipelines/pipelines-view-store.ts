/**
 * The pipeline view's own state, one per studio: which pipeline is open on the canvas, the
 * palette's search and selection, and what the mounted canvas can do for commands (fit view).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { pipelineDocOf, type PipelineDocStore } from './pipeline-doc-store.js';

export interface CanvasActions {
  fitView(): void;
}

export interface PipelinesViewState {
  /** The open pipeline's document id (its file's path). */
  active: string | null;
  query: string;
  /** The palette item selected for the keyboard path (Enter adds it). */
  selectedModule: string | null;
  canvas: CanvasActions | null;
  setActive(docId: string | null): void;
  setQuery(query: string): void;
  selectModule(module: string | null): void;
  setCanvas(canvas: CanvasActions | null): void;
}

const stores = new WeakMap<object, StoreApi<PipelinesViewState>>();

export function pipelinesViewOf(studio: object): StoreApi<PipelinesViewState> {
  let store = stores.get(studio);
  if (!store) {
    store = createStore<PipelinesViewState>()((set) => ({
      active: null,
      query: '',
      selectedModule: null,
      canvas: null,
      setActive: (active) => set({ active }),
      setQuery: (query) => set({ query }),
      selectModule: (selectedModule) => set({ selectedModule }),
      setCanvas: (canvas) => set({ canvas }),
    }));
    stores.set(studio, store);
  }
  return store;
}

type StudioForDocs = Parameters<typeof pipelineDocOf>[0];

/** Opens a pipeline on the canvas, reading its file unless it is open already. */
export function openPipeline(studio: StudioForDocs, docId: string): PipelineDocStore {
  const doc = pipelineDocOf(studio, docId);
  if (doc.getState().status !== 'ready') void doc.getState().load();
  pipelinesViewOf(studio).getState().setActive(docId);
  return doc;
}

/** The open pipeline's document, if any. */
export function activeDoc(studio: StudioForDocs): PipelineDocStore | null {
  const active = pipelinesViewOf(studio).getState().active;
  return active ? pipelineDocOf(studio, active) : null;
}
