/**
 * The preload script: the one bridge between the sandboxed renderer and the main process. It
 * exposes `window.splStudio` with exactly three functions (a `DesktopBridge`), never
 * `ipcRenderer` itself, so the page can call the StudioApi and hear its events and the menus'
 * commands, and nothing else. Sandboxed preloads cannot be ES modules: vite.preload.config.ts
 * bundles this into one CommonJS file (dist/electron/main/preload.cjs).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DesktopBridge } from '../../shared/studio/bridge.js';
import { isStudioCommand, type StudioCommand } from '../../shared/studio/commands.js';
import { STUDIO_EVENTS } from '../../shared/studio/methods.js';

// Channel names repeated from ipc.ts: importing it would pull Electron's main-process API into the preload.
const CALL_CHANNEL = 'studio.call';
const EVENT_CHANNEL = 'studio.event';
const COMMAND_CHANNEL = 'studio.command';

const bridge: DesktopBridge = {
  invoke(method, args) {
    return ipcRenderer.invoke(CALL_CHANNEL, String(method), Array.isArray(args) ? args : []);
  },
  subscribe(event, listener) {
    if (!(STUDIO_EVENTS as readonly string[]).includes(event)) return () => {};
    const handler = (_event: IpcRendererEvent, message: { event?: unknown; payload?: unknown }) => {
      if (message?.event === event) listener(message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
  onCommand(listener) {
    const handler = (_event: IpcRendererEvent, command: unknown) => {
      if (isStudioCommand(command)) listener(command as StudioCommand);
    };
    ipcRenderer.on(COMMAND_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(COMMAND_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('splStudio', bridge);
