/**
 * A `StudioApi` over files held in memory: for tests of the bridge and the renderer, which
 * need a host that behaves like the real one (versions, conflicts, change events) without a
 * disk. Paths are validated as the hosts validate them.
 */
import {
  LOCAL_CONNECTION_ID,
  StudioError,
  type CallRequest,
  type CallResult,
  type ClusterNode,
  type ConnectionStatus,
  type ContainerSummary,
  type FileContent,
  type HistoryEntry,
  type HostInfo,
  type ModuleDescription,
  type NodeDescription,
  type PipelineRunRequest,
  type PipelineRunResult,
  type StageRun,
  type StudioApi,
  type StudioEvents,
  type WorkspaceEntry,
} from './api.js';
import { compareWorkspacePaths, workspacePathProblem } from './workspace-path.js';

export interface MemoryStudioApi extends StudioApi {
  /** Changes a file as someone outside the studio would (emits `workspace.change`). */
  touch(path: string, text: string): void;
  remove(path: string): void;
  /** Replaces one connection's nodes as a cluster change would (emits `cluster.change`). */
  setNodes(connectionId: string, nodes: ClusterNode[]): void;
  /** Replaces the connections' states (emits `connections.change`). */
  setConnections(connections: ConnectionStatus[]): void;
}

/** What the memory host knows beyond files: the nodes it pretends to reach, and how calls answer. */
export interface MemoryNetwork {
  connections?: ConnectionStatus[];
  nodes?: ClusterNode[];
  descriptions?: NodeDescription[];
  /** By `connectionId/nodeId`. */
  modules?: Record<string, ModuleDescription[]>;
  /** Answers a call (default: every call fails with a transport error naming the node). */
  answer?: (request: CallRequest, signal: AbortSignal) => Promise<Omit<CallResult, 'callId' | 'historyId'>>;
  /** Containers by `connectionId/nodeId`; `start` adds one from `startContainer` (default: refused). */
  containers?: Record<string, ContainerSummary[]>;
  startContainer?: (image: string, config: Record<string, string>) => Promise<ContainerSummary>;
  /** Registered pipelines by `connectionId/nodeId`, then name: the definition's Avro JSON text. */
  pipelines?: Record<string, Record<string, string>>;
  /** Runs a pipeline (default: refused); `progress` emits 'pipeline.progress'. */
  runPipeline?: (request: PipelineRunRequest, progress: (stage: StageRun) => void, signal: AbortSignal) => Promise<PipelineRunResult>;
}

const LOCAL_STATUS: ConnectionStatus = { id: LOCAL_CONNECTION_ID, name: 'Local runtime', kind: 'local', url: 'http://127.0.0.1:0', hasToken: false, state: 'connected' };

