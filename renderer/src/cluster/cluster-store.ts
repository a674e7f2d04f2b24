/**
 * What the cluster browser remembers while the user is elsewhere: which connection it shows,
 * the filter, the sort and the selected node. One store per studio, made on first use.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { NodeColumn, NodeSort } from './node-table-model.js';

export interface SelectedNode {
  connectionId: string;
  nodeId: string;
}

export interface ClusterViewState {
  /** A connection id, or null for every connection. */
  scope: string | null;
  filter: string;
  sort: NodeSort;
  selected: SelectedNode | null;
  setScope(scope: string | null): void;
  setFilter(filter: string): void;
  /** Sorts by a column; the same column again turns the order around. */
  sortBy(column: NodeColumn): void;
  select(node: SelectedNode | null): void;
}

export function createClusterViewStore(): StoreApi<ClusterViewState> {
  return createStore<ClusterViewState>()((set, get) => ({
    scope: null,
    filter: '',
    sort: { column: 'id', direction: 'ascending' },
    selected: null,
    setScope(scope) {
      set({ scope });
    },
    setFilter(filter) {
      set({ filter });
    },
    sortBy(column) {
      const { sort } = get();
      set({ sort: { column, direction: sort.column === column && sort.direction === 'ascending' ? 'descending' : 'ascending' } });
    },
    select(selected) {
      set({ selected });
    },
  }));
}

const stores = new WeakMap<object, StoreApi<ClusterViewState>>();

/** The cluster browser's store of a studio. */
export function clusterStoreOf(studio: object): StoreApi<ClusterViewState> {
  let store = stores.get(studio);
  if (!store) stores.set(studio, (store = createClusterViewStore()));
  return store;
}
