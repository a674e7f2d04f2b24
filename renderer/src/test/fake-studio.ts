/** A studio over an in-memory host and fake buffers: the real stores and actions, no Monaco. */
import { createMemoryStudioApi, type MemoryStudioApi } from '../../../shared/studio/memory-api.js';
import { createStudio, type Studio } from '../app/studio.js';
import type { EditorPort } from '../app/editor-port.js';
import { FakeBuffers } from './fake-buffers.js';

export interface FakeStudio {
  studio: Studio;
  api: MemoryStudioApi;
  buffers: FakeBuffers;
  editor: EditorPort & { actions: string[]; reveals: { path: string; line: number }[] };
}

export function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, String(value)),
  };
}

export function createFakeStudio(files: Record<string, string> = {}): FakeStudio {
  const api = createMemoryStudioApi(files, { version: '0.1.0-test' });
  const buffers = new FakeBuffers();
  const studio = createStudio({
    connection: { api, host: 'web', status: () => 'connected', onStatus: () => () => {}, onCommand: () => () => {} },
    buffers,
    storage: memoryStorage(),
    mac: false,
  });
  buffers.onDirty = (path, dirty) => studio.documents.getState().setDirty(path, dirty);
  const editor = {
    actions: [] as string[],
    reveals: [] as { path: string; line: number }[],
    revealWhenShown(path: string, selection: { startLineNumber: number }) {
      editor.reveals.push({ path, line: selection.startLineNumber });
    },
    runAction(id: string) {
      editor.actions.push(id);
      return true;
    },
    focus() {},
    hasFocus: () => false,
  };
  studio.attachEditor(editor);
  return { studio, api, buffers, editor };
}
