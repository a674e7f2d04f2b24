/**
 * Finds the studio's host and wraps it as the one `StudioApi` the renderer uses. In Electron
 * the preload script exposes `window.splStudio`; in a browser the page was served by
 * `spl studio --web` at `http://HOST:PORT/<token>/`, and the API is a WebSocket beside it
 * (`ws://HOST:PORT/<token>/api`). The renderer cannot tell the two apart past this file.
 */
import type { StudioApi } from '../../../shared/studio/api.js';
import type { DesktopBridge } from '../../../shared/studio/bridge.js';
import { createStudioApi } from '../../../shared/studio/client.js';
import { isStudioCommand, type StudioCommand } from '../../../shared/studio/commands.js';
import { studioSocketUrl } from '../../../shared/studio/socket-bridge.js';
import { createReconnectingBridge, type BridgeStatus } from './reconnecting-bridge.js';

export interface StudioConnection {
  api: StudioApi;
  /** 'desktop' in Electron, 'web' in a browser (only the keybinding hints differ). */
  host: 'desktop' | 'web';
  status(): BridgeStatus;
  onStatus(listener: (status: BridgeStatus) => void): () => void;
  /** Commands from the native menus (Electron only; a browser has none). */
  onCommand(listener: (command: StudioCommand) => void): () => void;
}

declare global {
  interface Window {
    splStudio?: DesktopBridge;
  }
}

export function connect(win: Window = window): StudioConnection {
  const desktop = win.splStudio;
  if (desktop) {
    return {
      api: createStudioApi(desktop),
      host: 'desktop',
      status: () => 'connected',
      onStatus: () => () => {},
      onCommand: (listener) => desktop.onCommand((command) => {
        if (isStudioCommand(command)) listener(command);
      }),
    };
  }
  const url = studioSocketUrl(win.location.href);
  const bridge = createReconnectingBridge({
    open: () => new WebSocket(url),
    log: (message) => console.warn(message),
  });
  return {
    api: createStudioApi(bridge),
    host: 'web',
    status: () => bridge.status,
    onStatus: (listener) => bridge.onStatus(listener),
    onCommand: () => () => {},
  };
}
