/**
 * The user's call history as the composer's side bar lists it: newest first, filtered by the
 * search box (the host matches the words), kept live by the host's `history.change` events.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HistoryEntry, StudioApi } from '../../../shared/studio/api.js';

export interface HistoryState {
  entries: HistoryEntry[];
  /** The search box's text. */
  query: string;
  loading: boolean;
  loaded: boolean;
  /** Why the last listing failed, for people. */
  error: string | null;
  /** Lists the history again for the current query. */
  load(): Promise<void>;
  search(text: string): Promise<void>;
  clear(): Promise<boolean>;
}

export type HistoryStore = StoreApi<HistoryState>;

/** How many entries the side bar lists. */
export const HISTORY_LIMIT = 200;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createHistoryStore(api: Pick<StudioApi, 'history' | 'on'>): HistoryStore {
  // Each listing takes a number; only the latest may write its answer (typing fires several).
  let generation = 0;

  return createStore<HistoryState>()((set, get) => {
    api.on('history.change', (entry) => {
      if (get().query.trim() !== '') {
        // Whether the new call matches the words is the host's call: ask it.
        void get().load();
        return;
      }
      const rest = get().entries.filter((e) => e.id !== entry.id);
      set({ entries: [entry, ...rest].slice(0, HISTORY_LIMIT) });
    });

    return {
      entries: [],
      query: '',
      loading: false,
      loaded: false,
      error: null,

      async load() {
        const mine = ++generation;
        const text = get().query.trim();
        set({ loading: true });
        try {
          const entries = await api.history.list({ ...(text ? { text } : {}), limit: HISTORY_LIMIT });
          if (mine === generation) set({ entries, loading: false, loaded: true, error: null });
        } catch (error) {
          if (mine === generation) set({ loading: false, loaded: true, error: `Could not read the history: ${errorText(error)}` });
        }
      },

      async search(text) {
        set({ query: text });
        await get().load();
      },

      async clear() {
        try {
          await api.history.clear();
        } catch (error) {
          set({ error: `Could not clear the history: ${errorText(error)}` });
          return false;
        }
        generation++;
        set({ entries: [], error: null, loading: false });
        return true;
      },
    };
  });
}
