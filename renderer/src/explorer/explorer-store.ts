/**
 * What the service explorer remembers while the user is elsewhere: which rows are open and what
 * is selected. Rows are addressed by what they show (connection, node, protocol, message), not
 * by position, so nodes joining and leaving never move the selection onto something else.
 * One store per studio, made on first use (the studio object itself stays the views' business).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

/**
 * A row of the explorer: a connection, or a node in it, or a protocol of that node, or a
 * message; or a node's group of the nodes running in its containers (`group`, with `nodeId`
 * the host's).
 */
export interface ExplorerTarget {
  connectionId: string;
  nodeId?: string;
  protocol?: string;
  message?: string;
  group?: 'containers';
}

export type TargetKind = 'connection' | 'node' | 'protocol' | 'message' | 'containers';

export function targetKind(target: ExplorerTarget): TargetKind {
  if (target.group !== undefined) return 'containers';
  if (target.message !== undefined) return 'message';
  if (target.protocol !== undefined) return 'protocol';
  if (target.nodeId !== undefined) return 'node';
  return 'connection';
}

/** A stable key for a target; ids may hold any character, so they are JSON-quoted. */
export function targetKey(target: ExplorerTarget): string {
  // An object in the last place: no protocol or message key can look like it.
  if (target.group !== undefined) return JSON.stringify([target.connectionId, target.nodeId, { group: target.group }]);
  const parts = [target.connectionId, target.nodeId, target.protocol, target.message];
  return JSON.stringify(parts.slice(0, parts.indexOf(undefined) < 0 ? 4 : parts.indexOf(undefined)));
}

export interface ExplorerState {
  /** Keys of the open rows. */
  expanded: ReadonlySet<string>;
  selected: ExplorerTarget | null;
  /** Connections seen so far: a new one opens once, then keeps whatever the user chose. */
  seen: ReadonlySet<string>;
  select(target: ExplorerTarget | null): void;
  setExpanded(target: ExplorerTarget, open: boolean): void;
  /** Opens connections never seen before. */
  openNew(connectionIds: readonly string[]): void;
}

export function createExplorerStore(): StoreApi<ExplorerState> {
  return createStore<ExplorerState>()((set, get) => ({
    expanded: new Set(),
    selected: null,
    seen: new Set(),
    select(target) {
      set({ selected: target });
    },
    setExpanded(target, open) {
      const key = targetKey(target);
      if (get().expanded.has(key) === open) return;
      const expanded = new Set(get().expanded);
      if (open) expanded.add(key);
      else expanded.delete(key);
      set({ expanded });
    },
    openNew(connectionIds) {
      const fresh = connectionIds.filter((id) => !get().seen.has(id));
      if (fresh.length === 0) return;
      set({
        seen: new Set([...get().seen, ...fresh]),
        expanded: new Set([...get().expanded, ...fresh.map((id) => targetKey({ connectionId: id }))]),
      });
    },
  }));
}

const stores = new WeakMap<object, StoreApi<ExplorerState>>();

/** The explorer's store of a studio. */
export function explorerStoreOf(studio: object): StoreApi<ExplorerState> {
  let store = stores.get(studio);
  if (!store) stores.set(studio, (store = createExplorerStore()));
  return store;
}
