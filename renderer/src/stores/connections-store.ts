/**
 * The connections the studio knows, their nodes, and what the nodes said when described: one
 * store shared by the service explorer, the cluster browser and the composer. Nodes follow the
 * host's `cluster.change` events; a node's cached description is fetched again when the node
 * starts serving other protocols (their md5s change) or their drift changes, not on heartbeats.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  ClusterNode,
  ConnectionConfig,
  ConnectionSecrets,
  ConnectionStatus,
  ModuleDescription,
  NodeDescription,
  StudioApi,
} from '../../../shared/studio/api.js';
import { errorMessage } from './documents-store.js';

export interface AsyncSlot<T> {
  status: 'loading' | 'ready' | 'error';
  /** While refreshing, the previous value stays here so views do not flicker. */
  value?: T;
  error?: string;
}

export interface ConnectionsState {
  connections: ConnectionStatus[];
  /** By connection id. */
  nodes: Record<string, ClusterNode[]>;
  /** By `${connectionId}/${nodeId}`. */
  descriptions: Record<string, AsyncSlot<NodeDescription>>;
  modules: Record<string, AsyncSlot<ModuleDescription[]>>;
  /** Whether load() has answered once (views show "loading" until then). */
  loaded: boolean;
  /** Why the last load() failed, for people. */
  loadError?: string;
  /** Lists the connections and every node, and subscribes to the host's events (once). */
  load(): Promise<void>;
  describe(connectionId: string, nodeId: string, refresh?: boolean): Promise<NodeDescription | undefined>;
  describeModules(connectionId: string, nodeId: string, refresh?: boolean): Promise<ModuleDescription[] | undefined>;
  /** Saves (adds or replaces) a connection; rejects with the host's error. */
  save(config: ConnectionConfig, secrets?: ConnectionSecrets): Promise<ConnectionStatus>;
  /** Removes a connection; rejects with the host's error. */
  remove(id: string): Promise<void>;
}

export type ConnectionsStore = StoreApi<ConnectionsState>;

export const nodeKey = (connectionId: string, nodeId: string) => `${connectionId}/${nodeId}`;

/** What a description depends on besides heartbeats: the protocols served, their hashes and drift. */
function protocolSignature(node: ClusterNode): string {
  return node.protocols
    .map((p) => `${p.name}@${p.md5}:${node.drift[p.name] ?? ''}`)
    .sort()
    .join('|');
}

function descriptionSignature(description: NodeDescription): string {
  return description.protocols
    .map((p) => `${p.name}@${p.md5}:${p.drift}`)
    .sort()
    .join('|');
}

const moduleSignature = (node: ClusterNode) => [...node.availableModules].sort().join('|');

function without<T>(record: Record<string, T>, drop: (key: string) => boolean): Record<string, T> {
  const kept: Record<string, T> = {};
  for (const [key, value] of Object.entries(record)) if (!drop(key)) kept[key] = value;
  return kept;
}

