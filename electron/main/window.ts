/**
 * The studio window, locked down: the renderer runs sandboxed with context isolation and no
 * Node, reaches the host only through the preload's `window.splStudio`, and cannot navigate
 * away or open windows. http(s) links open in the system browser instead (external-links.ts).
 */
import { BrowserWindow, shell, type Session } from 'electron';
import { externalUrl, rateLimited } from './external-links.js';
import { APP_ORIGIN, isAppUrl } from './ipc-guard.js';

const openAllowed = rateLimited(1000);

function openExternally(url: string): void {
  const external = externalUrl(url);
  if (external && openAllowed()) void shell.openExternal(external);
}

/** Denies every permission a page may ask for (camera, notifications...) but writing to the clipboard. */
export function lockDownSession(session: Session): void {
  const allowed = new Set(['clipboard-sanitized-write']);
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(allowed.has(permission)));
  session.setPermissionCheckHandler((_contents, permission) => allowed.has(permission));
}

export function createStudioWindow(preload: string, title: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 720,
    minHeight: 480,
    title,
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  const contents = window.webContents;
  // Navigation inside the studio (reloads, its own pages) stays; anything else is refused, and
  // a web link goes to the system browser.
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openExternally(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  return window;
}

/** Shows the studio page (once IPC is wired, so its first calls find a host). */
export function loadStudio(window: BrowserWindow): Promise<void> {
  return window.loadURL(`${APP_ORIGIN}/index.html`);
}
