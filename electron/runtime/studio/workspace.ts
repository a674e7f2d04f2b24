/**
 * The workspace: a folder the user opened, seen through the StudioApi's `workspace` group. Every
 * path is relative to the root and stays inside it (contained-path.ts); a file's version is its
 * modification time and size, so an edit started from one version cannot silently overwrite a
 * change made since (`conflict`); writes are atomic (atomic-write.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { StudioError, type FileContent, type WorkspaceApi, type WorkspaceChange, type WorkspaceEntry, type WorkspaceInfo, type WriteOptions } from '../../../shared/studio/api.js';
import { MAX_TEXT_BYTES } from '../../../shared/studio/methods.js';
import { writeAtomic } from './atomic-write.js';
import { isInside, resolveExisting, resolveForWrite } from './contained-path.js';
import { osCode, toStudioError } from './fs-errors.js';
import { versionOf } from './version.js';
import { walk } from './walk.js';
import { WorkspaceWatcher, type WatchOptions } from './watcher.js';

export class Workspace implements WorkspaceApi {
  /** Writes in flight per real path: the studio's own writes to one file run one at a time. */
  private readonly writing = new Map<string, Promise<unknown>>();

  private constructor(
    /** The folder as given (absolute), for display. */
    readonly root: string,
    /** The folder with every link resolved: containment is checked against this. */
    readonly realRoot: string,
  ) {}

  /** Opens `root`, which must be an existing folder. */
  static async open(root: string): Promise<Workspace> {
    const absolute = path.resolve(root);
    let real: string;
    try {
      real = await fs.realpath(absolute);
      if (!(await fs.stat(real)).isDirectory()) throw new StudioError('invalid-argument', `the workspace ${absolute} is a file, not a folder`);
    } catch (error) {
      if (error instanceof StudioError) throw error;
      if (osCode(error) === 'ENOENT') throw new StudioError('not-found', `the workspace folder ${absolute} does not exist`);
      throw new StudioError('io', `cannot open the workspace ${absolute}: ${(error as Error).message}`);
    }
    return new Workspace(absolute, real);
  }

  async info(): Promise<WorkspaceInfo> {
    return { name: path.basename(this.root) || this.root, root: this.root };
  }

  async list(): Promise<WorkspaceEntry[]> {
    try {
      return (await walk(this.realRoot, this.realRoot, '')).map(({ path, kind }) => ({ path, kind }));
    } catch (error) {
      throw toStudioError('workspace.list', '.', error);
    }
  }

  async read(workspacePath: string): Promise<FileContent> {
    try {
      const real = await resolveExisting('workspace.read', this.realRoot, workspacePath);
      // Only regular files: opening a FIFO or a device could block or never end.
      const kind = await fs.stat(real);
      if (kind.isDirectory()) throw new StudioError('invalid-argument', `workspace.read: ${workspacePath} is a folder, not a file`);
      if (!kind.isFile()) throw new StudioError('invalid-argument', `workspace.read: ${workspacePath} is not a regular file`);
      const handle = await fs.open(real, 'r');
      try {
        // Stat before and after: a file rewritten in place while we read is read again.
        for (let attempt = 0; ; attempt++) {
          const before = await handle.stat();
          if (before.size > MAX_TEXT_BYTES) {
            throw new StudioError('invalid-argument', `workspace.read: ${workspacePath} is ${(before.size / 1024 / 1024).toFixed(1)} MB; the studio opens files up to ${MAX_TEXT_BYTES / 1024 / 1024} MB`);
          }
          const buffer = Buffer.alloc(before.size);
          const { bytesRead } = await handle.read(buffer, 0, before.size, 0);
          const after = await handle.stat();
          if ((versionOf(before) === versionOf(after) && bytesRead === before.size) || attempt >= 2) {
            return { path: workspacePath, text: buffer.toString('utf8', 0, bytesRead), version: versionOf(after) };
          }
        }
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw toStudioError('workspace.read', workspacePath, error);
    }
  }

  async write(workspacePath: string, text: string, options: WriteOptions = {}): Promise<{ version: string }> {
    let target: string;
    try {
      target = await resolveForWrite('workspace.write', this.realRoot, workspacePath);
    } catch (error) {
      throw toStudioError('workspace.write', workspacePath, error);
    }
    const previous = this.writing.get(target) ?? Promise.resolve();
    const run = previous.catch(() => {}).then(() => this.writeNow(workspacePath, target, text, options));
    this.writing.set(target, run);
    try {
      return await run;
    } finally {
      if (this.writing.get(target) === run) this.writing.delete(target);
    }
  }

  private async writeNow(workspacePath: string, target: string, text: string, options: WriteOptions): Promise<{ version: string }> {
    try {
      const current = await fs.stat(target).catch((error: unknown) => {
        if (osCode(error) === 'ENOENT') return undefined;
        throw error;
      });
      if (current?.isDirectory()) throw new StudioError('invalid-argument', `workspace.write: ${workspacePath} is a folder, not a file`);
      if (current && !current.isFile()) throw new StudioError('invalid-argument', `workspace.write: ${workspacePath} is not a regular file`);
      if (options.expectedVersion !== undefined) {
        if (!current) throw new StudioError('conflict', `workspace.write: ${workspacePath} was deleted on disk since version ${options.expectedVersion}; save again to recreate it`);
        const found = versionOf(current);
        if (found !== options.expectedVersion) {
          throw new StudioError('conflict', `workspace.write: ${workspacePath} changed on disk since you opened it (expected version ${options.expectedVersion}, found ${found}); reload it or save again to overwrite`);
        }
      }
      const folder = path.dirname(target);
      await fs.mkdir(folder, { recursive: true });
      // The folder may have just been made through a link: check where it really is before writing.
      if (!isInside(this.realRoot, await fs.realpath(folder))) {
        throw new StudioError('invalid-argument', `workspace.write: ${workspacePath} leads outside the workspace (through a symbolic link); the studio only writes files inside it`);
      }
      await writeAtomic(target, text, current ? current.mode & 0o7777 : undefined);
      return { version: versionOf(await fs.stat(target)) };
    } catch (error) {
      throw toStudioError('workspace.write', workspacePath, error);
    }
  }

  /** Watches the folder; returns a function that stops watching. */
  async watch(listener: (change: WorkspaceChange) => void, options: WatchOptions = {}): Promise<() => void> {
    const watcher = await WorkspaceWatcher.start(this.realRoot, listener, options);
    return () => watcher.close();
  }
}