export function createConnectionsStore(api: StudioApi): StoreApi<ConnectionsState> {
  let subscribed = false;
  let loading: Promise<void> | undefined;
  // Each fetch of a slot takes a new generation; only the latest may write its answer, and
  // forgetting a slot (its node left) bumps it so late answers are dropped.
  const generations = new Map<string, number>();
  const inFlight = new Map<string, Promise<unknown>>();
  // Bumped by every event, so a slow load() does not overwrite what an event said since.
  let connectionsSeq = 0;
  const nodesSeq = new Map<string, number>();

  return createStore<ConnectionsState>()((set, get) => {
    const nextGeneration = (slotKey: string) => {
      const generation = (generations.get(slotKey) ?? 0) + 1;
      generations.set(slotKey, generation);
      return generation;
    };

    /** Fetches one slot, deduplicating concurrent fetches unless `refresh` asks for a new one. */
    function fetchSlot<T>(
      field: 'descriptions' | 'modules',
      key: string,
      refresh: boolean,
      fetch: () => Promise<T>,
    ): Promise<T | undefined> {
      const slotKey = `${field}:${key}`;
      const slot = get()[field][key] as AsyncSlot<T> | undefined;
      if (!refresh) {
        const pending = inFlight.get(slotKey) as Promise<T | undefined> | undefined;
        if (pending) return pending;
        if (slot?.status === 'ready') return Promise.resolve(slot.value);
      }
      const generation = nextGeneration(slotKey);
      const current = () => generations.get(slotKey) === generation;
      set({ [field]: { ...get()[field], [key]: { status: 'loading', value: slot?.value } } } as Partial<ConnectionsState>);
      // A host method that throws instead of rejecting still lands in the slot.
      const promise = new Promise<T>((resolve) => resolve(fetch())).then(
        (value) => {
          if (current()) set({ [field]: { ...get()[field], [key]: { status: 'ready', value } } } as Partial<ConnectionsState>);
          return value;
        },
        (error: unknown) => {
          if (current()) set({ [field]: { ...get()[field], [key]: { status: 'error', error: errorMessage(error) } } } as Partial<ConnectionsState>);
          return undefined;
        },
      ).finally(() => {
        if (inFlight.get(slotKey) === promise) inFlight.delete(slotKey);
      });
      inFlight.set(slotKey, promise);
      return promise;
    }

    /** Forgets the slots of nodes that are gone, so a late answer or a returning node starts afresh. */
    function forget(isGone: (key: string) => boolean): void {
      for (const field of ['descriptions', 'modules'] as const) {
        for (const key of Object.keys(get()[field])) {
          if (!isGone(key)) continue;
          nextGeneration(`${field}:${key}`);
          inFlight.delete(`${field}:${key}`);
        }
      }
      set({ descriptions: without(get().descriptions, isGone), modules: without(get().modules, isGone) });
    }

    function setNodes(connectionId: string, next: ClusterNode[]): void {
      const previous = new Map((get().nodes[connectionId] ?? []).map((n) => [n.nodeId, n]));
      const present = new Map(next.map((n) => [nodeKey(connectionId, n.nodeId), n]));
      set({ nodes: { ...get().nodes, [connectionId]: next } });
      forget((key) => key.startsWith(`${connectionId}/`) && !present.has(key));

      for (const [key, node] of present) {
        const before = previous.get(node.nodeId);
        const description = get().descriptions[key];
        if (description?.status === 'ready' && description.value && descriptionSignature(description.value) !== protocolSignature(node)) {
          void get().describe(connectionId, node.nodeId, true);
        } else if (description && description.status !== 'ready' && before && (protocolSignature(before) !== protocolSignature(node) || (before.health !== 'up' && node.health === 'up'))) {
          // A failed description may succeed now; one in flight may answer for the old protocols.
          void get().describe(connectionId, node.nodeId, true);
        }
        const modules = get().modules[key];
        if (modules && modules.status !== 'loading' && before && moduleSignature(before) !== moduleSignature(node)) {
          void get().describeModules(connectionId, node.nodeId, true);
        }
      }
    }

    function setConnections(next: ConnectionStatus[]): void {
      const ids = new Set(next.map((c) => c.id));
      set({ connections: next, nodes: without(get().nodes, (id) => !ids.has(id)) });
      forget((key) => !ids.has(key.slice(0, key.indexOf('/'))));
    }

    function subscribe(): void {
      if (subscribed) return;
      subscribed = true;
      api.on('connections.change', (connections) => {
        connectionsSeq++;
        setConnections(connections);
      });
      api.on('cluster.change', ({ connectionId, nodes }) => {
        nodesSeq.set(connectionId, (nodesSeq.get(connectionId) ?? 0) + 1);
        setNodes(connectionId, nodes);
      });
    }

    return {
      connections: [],
      nodes: {},
      descriptions: {},
      modules: {},
      loaded: false,

      load() {
        // Views that mount together each ask to load: they share one listing.
        loading ??= (async () => {
          // Listen first, so nothing that happens while listing is missed.
          subscribe();
          const connectionsAt = connectionsSeq;
          const nodesAt = new Map(nodesSeq);
          try {
            const [connections, nodes] = await Promise.all([api.connections.list(), api.cluster.nodes()]);
            if (connectionsSeq === connectionsAt) setConnections(connections);
            const byConnection = new Map<string, ClusterNode[]>();
            for (const c of get().connections) byConnection.set(c.id, []);
            for (const node of nodes) byConnection.get(node.connectionId)?.push(node);
            for (const [id, list] of byConnection) {
              if ((nodesSeq.get(id) ?? 0) === (nodesAt.get(id) ?? 0)) setNodes(id, list);
            }
            set({ loaded: true, loadError: undefined });
          } catch (error) {
            set({ loaded: true, loadError: `Could not list the connections: ${errorMessage(error)}` });
          }
        })().finally(() => {
          loading = undefined;
        });
        return loading;
      },

      describe(connectionId, nodeId, refresh = false) {
        return fetchSlot('descriptions', nodeKey(connectionId, nodeId), refresh, () => api.describe.node(connectionId, nodeId));
      },

      describeModules(connectionId, nodeId, refresh = false) {
        return fetchSlot('modules', nodeKey(connectionId, nodeId), refresh, () => api.describe.modules(connectionId, nodeId));
      },

      async save(config, secrets) {
        const status = await api.connections.save(config, secrets);
        const connections = get().connections;
        const at = connections.findIndex((c) => c.id === status.id);
        set({ connections: at < 0 ? [...connections, status] : connections.map((c, i) => (i === at ? status : c)) });
        return status;
      },

      async remove(id) {
        await api.connections.remove(id);
        setConnections(get().connections.filter((c) => c.id !== id));
      },
    };
  });
}
