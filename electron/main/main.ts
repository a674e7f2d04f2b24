/**
 * The desktop studio's main process: one locked-down window (window.ts) showing the renderer
 * from app://studio/ (app-protocol.ts), the StudioApi over IPC (ipc.ts) served by the runtime
 * (electron/runtime/studio), and native menus (menu.ts). The workspace is the one named on the
 * command line, else the last one opened, else the user picks one.
 */
import { app, dialog, Menu, protocol, session, type BrowserWindow } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { productVersion } from '../runtime/studio/package-root.js';
import { defaultRendererDir, rendererProblem } from '../runtime/studio/renderer-files.js';
import { createStudioService, type StudioService } from '../runtime/studio/studio-service.js';
import { startLocalNode, type LocalNode } from '../runtime/studio/local-node.js';
import type { HostInfo } from '../../shared/studio/api.js';
import { APP_SCHEME_PRIVILEGES, appResponse } from './app-protocol.js';
import { serveStudioIpc, type StudioIpc } from './ipc.js';
import { APP_SCHEME } from './ipc-guard.js';
import { parseLaunchArgs } from './launch-args.js';
import { menuTemplate } from './menu.js';
import { readSettings, writeSettings } from './settings.js';
import { createStudioWindow, loadStudio, lockDownSession } from './window.js';

const log = (message: string) => process.stderr.write(message + '\n');
const rendererDir = defaultRendererDir();

// Before ready: every renderer sandboxed, and our scheme known as a standard, secure origin.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let window: BrowserWindow | undefined;
let ipc: StudioIpc | undefined;
let service: StudioService | undefined;
/** The runtime's node, in this process: the studio has a node to call from its first start. */
let localNode: LocalNode | undefined;

function hostInfo(): HostInfo {
  return { version: productVersion(), ...(localNode ? { node: localNode.info } : {}) };
}

/** What every workspace's service shares: the host, its local node and the user's own settings. */
function serviceOptions() {
  return { hostInfo: hostInfo(), localNode, userDataDir: app.getPath('userData'), log };
}

/** A service for `root`, or undefined (having said why) if it cannot be opened. */
async function prepareWorkspace(root: string): Promise<StudioService | undefined> {
  try {
    return await createStudioService({ workspaceRoot: root, ...serviceOptions() });
  } catch (error) {
    dialog.showErrorBox('Cannot open the workspace', (error as Error).message);
    return undefined;
  }
}

/** Serves `next` from now on: IPC, title, remembered for next time. */
async function adoptWorkspace(next: StudioService): Promise<void> {
  const previous = service;
  service = next;
  ipc?.serve(next.api);
  await previous?.close();
  window?.setTitle(`${path.basename(next.workspace.root)} — SPL Studio`);
  await writeSettings(app.getPath('userData'), { lastWorkspace: next.workspace.root }).catch(() => {});
}

/**
 * Opening another workspace reloads the page on it (simpler and safer than migrating the
 * page's state). The switch happens when the reload really starts, after the page's
 * beforeunload (unsaved changes) has been answered, so a page that stays never talks to the
 * new workspace.
 */
let pendingSwitch: StudioService | undefined;

async function switchWorkspace(): Promise<void> {
  const chosen = await chooseWorkspace();
  const next = chosen ? await prepareWorkspace(chosen) : undefined;
  if (!next || !window) return void next?.close();
  void pendingSwitch?.close();
  pendingSwitch = next;
  window.webContents.reload();
}

function guardUnload(win: BrowserWindow): void {
  const contents = win.webContents;
  contents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Discard Changes', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'Discard unsaved changes?',
      detail: 'Some files have changes that are not saved.',
    });
    if (choice === 0) return event.preventDefault();
    void pendingSwitch?.close();
    pendingSwitch = undefined;
  });
  contents.on('did-start-navigation', (details) => {
    if (!pendingSwitch || !details.isMainFrame || details.isSameDocument) return;
    const next = pendingSwitch;
    pendingSwitch = undefined;
    void adoptWorkspace(next);
  });
}

async function chooseWorkspace(): Promise<string | undefined> {
  const options = { title: 'Open Workspace', properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? undefined : result.filePaths[0];
}

async function start(): Promise<void> {
  const problem = rendererProblem(rendererDir);
  if (problem) {
    dialog.showErrorBox('SPL Studio cannot start', problem);
    app.exit(1);
    return;
  }
  protocol.handle(APP_SCHEME, (request) => appResponse(rendererDir, request.url, request.method));
  lockDownSession(session.defaultSession);

  // A node that cannot start (its data folder unusable, say) leaves the editor working: say why.
  localNode = await startLocalNode({ dataDir: path.join(app.getPath('userData'), 'node') }).catch((error: unknown) => {
    log(`studio: the local node did not start: ${(error as Error).message}`);
    return undefined;
  });
  const named = parseLaunchArgs(process.argv.slice(1), [fileURLToPath(import.meta.url), app.getAppPath()]).workspace;
  const last = named ? undefined : (await readSettings(app.getPath('userData'))).lastWorkspace;
  let first = named ? await prepareWorkspace(named) : undefined;
  if (named && !first) return app.exit(1);
  // The last workspace may have moved since: then ask, as on a first run.
  if (!first && last) first = await createStudioService({ workspaceRoot: last, ...serviceOptions() }).catch(() => undefined);
  if (!first) {
    const chosen = await chooseWorkspace();
    first = chosen ? await prepareWorkspace(chosen) : undefined;
  }
  if (!first) return app.exit(0);

  window = createStudioWindow(path.join(import.meta.dirname, 'preload.cjs'), 'SPL Studio');
  ipc = serveStudioIpc(window, log);
  await adoptWorkspace(first);
  guardUnload(window);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        command: (command) => ipc?.command(command),
        openWorkspace: () => void switchWorkspace(),
      }),
    ),
  );
  window.on('closed', () => {
    ipc?.close();
    ipc = undefined;
    window = undefined;
  });
  await loadStudio(window);
}

app.on('window-all-closed', () => {
  void service?.close();
  void localNode?.close();
  app.quit();
});

app
  .whenReady()
  .then(start)
  .catch((error: unknown) => {
    log(`studio: ${(error as Error)?.stack ?? String(error)}`);
    app.exit(1);
  });
