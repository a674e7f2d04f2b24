/**
 * Helpers for driving the studio: open it on a fresh copy of the sample workspace, read what
 * Monaco shows (line by line, as rendered), move the cursor, and save screenshots.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { SAMPLE_WORKSPACE, SCREENSHOTS } from './paths.js';

export function studioUrl(): string {
  const url = process.env.STUDIO_URL;
  if (!url) throw new Error('STUDIO_URL is not set: run the tests with e2e/playwright.config.ts (its global setup starts the host)');
  return url;
}

export function workspaceDir(): string {
  const dir = process.env.STUDIO_WORKSPACE;
  if (!dir) throw new Error('STUDIO_WORKSPACE is not set: run the tests with e2e/playwright.config.ts');
  return dir;
}

/**
 * Puts every sample file back as shipped, so each test starts from the same workspace. Only
 * files that differ are written: rewriting all of them would send the host a burst of change
 * events (and stir its watcher) before every test.
 */
export function resetWorkspace(): void {
  for (const file of readdirSync(SAMPLE_WORKSPACE, { recursive: true, encoding: 'utf8' })) {
    const from = path.join(SAMPLE_WORKSPACE, file);
    if (!statSync(from).isFile()) continue;
    const to = path.join(workspaceDir(), file);
    const shipped = readFileSync(from);
    if (existsSync(to) && readFileSync(to).equals(shipped)) continue;
    mkdirSync(path.dirname(to), { recursive: true });
    writeFileSync(to, shipped);
  }
}

export function readWorkspaceFile(file: string): string {
  return readFileSync(path.join(workspaceDir(), file), 'utf8');
}

export function writeWorkspaceFile(file: string, text: string): void {
  writeFileSync(path.join(workspaceDir(), file), text);
}

/** Opens the studio and waits until the workspace is listed and the host connected. */
export async function openStudio(page: Page): Promise<void> {
  await page.goto(studioUrl());
  await expect(page.getByRole('tree', { name: 'Workspace files' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Host: Connected' })).toBeVisible();
}

export function editorRegion(page: Page): Locator {
  return page.getByRole('region', { name: 'Protocol editor' });
}

export function previewRegion(page: Page): Locator {
  return page.getByRole('region', { name: 'Compiled JSON' });
}

/** Opens a file by clicking its row in the tree, and waits for its text. */
export async function openFromTree(page: Page, name: string, expectText: string): Promise<void> {
  await page.getByRole('treeitem', { name }).click();
  await expect(page.getByRole('tab', { name: new RegExp(`^${name.replace('.', '\\.')}`) })).toHaveAttribute('aria-selected', 'true');
  await expect(editorRegion(page).locator('.view-lines')).toContainText(expectText);
}

/** The lines the editor renders now, by line number (Monaco draws only what is in view). */
export async function visibleLines(page: Page): Promise<Map<number, string>> {
  const entries = await editorRegion(page).locator('.monaco-editor').first().evaluate((root) => {
    const byTop = new Map<string, { line?: number; text?: string }>();
    for (const el of root.querySelectorAll<HTMLElement>('.view-lines .view-line')) {
      byTop.set(el.style.top, { ...byTop.get(el.style.top), text: (el.textContent ?? '').replace(/\u00a0/g, ' ') });
    }
    for (const el of root.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers')) {
      const top = el.parentElement?.style.top ?? '';
      byTop.set(top, { ...byTop.get(top), line: Number(el.textContent) });
    }
    return [...byTop.values()].filter((e) => e.line !== undefined).map((e) => [e.line!, e.text ?? ''] as [number, string]);
  });
  return new Map(entries);
}

export async function lineText(page: Page, line: number): Promise<string | undefined> {
  return (await visibleLines(page)).get(line);
}

/** The compiled JSON the preview shows now (its rendered lines, top to bottom). */
export async function previewText(page: Page): Promise<string> {
  return previewRegion(page).locator('.monaco-editor').first().evaluate((root) => {
    const lines = [...root.querySelectorAll<HTMLElement>('.view-lines .view-line')];
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
  });
}

/** Moves the cursor to a line with Monaco's Go to Line (Ctrl+G), then to its first non-blank. */
export async function goToLine(page: Page, line: number): Promise<void> {
  await editorRegion(page).locator('.monaco-editor textarea').first().focus();
  await page.keyboard.press('Control+g');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await expect(page.getByTestId('cursor-position')).toContainText(`Ln ${line},`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // Let the editor finish drawing (cursor blink, widgets fading in).
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}
