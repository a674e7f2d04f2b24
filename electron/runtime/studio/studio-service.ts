/**
 * The StudioApi as the runtime serves it: one workspace and what the host runs. Both hosts (the
 * Electron main process, the web host) create one and hand its `api` to their transport; the
 * workspace is watched only while someone listens for changes.
 */
import type { HostInfo, StudioApi, StudioEvents, WorkspaceChange } from '../../../shared/studio/api.js';
import { Workspace } from './workspace.js';

/** The StudioApi's groups beyond the workspace: connections, nodes, calls and history. */
export type StudioExtensions = Pick<StudioApi, 'connections' | 'cluster' | 'describe' | 'call' | 'history' | 'on'>;

export interface StudioServiceOptions {
  /** TEMPORARY while issue #7's services are composed in. */
  extensions?: StudioExtensions;
  workspaceRoot: string;
  hostInfo: HostInfo;
  /** Where watcher failures are reported (default: stderr). */
  log?: (message: string) => void;
  /** Quiet time before file changes are reported (default 50 ms). */
  debounceMs?: number;
}

export interface StudioService {
  api: StudioApi;
  workspace: Workspace;
  /** Resolves once the watcher, if a listener started it, has taken its first look (tests wait on it). */
  watching(): Promise<void>;
  close(): Promise<void>;
}

export async function createStudioService(options: StudioServiceOptions): Promise<StudioService> {
  const workspace = await Workspace.open(options.workspaceRoot);
  const log = options.log ?? ((message: string) => process.stderr.write(message + '\n'));
  const listeners = new Set<(change: WorkspaceChange) => void>();
  let stopWatching: Promise<(() => void) | undefined> | undefined;
  let closed = false;

  const startWatching = () => {
    stopWatching ??= workspace
      .watch((change) => {
        for (const listener of [...listeners]) listener(change);
      }, { log, debounceMs: options.debounceMs })
      .catch((error: unknown) => {
        // The studio still works without live updates: say so once, and keep serving.
        log(`studio: cannot watch ${workspace.root} for changes: ${(error as Error).message}`);
        return undefined;
      });
    return stopWatching;
  };

  const api: StudioApi = {
    workspace: {
      info: () => workspace.info(),
      list: () => workspace.list(),
      read: (path) => workspace.read(path),
      write: (path, text, writeOptions) => workspace.write(path, text, writeOptions),
    },
    host: {
      info: async () => options.hostInfo,
    },
    connections: options.extensions!.connections,
    cluster: options.extensions!.cluster,
    describe: options.extensions!.describe,
    call: options.extensions!.call,
    history: options.extensions!.history,
    on<E extends keyof StudioEvents>(event: E, listener: (payload: StudioEvents[E]) => void): () => void {
      if (closed) return () => {};
      if (event !== 'workspace.change') return options.extensions?.on(event, listener) ?? (() => {});
      const l = listener as (change: WorkspaceChange) => void;
      listeners.add(l);
      void startWatching();
      return () => listeners.delete(l);
    },
  };

  return {
    api,
    workspace,
    async watching() {
      await stopWatching;
    },
    async close() {
      closed = true;
      listeners.clear();
      (await stopWatching)?.();
    },
  };
}
