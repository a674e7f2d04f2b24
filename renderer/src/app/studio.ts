/**
 * The studio's state, created once per window: every store, the host connection, and the few
 * actions that span stores (open a file, close a tab). Components get it from StudioContext;
 * tests build one over an in-memory host.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { NodeDescription } from '../../../shared/studio/api.js';
import type { StudioConnection } from '../api/connect.js';
import { createCommandStore } from '../commands/registry.js';
import { createConnectionStore } from '../stores/connection-store.js';
import { createComposerStore } from '../stores/composer-store.js';
import { createConnectionsStore } from '../stores/connections-store.js';
import { createDialogStore } from '../stores/dialog-store.js';
import { createDocumentsStore, type TextBuffers } from '../stores/documents-store.js';
import { createEditorStatusStore } from '../stores/editor-status-store.js';
import { createHistoryStore } from '../stores/history-store.js';
import { createLayoutStore } from '../stores/layout-store.js';
import { createNotificationsStore } from '../stores/notifications-store.js';
import { createPreviewStore } from '../stores/preview-store.js';
import { createTabsStore } from '../stores/tabs-store.js';
import { createThemeStore } from '../stores/theme-store.js';
import { createWorkspaceStore } from '../stores/workspace-store.js';
import { baseName } from '../workspace/file-kind.js';
import { NO_EDITOR, type EditorPort, type Selection } from './editor-port.js';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

export interface StudioOptions {
  connection: Pick<StudioConnection, 'api' | 'host' | 'status' | 'onStatus' | 'onCommand'>;
  buffers: TextBuffers;
  storage?: Storage;
  mac?: boolean;
}

export function createStudio(options: StudioOptions) {
  const { connection, buffers } = options;
  const api = connection.api;
  const tabs = createTabsStore();
  const notifications = createNotificationsStore();
  const documents = createDocumentsStore({
    workspace: api.workspace,
    buffers,
    notify: (message) => notifications.getState().push(message),
    isOpen: (path) => tabs.getState().tabs.includes(path),
  });
  const workspace = createWorkspaceStore();
  const layout = createLayoutStore(options.storage);
  const dialog = createDialogStore();

  const studio = {
    api,
    connection,
    buffers,
    editor: NO_EDITOR as EditorPort,
    tabs,
    documents,
    workspace,
    layout,
    dialog,
    notifications,
    theme: createThemeStore(options.storage),
    commands: createCommandStore(options.mac),
    connectionState: createConnectionStore(),
    connections: createConnectionsStore(api),
    status: createEditorStatusStore(),
    preview: createPreviewStore(),
    composer: createComposerStore({
      api,
      notify: (message, kind) => notifications.getState().push(message, kind),
      // The connections store caches descriptions; it is a sibling property, read when called.
      describe: (connectionId, nodeId): Promise<NodeDescription | undefined> => studio.connections.getState().describe(connectionId, nodeId),
    }),
    history: createHistoryStore(api),

    /** Opens a file in a tab (reading it first if needed), optionally at a range. */
    async openFile(path: string, selection?: Selection): Promise<boolean> {
      if (!(await documents.getState().load(path))) return false;
      tabs.getState().open(path);
      workspace.getState().reveal(path);
      if (selection) studio.editor.revealWhenShown(path, selection);
      return true;
    },

    /** Closes a tab; with unsaved changes, asks first (save, don't save, cancel). */
    async closeTab(path: string): Promise<boolean> {
      const doc = documents.getState().docs[path];
      if (doc?.dirty) {
        const choice = await dialog.getState().ask({
          title: `Save changes to ${baseName(path)}?`,
          message: 'Your changes will be lost if you don\'t save them.',
          choices: [
            { id: 'save', label: 'Save', primary: true },
            { id: 'discard', label: 'Don\'t Save' },
            { id: 'cancel', label: 'Cancel' },
          ],
        });
        if (choice === 'save') {
          if (!(await documents.getState().save(path))) return false;
        } else if (choice === 'discard') {
          await documents.getState().revert(path);
        } else {
          return false;
        }
      }
      tabs.getState().close(path);
      return true;
    },

    attachEditor(editor: EditorPort): void {
      studio.editor = editor;
    },
  };
  return studio;
}

export type Studio = ReturnType<typeof createStudio>;

export const StudioContext = createContext<Studio | null>(null);

export function useStudio(): Studio {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error('useStudio: no StudioContext above this component');
  return studio;
}

/** Selects from one of the studio's stores, re-rendering when the selection changes. */
export function useSlice<S, T>(store: StoreApi<S>, selector: (state: S) => T): T {
  return useStore(store, selector);
}
