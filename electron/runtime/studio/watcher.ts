/**
 * Turns the file system's notifications under a workspace into `workspace.change` events. The
 * raw notifications are noisy (several per save, renames for creations and deletions, a folder
 * event for a whole subtree), so they are only hints: after a quiet pause (debounce) each
 * noticed path is checked on disk against the versions last seen, and only real differences
 * are reported, files only, sorted by path. A folder that appears or disappears is scanned, so
 * its files are reported one by one. The studio's own writes are reported too: the renderer
 * compares the version with the one its write returned.
 */
import { watch, type FSWatcher, type Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { WorkspaceChange } from '../../../shared/studio/api.js';
import { compareWorkspacePaths, workspacePathProblem } from '../../../shared/studio/workspace-path.js';
import { isInside } from './contained-path.js';
import { versionOf } from './version.js';
import { isIgnoredPath, walk } from './walk.js';

export interface WatchOptions {
  /** Quiet time before noticed paths are checked (default 50 ms). */
  debounceMs?: number;
  /** Under a constant stream of notifications, check at least this often (default 500 ms). */
  maxWaitMs?: number;
  /** Where to report a watcher that failed (the folder vanished, the OS's watch limit). */
  log?: (message: string) => void;
}

export class WorkspaceWatcher {
  /** Every file's version as last reported (or found by the first scan). */
  private readonly known = new Map<string, string>();
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private firstPendingAt = 0;
  private checking: Promise<void> = Promise.resolve();
  /**
   * One watcher per folder, by workspace path ('' for the root). Not `recursive: true`: on Linux,
   * Node 20's recursive watch stops reporting a file once it has been replaced by a rename (how
   * every atomic save works, ours included) and loses folders replaced wholesale.
   */
  private readonly folders = new Map<string, FSWatcher>();
  /** The inode each watched folder had: a folder replaced wholesale (git checkout) is watched anew. */
  private readonly folderInodes = new Map<string, number>();
  private closed = false;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly log: (message: string) => void;

  private constructor(
    private readonly realRoot: string,
    private readonly listener: (change: WorkspaceChange) => void,
    options: WatchOptions,
  ) {
    this.debounceMs = options.debounceMs ?? 50;
    this.maxWaitMs = options.maxWaitMs ?? 500;
    this.log = options.log ?? (() => {});
  }

  static async start(realRoot: string, listener: (change: WorkspaceChange) => void, options: WatchOptions = {}): Promise<WorkspaceWatcher> {
    const watcher = new WorkspaceWatcher(realRoot, listener, options);
    // Watch first, then scan: a change during the scan is noticed and checked after it.
    watcher.watchFolder('', realRoot);
    try {
      for (const entry of await walk(realRoot, realRoot, '', { withStats: true })) {
        if (entry.stats) watcher.known.set(entry.path, versionOf(entry.stats));
        else if (entry.kind === 'directory') watcher.watchFolder(entry.path, path.join(realRoot, ...entry.path.split('/')));
      }
    } catch (error) {
      watcher.close();
      throw error;
    }
    return watcher;
  }

  /** Resolves once every change noticed so far has been checked and reported (for tests and shutdown). */
  async settled(): Promise<void> {
    if (this.timer) this.flush();
    await this.checking;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const folder of this.folders.values()) folder.close();
    this.folders.clear();
  }

  /** Starts watching one folder (not its subfolders: each has its own watcher). */
  private watchFolder(workspacePath: string, full: string): void {
    if (this.closed || this.folders.has(workspacePath)) return;
    let folder: FSWatcher;
    try {
      folder = watch(full, (_type, filename) => this.notice(filename === null ? null : workspacePath ? `${workspacePath}/${String(filename)}` : String(filename), workspacePath));
    } catch (error) {
      this.log(`studio: watching ${full} failed: ${(error as Error).message}`);
      return;
    }
    folder.on('error', (error) => {
      this.log(`studio: watching ${full} failed: ${error.message}`);
      this.unwatchFolder(workspacePath);
    });
    this.folders.set(workspacePath, folder);
  }

  /** Stops watching a folder and everything under it (it is gone, or no longer a folder). */
  private unwatchFolder(workspacePath: string): void {
    for (const [watched, folder] of [...this.folders]) {
      if (workspacePath === '' ? watched !== '' : watched === workspacePath || watched.startsWith(workspacePath + '/')) {
        folder.close();
        this.folders.delete(watched);
        this.folderInodes.delete(watched);
      }
    }
  }

  /** A folder's watcher saw `filename` (a workspace path) change; null: it could not say what. */
  private notice(filename: string | null, folder: string): void {
    if (this.closed) return;
    // No name (the OS dropped events): check the whole folder.
    const workspacePath = filename ?? folder;
    if (workspacePath !== '' && (workspacePathProblem(workspacePath) || isIgnoredPath(workspacePath))) return;
    if (this.pending.size === 0) this.firstPendingAt = Date.now();
    this.pending.add(workspacePath);
    clearTimeout(this.timer);
    const untilMax = this.firstPendingAt + this.maxWaitMs - Date.now();
    this.timer = setTimeout(() => this.flush(), Math.max(0, Math.min(this.debounceMs, untilMax)));
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const paths = this.pending.has('') ? [''] : [...this.pending];
    this.pending.clear();
    this.checking = this.checking
      .then(() => this.check(paths))
      .catch((error: unknown) => this.log(`studio: checking changes under ${this.realRoot} failed: ${(error as Error).message}`));
  }

  private async check(paths: string[]): Promise<void> {
    const changes = new Map<string, WorkspaceChange>();
    for (const workspacePath of paths) await this.checkPath(workspacePath, changes);
    if (this.closed) return;
    for (const change of [...changes.values()].sort((a, b) => compareWorkspacePaths(a.path, b.path))) {
      try {
        this.listener(change);
      } catch (error) {
        this.log(`studio: a workspace.change listener failed: ${(error as Error).message}`);
      }
    }
  }

  private async checkPath(workspacePath: string, changes: Map<string, WorkspaceChange>): Promise<void> {
    const full = workspacePath === '' ? this.realRoot : path.join(this.realRoot, ...workspacePath.split('/'));
    let real: string | undefined;
    let stats: Stats | undefined;
    try {
      real = await fs.realpath(full);
      // A link leading outside is as good as absent: the API would refuse to open it.
      stats = isInside(this.realRoot, real) ? await fs.stat(real) : undefined;
    } catch {
      stats = undefined;
    }
    if (stats?.isFile()) {
      this.unwatchFolder(workspacePath);
      this.update(workspacePath, versionOf(stats), changes);
      return;
    }
    const seen = new Set<string>();
    if (stats?.isDirectory() && real) {
      // A folder that appeared (or was replaced) is watched, with every folder inside it.
      if (workspacePath !== '' && real === full) {
        if (this.folderInodes.get(workspacePath) !== stats.ino) this.unwatchFolder(workspacePath);
        this.watchFolder(workspacePath, full);
        this.folderInodes.set(workspacePath, stats.ino);
      }
      const entries = await walk(this.realRoot, real, workspacePath, { withStats: true }).catch(() => []);
      for (const entry of entries) {
        if (!entry.stats) {
          if (entry.kind === 'directory') this.watchFolder(entry.path, path.join(this.realRoot, ...entry.path.split('/')));
          continue;
        }
        seen.add(entry.path);
        this.update(entry.path, versionOf(entry.stats), changes);
      }
    } else if (workspacePath !== '') {
      this.unwatchFolder(workspacePath);
    }
    // What was known at or under this path and is not there now is gone.
    for (const known of [...this.known.keys()]) {
      const under = workspacePath === '' || known === workspacePath || known.startsWith(workspacePath + '/');
      if (under && !seen.has(known)) {
        this.known.delete(known);
        changes.set(known, { type: 'deleted', path: known });
      }
    }
  }

  private update(workspacePath: string, version: string, changes: Map<string, WorkspaceChange>): void {
    const previous = this.known.get(workspacePath);
    if (previous === version) return;
    this.known.set(workspacePath, version);
    changes.set(workspacePath, { type: previous === undefined ? 'created' : 'changed', path: workspacePath, version });
  }
}