export function createMemoryStudioApi(files: Record<string, string> = {}, hostInfo: HostInfo = { version: '0.0.0-memory' }, network: MemoryNetwork = {}): MemoryStudioApi {
  const store = new Map<string, { text: string; version: string }>();
  const listeners = new Set<(change: StudioEvents['workspace.change']) => void>();
  const eventListeners = new Map<keyof StudioEvents, Set<(payload: never) => void>>();
  const emit = <E extends keyof StudioEvents>(event: E, payload: StudioEvents[E]) => {
    for (const listener of [...(eventListeners.get(event) ?? [])]) (listener as (p: StudioEvents[E]) => void)(payload);
  };
  let connections = network.connections ?? [LOCAL_STATUS];
  let nodes = [...(network.nodes ?? [])];
  const history: HistoryEntry[] = [];
  const inFlight = new Map<string, AbortController>();
  const pipelines = network.pipelines ?? {};
  const containers = network.containers ?? {};
  const nodeOf = (connectionId: string, nodeId: string) => {
    const node = nodes.find((n) => n.connectionId === connectionId && n.nodeId === nodeId);
    if (!node) throw new StudioError('not-found', `no node ${nodeId} on connection ${connectionId}`);
    return node;
  };
  let clock = 0;
  const put = (path: string, text: string) => {
    const created = !store.has(path);
    const version = `${++clock}-${text.length}`;
    store.set(path, { text, version });
    for (const listener of [...listeners]) listener({ type: created ? 'created' : 'changed', path, version });
    return version;
  };
  const check = (method: string, path: string) => {
    const problem = workspacePathProblem(path);
    if (problem) throw new StudioError('invalid-argument', `${method}: path must be a relative workspace path (${problem})`);
  };
  for (const [path, text] of Object.entries(files)) put(path, text);

  return {
    workspace: {
      async info() {
        return { name: 'memory', root: '/memory' };
      },
      async list() {
        const entries = new Map<string, WorkspaceEntry>();
        for (const path of store.keys()) {
          const parts = path.split('/');
          for (let i = 1; i < parts.length; i++) {
            const dir = parts.slice(0, i).join('/');
            entries.set(dir, { path: dir, kind: 'directory' });
          }
          entries.set(path, { path, kind: 'file' });
        }
        return [...entries.values()].sort((a, b) => compareWorkspacePaths(a.path, b.path));
      },
      async read(path): Promise<FileContent> {
        check('workspace.read', path);
        const file = store.get(path);
        if (!file) throw new StudioError('not-found', `workspace.read: ${path} does not exist`);
        return { path, text: file.text, version: file.version };
      },
      async write(path, text, options) {
        check('workspace.write', path);
        const current = store.get(path);
        if (options?.expectedVersion !== undefined && current?.version !== options.expectedVersion) {
          throw new StudioError('conflict', `workspace.write: ${path} changed since version ${options.expectedVersion}`);
        }
        return { version: put(path, text) };
      },
    },
    host: {
      async info() {
        return hostInfo;
      },
    },
    connections: {
      async list() {
        return connections;
      },
      async save(config, secrets) {
        const status: ConnectionStatus = { ...config, hasToken: typeof secrets?.token === 'string', state: 'connected' };
        const at = connections.findIndex((c) => c.id === config.id);
        connections = at < 0 ? [...connections, status] : connections.map((c, i) => (i === at ? status : c));
        emit('connections.change', connections);
        return status;
      },
      async remove(id) {
        connections = connections.filter((c) => c.id !== id);
        nodes = nodes.filter((n) => n.connectionId !== id);
        emit('connections.change', connections);
        emit('cluster.change', { connectionId: id, nodes: [] });
      },
    },
    cluster: {
      async nodes(connectionId) {
        return connectionId === undefined ? nodes : nodes.filter((n) => n.connectionId === connectionId);
      },
    },
    describe: {
      async node(connectionId, nodeId) {
        nodeOf(connectionId, nodeId);
        const description = network.descriptions?.find((d) => d.connectionId === connectionId && d.nodeId === nodeId);
        if (!description) throw new StudioError('not-found', `node ${nodeId} did not describe itself`);
        return description;
      },
      async modules(connectionId, nodeId) {
        nodeOf(connectionId, nodeId);
        return network.modules?.[`${connectionId}/${nodeId}`] ?? [];
      },
    },
    call: {
      async send(request) {
        const { callId, ...sent } = request;
        const controller = new AbortController();
        inFlight.set(callId, controller);
        const node = nodes.find((n) => n.connectionId === request.connectionId && n.nodeId === request.nodeId);
        const startedAt = Date.now();
        try {
          const result = network.answer
            ? await network.answer(request, controller.signal)
            : { outcome: 'transport-error' as const, message: `cannot reach ${request.nodeId}`, endpoint: node?.endpoint ?? '', startedAt, durationMs: 0, requestBytes: 0, responseBytes: 0, frames: [], responseMetadata: {} };
          const entry: HistoryEntry = {
            id: `h${history.length + 1}`,
            at: result.startedAt,
            request: sent,
            connectionName: connections.find((c) => c.id === request.connectionId)?.name ?? request.connectionId,
            result,
          };
          history.unshift(entry);
          emit('history.change', entry);
          return { ...result, callId, historyId: entry.id };
        } finally {
          inFlight.delete(callId);
        }
      },
      async cancel(callId) {
        inFlight.get(callId)?.abort();
      },
    },
    history: {
      async list(query) {
        const words = (query?.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
        const matches = history.filter((entry) => {
          const text = JSON.stringify(entry).toLowerCase();
          return words.every((w) => text.includes(w));
        });
        return matches.slice(0, query?.limit ?? 200);
      },
      async clear() {
        history.length = 0;
      },
    },
    containers: {
      async list(connectionId, nodeId) {
        nodeOf(connectionId, nodeId);
        return containers[`${connectionId}/${nodeId}`] ?? [];
      },
      async start(connectionId, nodeId, image, config) {
        nodeOf(connectionId, nodeId);
        if (!network.startContainer) throw new StudioError('invalid-argument', `CONTAINER_ENGINE_UNAVAILABLE: ${nodeId} has no container engine`);
        const started = await network.startContainer(image, config);
        (containers[`${connectionId}/${nodeId}`] ??= []).push(started);
        return started;
      },
      async stop(connectionId, nodeId, containerId) {
        nodeOf(connectionId, nodeId);
        const list = containers[`${connectionId}/${nodeId}`] ?? [];
        const at = list.findIndex((c) => c.containerId === containerId);
        if (at < 0) throw new StudioError('not-found', `CONTAINER_NOT_FOUND: no container ${containerId} on ${nodeId}`);
        list.splice(at, 1);
      },
    },
    pipelines: {
      async list(connectionId, nodeId) {
        nodeOf(connectionId, nodeId);
        return Object.keys(pipelines[`${connectionId}/${nodeId}`] ?? {}).sort();
      },
      async get(connectionId, nodeId, name) {
        nodeOf(connectionId, nodeId);
        const text = pipelines[`${connectionId}/${nodeId}`]?.[name];
        if (text === undefined) throw new StudioError('not-found', `no pipeline '${name}' on ${nodeId}`);
        return text;
      },
      async register(connectionId, nodeId, definition) {
        nodeOf(connectionId, nodeId);
        const name = (JSON.parse(definition) as { name?: unknown }).name;
        if (typeof name !== 'string' || name === '') throw new StudioError('invalid-argument', 'INVALID_PIPELINE: a pipeline needs a name');
        (pipelines[`${connectionId}/${nodeId}`] ??= {})[name] = definition;
      },
      async run(request) {
        nodeOf(request.connectionId, request.nodeId);
        if (!network.runPipeline) throw new StudioError('not-found', `${request.nodeId} runs no pipelines here`);
        const controller = new AbortController();
        inFlight.set(request.runId, controller);
        try {
          return await network.runPipeline(request, (stage) => emit('pipeline.progress', { runId: request.runId, stage }), controller.signal);
        } finally {
          inFlight.delete(request.runId);
        }
      },
      async cancel(runId) {
        inFlight.get(runId)?.abort();
      },
    },
    on(event, listener) {
      if (event === 'workspace.change') {
        const l = listener as (change: StudioEvents['workspace.change']) => void;
        listeners.add(l);
        return () => listeners.delete(l);
      }
      let set = eventListeners.get(event);
      if (!set) eventListeners.set(event, (set = new Set()));
      const l = listener as (payload: never) => void;
      set.add(l);
      return () => set.delete(l);
    },
    setNodes(connectionId, next) {
      nodes = [...nodes.filter((n) => n.connectionId !== connectionId), ...next];
      emit('cluster.change', { connectionId, nodes: next });
    },
    setConnections(next) {
      connections = next;
      emit('connections.change', connections);
    },
    touch: put,
    remove(path) {
      if (!store.delete(path)) return;
      for (const listener of [...listeners]) listener({ type: 'deleted', path });
    },
  };
}
