/**
 * The containers of the nodes the user looked at: each host's list as its engine last gave
 * it, the stops in flight and why a stop failed. Starting and stopping update the list at once
 * from the node's answer, and an older listing still in flight is then dropped, so a slow
 * answer never brings back a stopped container or hides a started one. One store per studio.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ContainerSummary, StudioApi } from '../../../shared/studio/api.js';
import { nodeKey, type AsyncSlot } from '../stores/connections-store.js';
import { errorMessage } from '../stores/documents-store.js';
import { shortContainerId } from './container-facts.js';

export interface ContainersState {
  /** By `nodeKey(connectionId, hostNodeId)`. */
  lists: Record<string, AsyncSlot<ContainerSummary[]>>;
  /** By `stopKey(…)`: stops in flight. */
  stopping: Record<string, true>;
  /** By `stopKey(…)`: the node's message when the last stop failed. */
  stopErrors: Record<string, string>;
  /** Lists a node's containers (again, with `refresh`); a failure lands in the slot. */
  list(connectionId: string, nodeId: string, refresh?: boolean): Promise<void>;
  /** Starts a container; rejects with the node's error. */
  start(connectionId: string, nodeId: string, image: string, config: Record<string, string>): Promise<ContainerSummary>;
  /** Stops and removes a container; resolves with whether it did (a failure lands in stopErrors). */
  stop(connectionId: string, nodeId: string, containerId: string): Promise<boolean>;
}

export const stopKey = (connectionId: string, nodeId: string, containerId: string) => `${nodeKey(connectionId, nodeId)}#${containerId}`;

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}

export function createContainersStore(api: Pick<StudioApi, 'containers'>): StoreApi<ContainersState> {
  // Each listing takes a new generation; only the latest may write, and a start or stop that
  // changes the list takes one too.
  const generations = new Map<string, number>();
  const next = (key: string) => {
    const generation = (generations.get(key) ?? 0) + 1;
    generations.set(key, generation);
    return generation;
  };

  return createStore<ContainersState>()((set, get) => {
    /** Applies a change the node confirmed to the list shown, if one is. */
    const change = (key: string, edit: (list: ContainerSummary[]) => ContainerSummary[]) => {
      const slot = get().lists[key];
      if (!slot?.value) return;
      next(key);
      set({ lists: { ...get().lists, [key]: { status: 'ready', value: edit(slot.value) } } });
    };

    return {
      lists: {},
      stopping: {},
      stopErrors: {},

      async list(connectionId, nodeId, refresh = false) {
        const key = nodeKey(connectionId, nodeId);
        const slot = get().lists[key];
        if (slot && !refresh) return;
        const generation = next(key);
        const current = () => generations.get(key) === generation;
        set({ lists: { ...get().lists, [key]: { status: 'loading', value: slot?.value } } });
        try {
          const value = await api.containers.list(connectionId, nodeId);
          if (current()) set({ lists: { ...get().lists, [key]: { status: 'ready', value } } });
        } catch (error) {
          if (current()) set({ lists: { ...get().lists, [key]: { status: 'error', error: errorMessage(error) } } });
        }
      },

      async start(connectionId, nodeId, image, config) {
        const started = await api.containers.start(connectionId, nodeId, image, config);
        const same = (c: ContainerSummary) => shortContainerId(c.containerId) === shortContainerId(started.containerId);
        change(nodeKey(connectionId, nodeId), (list) => [...list.filter((c) => !same(c)), started]);
        return started;
      },

      async stop(connectionId, nodeId, containerId) {
        const key = stopKey(connectionId, nodeId, containerId);
        if (get().stopping[key]) return false;
        set({ stopping: { ...get().stopping, [key]: true }, stopErrors: without(get().stopErrors, key) });
        try {
          await api.containers.stop(connectionId, nodeId, containerId);
          change(nodeKey(connectionId, nodeId), (list) => list.filter((c) => c.containerId !== containerId));
          return true;
        } catch (error) {
          set({ stopErrors: { ...get().stopErrors, [key]: errorMessage(error) } });
          return false;
        } finally {
          set({ stopping: without(get().stopping, key) });
        }
      },
    };
  });
}

const stores = new WeakMap<object, StoreApi<ContainersState>>();

/** The containers store of a studio, made on first use. */
export function containersStoreOf(studio: { api: Pick<StudioApi, 'containers'> }): StoreApi<ContainersState> {
  let store = stores.get(studio);
  if (!store) stores.set(studio, (store = createContainersStore(studio.api)));
  return store;
}
