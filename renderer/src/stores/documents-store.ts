/**
 * The files the studio has loaded, against their versions on disk: dirty state, saving, and what
 * happens when the disk and the editor disagree.
 *
 * - Save sends the version the edit started from (`expectedVersion`); if someone changed the file
 *   since, the host refuses with `conflict` and the user chooses: reload theirs, overwrite, or
 *   cancel (and keep editing).
 * - A change on disk (`workspace.change`) reloads a clean file silently; a dirty one gets a
 *   prompt: reload, or keep mine (the next save then overwrites knowingly).
 *
 * The text itself lives in Monaco models (editor/models.ts); this store reaches it through
 * `TextBuffers`, so it runs (and is tested) without Monaco.
 */
import { createStore } from 'zustand/vanilla';
import type { WorkspaceApi, WorkspaceChange } from '../../../shared/studio/api.js';

export type DocumentPrompt =
  /** Save was refused: the file changed on disk after we read it. */
  | { kind: 'conflict' }
  /** The file changed on disk while it has unsaved edits here. */
  | { kind: 'changed'; version: string }
  /** The file was deleted on disk while open here. */
  | { kind: 'deleted' };

export interface DocumentState {
  /** The version on disk the text here started from; undefined once the file is deleted. */
  version?: string;
  dirty: boolean;
  saving: boolean;
  prompt?: DocumentPrompt;
}

export interface TextBuffers {
  get(path: string): string | undefined;
  /** Loads or replaces a file's text (keeping undo where the file is loaded); it counts as saved. */
  set(path: string, text: string): void;
  /** The current text is what is on disk now: clean until the next edit. */
  markSaved(path: string): void;
  remove(path: string): void;
}

export interface DocumentsDeps {
  workspace: Pick<WorkspaceApi, 'read' | 'write'>;
  buffers: TextBuffers;
  /** Tells the user about a failure they can act on. */
  notify(message: string): void;
  /** Whether a tab shows the file (a deleted file that nobody shows is simply forgotten). */
  isOpen(path: string): boolean;
}

export type Resolution = 'reload' | 'overwrite' | 'keep' | 'cancel';

export interface DocumentsState {
  docs: Record<string, DocumentState>;
  /** Reads a file into its buffer unless it is loaded already. */
  load(path: string): Promise<boolean>;
  /** Reported by the buffers whenever an edit or undo changes whether the text matches disk. */
  setDirty(path: string, dirty: boolean): void;
  /** Writes the file; `overwrite` skips the version check. Resolves whether it was written. */
  save(path: string, mode?: 'checked' | 'overwrite'): Promise<boolean>;
  saveAll(): Promise<void>;
  /** Throws away unsaved edits: the text on disk again. */
  revert(path: string): Promise<void>;
  resolve(path: string, choice: Resolution): Promise<void>;
  diskChanged(change: WorkspaceChange): Promise<void>;
  forget(path: string): void;
}

export type DocumentsStore = ReturnType<typeof createDocumentsStore>;

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createDocumentsStore(deps: DocumentsDeps) {
  const loading = new Map<string, Promise<boolean>>();

  return createStore<DocumentsState>()((set, get) => {
    const update = (path: string, patch: Partial<DocumentState>): void => {
      const doc = get().docs[path];
      if (!doc) return;
      set({ docs: { ...get().docs, [path]: { ...doc, ...patch } } });
    };

    /** Replaces the text with what is on disk now. */
    const reload = async (path: string): Promise<void> => {
      try {
        const content = await deps.workspace.read(path);
        deps.buffers.set(path, content.text);
        update(path, { version: content.version, dirty: false, prompt: undefined });
      } catch (error) {
        deps.notify(`Could not reload ${path}: ${errorMessage(error)}`);
      }
    };

    return {
      docs: {},

      load(path) {
        if (get().docs[path]) return Promise.resolve(true);
        const pending = loading.get(path);
        if (pending) return pending;
        const promise = deps.workspace.read(path).then(
          (content) => {
            deps.buffers.set(path, content.text);
            set({ docs: { ...get().docs, [path]: { version: content.version, dirty: false, saving: false } } });
            return true;
          },
          (error: unknown) => {
            deps.notify(`Could not open ${path}: ${errorMessage(error)}`);
            return false;
          },
        ).finally(() => loading.delete(path));
        loading.set(path, promise);
        return promise;
      },

      setDirty(path, dirty) {
        if (get().docs[path] && get().docs[path].dirty !== dirty) update(path, { dirty });
      },

      async save(path, mode = 'checked') {
        const doc = get().docs[path];
        const text = deps.buffers.get(path);
        if (!doc || doc.saving || text === undefined) return false;
        update(path, { saving: true });
        try {
          const options = mode === 'checked' && doc.version !== undefined ? { expectedVersion: doc.version } : {};
          const { version } = await deps.workspace.write(path, text, options);
          // Typing may have gone on while the write was under way: only what was written is saved.
          if (deps.buffers.get(path) === text) deps.buffers.markSaved(path);
          update(path, { version, saving: false, prompt: undefined });
          return true;
        } catch (error) {
          update(path, { saving: false });
          if (errorCode(error) === 'conflict') update(path, { prompt: { kind: 'conflict' } });
          else deps.notify(`Could not save ${path}: ${errorMessage(error)}`);
          return false;
        }
      },

      async saveAll() {
        const dirty = Object.entries(get().docs).filter(([, d]) => d.dirty).map(([p]) => p);
        await Promise.all(dirty.map((p) => get().save(p)));
      },

      async revert(path) {
        if (get().docs[path]) await reload(path);
      },

      async resolve(path, choice) {
        const doc = get().docs[path];
        if (!doc?.prompt) return;
        const prompt = doc.prompt;
        switch (choice) {
          case 'reload':
            if (prompt.kind === 'deleted') get().forget(path);
            else await reload(path);
            return;
          case 'overwrite':
            await get().save(path, 'overwrite');
            return;
          case 'keep':
            // Mine wins: the next save writes over the version seen on disk (or recreates the file).
            update(path, { version: prompt.kind === 'changed' ? prompt.version : prompt.kind === 'deleted' ? undefined : doc.version, prompt: undefined });
            return;
          case 'cancel':
            update(path, { prompt: undefined });
            return;
        }
      },

      async diskChanged(change) {
        const doc = get().docs[change.path];
        if (!doc) return;
        if (change.type === 'deleted') {
          if (!doc.dirty && !deps.isOpen(change.path)) get().forget(change.path);
          else update(change.path, { prompt: { kind: 'deleted' }, version: undefined });
          return;
        }
        // Our own write echoing back, or nothing new. While a save is under way, its answer
        // decides: a conflict if someone else's write got there first.
        if (doc.version === change.version || doc.saving) return;
        if (!doc.dirty) await reload(change.path);
        else update(change.path, { prompt: { kind: 'changed', version: change.version } });
      },

      forget(path) {
        if (!get().docs[path]) return;
        const docs = { ...get().docs };
        delete docs[path];
        deps.buffers.remove(path);
        set({ docs });
      },
    };
  });
}
