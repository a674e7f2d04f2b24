/**
 * A `StudioApi` over files held in memory: for tests of the bridge and the renderer, which
 * need a host that behaves like the real one (versions, conflicts, change events) without a
 * disk. Paths are validated as the hosts validate them.
 */
import { StudioError, type FileContent, type HostInfo, type StudioApi, type StudioEvents, type WorkspaceEntry } from './api.js';
import { compareWorkspacePaths, workspacePathProblem } from './workspace-path.js';

export interface MemoryStudioApi extends StudioApi {
  /** Changes a file as someone outside the studio would (emits `workspace.change`). */
  touch(path: string, text: string): void;
  remove(path: string): void;
}

export function createMemoryStudioApi(files: Record<string, string> = {}, hostInfo: HostInfo = { version: '0.0.0-memory' }): MemoryStudioApi {
  const store = new Map<string, { text: string; version: string }>();
  const listeners = new Set<(change: StudioEvents['workspace.change']) => void>();
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
    on(event, listener) {
      if (event !== 'workspace.change') return () => {};
      const l = listener as (change: StudioEvents['workspace.change']) => void;
      listeners.add(l);
      return () => listeners.delete(l);
    },
    touch: put,
    remove(path) {
      if (!store.delete(path)) return;
      for (const listener of [...listeners]) listener({ type: 'deleted', path });
    },
  };
}
