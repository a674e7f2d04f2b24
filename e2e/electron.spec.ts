/**
 * The desktop studio: Electron's main process, the preload and the locked-down window, driven
 * by Playwright's Electron support. Needs Electron's binary, which installs made with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1 lack: then these tests are skipped, saying so.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { CallOutcome, DesktopBridge } from '../shared/studio/bridge.js';
import { REPO, SAMPLE_WORKSPACE } from './support/paths.js';

/** `require('electron')` is the binary's path, and throws when the install skipped the binary. */
function electronBinary(): string | undefined {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
type Bridged = { splStudio?: DesktopBridge; studioCommands?: string[] };

test.describe('the desktop studio', () => {
  test.skip(!binary, "Electron's binary is not installed here");

  let app: ElectronApplication;
  let page: Page;
  let workspace: string;

  test.beforeAll(async () => {
    execFileSync('npm', ['run', '-s', 'build:electron'], { cwd: REPO, stdio: 'inherit' });
    workspace = mkdtempSync(path.join(os.tmpdir(), 'spl-studio-electron-'));
    cpSync(SAMPLE_WORKSPACE, workspace, { recursive: true });
    app = await electron.launch({
      executablePath: binary,
      // Chromium refuses to run as root with its sandbox on (CI containers).
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), path.join(REPO, 'dist/electron/main/main.js'), '--workspace', workspace],
      cwd: REPO,
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  test('shows the workspace from app://studio/', async () => {
    expect(page.url()).toBe('app://studio/index.html');
    await expect(page.getByRole('tree', { name: 'Workspace files' })).toBeVisible();
  });

  test('the page has the bridge and nothing of Node or Electron', async () => {
    expect(await page.evaluate(() => Object.keys((window as Bridged).splStudio ?? {}).sort())).toEqual(['invoke', 'onCommand', 'subscribe']);
    expect(await page.evaluate(() => [typeof (globalThis as Record<string, unknown>).require, typeof (globalThis as Record<string, unknown>).process])).toEqual(['undefined', 'undefined']);
  });

  test('the StudioApi answers over IPC and validates its arguments', async () => {
    const read = await page.evaluate(() => (window as Bridged).splStudio!.invoke('workspace.read', ['spl-workspace.json']));
    expect(read).toMatchObject({ ok: true, value: { path: 'spl-workspace.json' } });
    const refused: CallOutcome = await page.evaluate(() => (window as Bridged).splStudio!.invoke('workspace.read', ['../../etc/passwd']));
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  test('the page cannot navigate away or open windows', async () => {
    await page.evaluate(() => {
      window.open('app://studio/index.html');
      location.href = 'file:///etc/passwd';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://studio/index.html');
    expect(app.windows()).toHaveLength(1);
  });

  test('menu commands reach the page', async () => {
    await page.evaluate(() => {
      const w = window as Bridged;
      w.studioCommands = [];
      w.splStudio!.onCommand((command) => w.studioCommands!.push(command));
    });
    await app.evaluate(({ Menu }) => {
      const find = (items: Electron.MenuItem[]): Electron.MenuItem | undefined =>
        items.map((item) => (item.label === 'Toggle Theme' ? item : find(item.submenu?.items ?? []))).find(Boolean);
      find(Menu.getApplicationMenu()?.items ?? [])?.click();
    });
    await expect.poll(() => page.evaluate(() => (window as Bridged).studioCommands)).toEqual(['theme.toggle']);
  });
});
