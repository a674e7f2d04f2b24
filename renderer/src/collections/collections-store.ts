/**
 * Saved requests: the workspace's collections, one JSON file each under `requests/` (they live
 * in git with the contracts). A file that does not parse is listed with its error rather than
 * hidden. Every write sends the version it was read at, so a collection changed meanwhile (in
 * an editor tab, by git) is never overwritten silently: the user is told and the list re-read.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StudioApi, WorkspaceChange } from '../../../shared/studio/api.js';
import { collectionPath, parseCollection, serializeCollection, type Collection, type SavedRequest } from '../../../shared/studio/saved-requests.js';

export const COLLECTIONS_FOLDER = 'requests/';

export interface CollectionFile {
  path: string;
  version: string;
  collection?: Collection;
  /** Why the file is not a collection, for people. */
  error?: string;
}

/** Where to save: an existing collection file, or a new collection by name. */
export type SaveInto = { path: string } | { newCollection: string };

export interface CollectionsState {
  files: CollectionFile[];
  loaded: boolean;
  /** Why listing failed. */
  error: string | null;
  /** Whether the "save the current request" bar is open (a palette command opens it too). */
  saving: boolean;
  setSaving(open: boolean): void;
  load(): Promise<void>;
  /** Adds the request to a collection, replacing a request of the same name there; resolves with the file's path, or null. */
  save(into: SaveInto, request: SavedRequest): Promise<string | null>;
  rename(path: string, index: number, name: string): Promise<boolean>;
  remove(path: string, index: number): Promise<boolean>;
}

export type CollectionsStore = StoreApi<CollectionsState>;

export interface CollectionsDeps {
  api: Pick<StudioApi, 'workspace' | 'on'>;
  notify(message: string, kind?: 'error' | 'info'): void;
}

export function isCollectionPath(path: string): boolean {
  return path.startsWith(COLLECTIONS_FOLDER) && path.endsWith('.json');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const byPath = (a: CollectionFile, b: CollectionFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

export function createCollectionsStore(deps: CollectionsDeps): CollectionsStore {
  const { api, notify } = deps;

  return createStore<CollectionsState>()((set, get) => {
    const readFile = async (path: string): Promise<CollectionFile | null> => {
      try {
        const file = await api.workspace.read(path);
        const parsed = parseCollection(file.text, path);
        return 'error' in parsed ? { path, version: file.version, error: parsed.error } : { path, version: file.version, collection: parsed.collection };
      } catch (error) {
        if ((error as { code?: unknown }).code === 'not-found') return null;
        return { path, version: '', error: `Could not read ${path}: ${errorText(error)}` };
      }
    };

    const put = (path: string, file: CollectionFile | null): void => {
      const rest = get().files.filter((f) => f.path !== path);
      set({ files: file ? [...rest, file].sort(byPath) : rest });
    };

    api.on('workspace.change', (change: WorkspaceChange) => {
      if (!isCollectionPath(change.path) || !get().loaded) return;
      if (change.type === 'deleted') return put(change.path, null);
      if (get().files.find((f) => f.path === change.path)?.version === change.version) return;
      void readFile(change.path).then((file) => put(change.path, file));
    });

    /** Writes a collection back, refusing if its file changed since it was read. */
    const write = async (file: CollectionFile, collection: Collection, expectExisting: boolean): Promise<boolean> => {
      try {
        const { version } = await api.workspace.write(file.path, serializeCollection(collection), expectExisting ? { expectedVersion: file.version } : undefined);
        put(file.path, { path: file.path, version, collection });
        return true;
      } catch (error) {
        if ((error as { code?: unknown }).code === 'conflict') {
          notify(`Not saved: ${file.path} changed on disk since it was read. The collections have been read again: try once more.`);
          await get().load();
        } else {
          notify(`Could not save ${file.path}: ${errorText(error)}`);
        }
        return false;
      }
    };

    /** The loaded collection in a file, or a message saying why it cannot be changed. */
    const editable = (path: string): { file: CollectionFile; collection: Collection } | null => {
      const file = get().files.find((f) => f.path === path);
      if (!file?.collection) {
        notify(file ? `${path} is not a valid collection (${file.error}): fix it in the editor first.` : `${path} is no longer in the workspace.`);
        return null;
      }
      return { file, collection: file.collection };
    };

    return {
      files: [],
      loaded: false,
      error: null,
      saving: false,

      setSaving(open) {
        set({ saving: open });
      },

      async load() {
        try {
          const entries = await api.workspace.list();
          const paths = entries.filter((e) => e.kind === 'file' && isCollectionPath(e.path)).map((e) => e.path);
          const files = (await Promise.all(paths.map(readFile))).filter((f): f is CollectionFile => f !== null);
          set({ files: files.sort(byPath), loaded: true, error: null });
        } catch (error) {
          set({ loaded: true, error: `Could not list the collections: ${errorText(error)}` });
        }
      },

      async save(into, request) {
        if ('newCollection' in into) {
          const name = into.newCollection.trim();
          if (name === '') {
            notify('Give the new collection a name.');
            return null;
          }
          const path = collectionPath(name);
          // The name may be taken by a file already: add to it rather than replace it.
          const existing = get().files.find((f) => f.path === path) ?? (await readFile(path));
          if (existing) {
            put(path, existing);
            return get().save({ path }, request);
          }
          const written = await write({ path, version: '' }, { name, requests: [request] }, false);
          return written ? path : null;
        }
        const found = editable(into.path);
        if (!found) return null;
        const requests = [...found.collection.requests];
        const at = requests.findIndex((r) => r.name === request.name);
        if (at >= 0) requests[at] = request;
        else requests.push(request);
        return (await write(found.file, { ...found.collection, requests }, true)) ? into.path : null;
      },

      async rename(path, index, name) {
        const found = editable(path);
        const trimmed = name.trim();
        if (!found || !found.collection.requests[index]) return false;
        if (trimmed === '') {
          notify('A saved request needs a name.');
          return false;
        }
        if (found.collection.requests.some((r, i) => i !== index && r.name === trimmed)) {
          notify(`${found.collection.name} already has a request named "${trimmed}".`);
          return false;
        }
        const requests = found.collection.requests.map((r, i) => (i === index ? { ...r, name: trimmed } : r));
        return write(found.file, { ...found.collection, requests }, true);
      },

      async remove(path, index) {
        const found = editable(path);
        if (!found || !found.collection.requests[index]) return false;
        const requests = found.collection.requests.filter((_, i) => i !== index);
        return write(found.file, { ...found.collection, requests }, true);
      },
    };
  });
}
