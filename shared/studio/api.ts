/**
 * `StudioApi`: everything the studio's renderer knows of the world. In Electron the preload
 * script carries it over IPC; in a browser the web host carries it over a WebSocket. Both hosts
 * serve the same implementation (electron/runtime/studio) and validate every argument where it
 * enters (shared/studio/methods.ts), as if it came from an untrusted page.
 *
 * Methods are async and take plain JSON-serializable values; live things are events. Groups
 * follow the user's work; later issues add connections, describe, call, cluster, pipelines and
 * containers.
 */

/** A path inside the workspace, relative to its root, with `/` separators and no `..`. */
export type WorkspacePath = string;

export interface WorkspaceInfo {
  /** The folder's name, for titles. */
  name: string;
  /** The folder's absolute path as the host sees it, for display only. */
  root: string;
}

export interface WorkspaceEntry {
  path: WorkspacePath;
  kind: 'file' | 'directory';
}

export interface FileContent {
  path: WorkspacePath;
  text: string;
  /** Changes whenever the file on disk changes (modification time and size). */
  version: string;
}

export interface WriteOptions {
  /**
   * The version this edit started from: if the file on disk has changed since, the write is
   * refused with a `conflict` error instead of overwriting someone else's change.
   */
  expectedVersion?: string;
}

export type WorkspaceChange =
  | { type: 'changed' | 'created'; path: WorkspacePath; version: string }
  | { type: 'deleted'; path: WorkspacePath };

export interface WorkspaceApi {
  info(): Promise<WorkspaceInfo>;
  /** Every file and folder under the root, depth first, sorted; skips `.git` and `node_modules`. */
  list(): Promise<WorkspaceEntry[]>;
  read(path: WorkspacePath): Promise<FileContent>;
  write(path: WorkspacePath, text: string, options?: WriteOptions): Promise<{ version: string }>;
}

/** What the host runs: shown in the status bar. */
export interface HostInfo {
  /** The product version. */
  version: string;
  /** The local runtime's node, when one is running. */
  node?: { url: string; protocols: string[] };
}

export interface StudioApi {
  workspace: WorkspaceApi;
  host: { info(): Promise<HostInfo> };
  /** Live events; returns a function that stops listening. */
  on<E extends keyof StudioEvents>(event: E, listener: (payload: StudioEvents[E]) => void): () => void;
}

export interface StudioEvents {
  /** A file under the workspace changed on disk (by the studio or by anyone else). */
  'workspace.change': WorkspaceChange;
}

/** Error codes a method may fail with, so the renderer can act on them. */
export type StudioErrorCode = 'invalid-argument' | 'not-found' | 'conflict' | 'io' | 'unauthorized' | 'internal';

/** How a failed method call reaches the renderer, whichever the host. */
export interface StudioErrorShape {
  code: StudioErrorCode;
  message: string;
}

export class StudioError extends Error {
  constructor(readonly code: StudioErrorCode, message: string) {
    super(message);
    this.name = 'StudioError';
  }
}
