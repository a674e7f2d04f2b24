/**
 * The StudioApi as the runtime serves it: one workspace, the connections saved in it (with the
 * host's own node), calls to their nodes and the user's call history. Both hosts (the Electron
 * main process, the web host) create one and hand its `api` to their transport. The workspace
 * is watched from the start: the connections follow `spl-workspace.json` and the drift verdicts
 * follow `definitions/`, whether or not a window listens.
 */
import type { HostInfo, StudioApi, StudioEvents, WorkspaceChange } from '../../../shared/studio/api.js';
import { CallService } from './calls/call-service.js';
import { HistoryStore } from './calls/history-store.js';
import { StudioPipelines } from './pipelines/studio-pipelines.js';
import { StudioContainers } from './containers/studio-containers.js';
import { ConnectionManager } from './connections/connection-manager.js';
import type { LocalNode } from './local-node.js';
import { SecretsStore, userDataDir } from './user-data.js';
import { Workspace } from './workspace.js';

export interface StudioServiceOptions {
  workspaceRoot: string;
  hostInfo: HostInfo;
  /** The host's own node, shown as the "Local runtime" connection. */
  localNode?: LocalNode;
  /** The user's own settings: connection tokens and the call history (default: user-data.ts). */
  userDataDir?: string;
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
  const userData = userDataDir(options.userDataDir);
  const secrets = await SecretsStore.open(userData, { log });
  const connections = await ConnectionManager.open({ workspace, secrets, local: options.localNode, log });
  let history: HistoryStore;
  try {
    history = await HistoryStore.open(userData, { log });
  } catch (error) {
    await connections.close();
    throw error;
  }
  const calls = new CallService({ targets: connections, history, log });
  const pipelines = new StudioPipelines({ targets: connections, log });
  const containers = new StudioContainers({ targets: connections, log });

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
    ...connections.api,
    ...calls.api,
    ...history.api,
    ...pipelines.api,
    ...containers.api,
    on<E extends keyof StudioEvents>(event: E, listener: (payload: StudioEvents[E]) => void): () => void {
      if (closed) return () => {};
      switch (event) {
        case 'workspace.change': {
          const l = listener as (change: WorkspaceChange) => void;
          listeners.add(l);
          return () => listeners.delete(l);
        }
        case 'connections.change':
        case 'cluster.change':
          return connections.on(event, listener as never);
        case 'history.change':
          return history.on(event, listener as never);
        case 'pipeline.progress':
          return pipelines.on(event, listener as never);
        default:
          return () => {};
      }
    },
  };
  listeners.add((change) => connections.workspaceChanged(change.path));
  void startWatching();

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
      await pipelines.close();
      await containers.close();
      await calls.close();
      await connections.close();
      await history.close();
    },
  };
}
