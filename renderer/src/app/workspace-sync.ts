/**
 * Keeps the studio in step with the workspace on disk: the first load (tree, host info, a
 * model for every contract, the tabs of the last session), changes reported by the host's
 * watcher, and a full recheck after a dropped connection comes back (anything may have changed
 * while nobody was listening).
 */
import { errorCode, errorMessage } from '../stores/documents-store.js';
import { isContract } from '../workspace/file-kind.js';
import { readWorkspaceTitle, SETTINGS_FILE } from '../workspace/workspace-settings.js';
import type { Studio } from './studio.js';

const SESSION_KEY = 'spl-studio.session';

interface Session {
  tabs: string[];
  active: string | null;
}

function sessionKey(root: string): string {
  return `${SESSION_KEY}:${root}`;
}

export async function loadWorkspace(studio: Studio, storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Promise<void> {
  const { api } = studio;
  try {
    const [info, entries] = await Promise.all([api.workspace.info(), api.workspace.list()]);
    studio.workspace.getState().setWorkspace(info, entries);
  } catch (error) {
    studio.notifications.getState().push(`Could not open the workspace: ${errorMessage(error)}`);
    return;
  }
  api.host.info().then(
    (host) => studio.connectionState.getState().setHost(host),
    () => studio.connectionState.getState().setHost(null),
  );
  void readWorkspaceTitle(api.workspace).then((title) => studio.workspace.getState().setTitle(title));
  const files = studio.workspace.getState().files();
  // Every contract gets a model now: cross-file navigation needs the files nobody opened.
  await Promise.all(files.filter(isContract).map((path) => studio.documents.getState().load(path)));
  await restoreSession(studio, files, storage);
}

async function restoreSession(studio: Studio, files: string[], storage: Pick<Storage, 'getItem'> | undefined): Promise<void> {
  const root = studio.workspace.getState().info?.root;
  if (!root) return;
  let session: Session | null;
  try {
    session = JSON.parse(storage?.getItem(sessionKey(root)) ?? 'null') as Session | null;
  } catch {
    return;
  }
  if (!session || !Array.isArray(session.tabs)) return;
  const existing = new Set(files);
  for (const path of session.tabs) {
    if (typeof path === 'string' && existing.has(path)) await studio.openFile(path);
  }
  if (session.active && studio.tabs.getState().tabs.includes(session.active)) studio.tabs.getState().activate(session.active);
}

/** Remembers the open tabs per workspace, so a reload (or the next start) brings them back. */
export function persistSession(studio: Studio, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): () => void {
  return studio.tabs.subscribe(({ tabs, active }) => {
    const root = studio.workspace.getState().info?.root;
    if (!root) return;
    try {
      storage?.setItem(sessionKey(root), JSON.stringify({ tabs, active } satisfies Session));
    } catch {
      // Not remembered; nothing else depends on it.
    }
  });
}

/** Follows the host's change events and reconnections; returns a function that stops. */
export function watchWorkspace(studio: Studio): () => void {
  const { api } = studio;
  let relist: ReturnType<typeof setTimeout> | null = null;

  // Creations and deletions change the tree; a burst (git checkout) costs one listing.
  const scheduleRelist = (): void => {
    if (relist) clearTimeout(relist);
    relist = setTimeout(() => {
      relist = null;
      api.workspace.list().then(
        (entries) => studio.workspace.getState().setEntries(entries),
        () => {},
      );
    }, 100);
  };

  const stopChanges = api.on('workspace.change', (change) => {
    if (change.type !== 'changed') scheduleRelist();
    if (change.type === 'created' && isContract(change.path)) void studio.documents.getState().load(change.path);
    if (change.path === SETTINGS_FILE) void readWorkspaceTitle(api.workspace).then((title) => studio.workspace.getState().setTitle(title));
    void studio.documents.getState().diskChanged(change);
  });

  let wasDisconnected = false;
  const stopStatus = studio.connection.onStatus((status) => {
    studio.connectionState.getState().setStatus(status);
    if (status === 'disconnected') wasDisconnected = true;
    if (status === 'connected' && wasDisconnected) {
      wasDisconnected = false;
      // The first load may itself have failed (the host was not up yet).
      void (studio.workspace.getState().info ? resync(studio) : loadWorkspace(studio));
    }
  });
  studio.connectionState.getState().setStatus(studio.connection.status());

  return () => {
    stopChanges();
    stopStatus();
    if (relist) clearTimeout(relist);
  };
}

/** After a reconnection: the tree again, and every loaded file checked against its version on disk. */
export async function resync(studio: Studio): Promise<void> {
  const { api } = studio;
  try {
    studio.workspace.getState().setEntries(await api.workspace.list());
  } catch {
    return;
  }
  api.host.info().then((host) => studio.connectionState.getState().setHost(host), () => {});
  const docs = studio.documents.getState().docs;
  await Promise.all(Object.keys(docs).map(async (path) => {
    try {
      const { version } = await api.workspace.read(path);
      await studio.documents.getState().diskChanged({ type: 'changed', path, version });
    } catch (error) {
      if (errorCode(error) === 'not-found') await studio.documents.getState().diskChanged({ type: 'deleted', path });
    }
  }));
  for (const path of studio.workspace.getState().files().filter(isContract)) {
    if (!studio.documents.getState().docs[path]) void studio.documents.getState().load(path);
  }
}
