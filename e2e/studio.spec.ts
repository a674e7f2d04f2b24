/**
 * The studio in a browser, against the real web host and the sample workspace: the editing
 * loop a contract author goes through, each state saved as a screenshot in e2e/screenshots/.
 */
import { expect, test } from '@playwright/test';
import {
  editorRegion,
  goToLine,
  lineText,
  openFromTree,
  openStudio,
  previewRegion,
  previewText,
  readWorkspaceFile,
  resetWorkspace,
  screenshot,
  writeWorkspaceFile,
} from './support/studio.js';

const DATA = 'definitions/spl-data.avdl';
const COMMON = 'definitions/spl-common.avdl';

test.beforeEach(async ({ page }) => {
  resetWorkspace();
  await openStudio(page);
});

test('opens the sample workspace', async ({ page }) => {
  const tree = page.getByRole('tree', { name: 'Workspace files' });
  for (const name of ['definitions', 'spl-common.avdl', 'spl-data.avdl', 'README.md', 'spl-workspace.json']) {
    await expect(tree.getByRole('treeitem', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('region', { name: 'Protocol editor' })).toBeVisible();
  // The name comes from spl-workspace.json.
  await expect(page.getByRole('button', { name: 'Search files in SPL sample workspace' })).toBeVisible();
  for (const view of ['Editor', 'Service Explorer', 'Request Composer', 'Cluster', 'Pipelines']) {
    await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view })).toBeVisible();
  }
  await expect(page.getByRole('region', { name: 'Service explorer' })).toHaveCount(0);
  await screenshot(page, '01-workspace');
});

test('opens spl-data.avdl from the file tree, with its compiled JSON beside it', async ({ page }) => {
  await openFromTree(page, 'spl-data.avdl', 'protocol SPLDataService');
  await expect(page.getByTestId('language')).toHaveText('Avro IDL');
  await expect.poll(() => previewText(page)).toContain('"protocol": "SPLDataService"');
  await expect(page.getByTestId('problem-counts')).toHaveAccessibleName('Problems: 0 errors, 0 warnings');
  await screenshot(page, '02-open-file');
});

test('a mistake shows a marker with its message on its line', async ({ page }) => {
  await openFromTree(page, 'spl-data.avdl', 'protocol SPLDataService');
  await goToLine(page, 15);
  expect(await lineText(page, 15)).toBe('    string topic;');
  await page.keyboard.press('End');
  // "string topic;" → "strin topic;": an unknown type.
  for (let i = 0; i < 'topic;'.length + 1; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Backspace');
  expect(await lineText(page, 15)).toBe('    strin topic;');

  const message = "unknown type 'strin'";
  await expect(page.getByTestId('problem-counts')).toHaveAccessibleName(/^Problems: [1-9]\d* errors?, 0 warnings$/);
  // The problems panel lists it on line 15.
  await page.keyboard.press('Control+Shift+M');
  const problems = page.getByRole('region', { name: 'Problems' });
  const problem = problems.getByRole('button', { name: new RegExp(message) }).first();
  await expect(problem).toContainText('[Ln 15, Col 5]');
  // And the squiggle on line 15 explains itself on hover.
  const squiggle = editorRegion(page).locator('.squiggly-error').first();
  await expect(squiggle).toBeVisible();
  // The squiggle lies under the text layer, which takes the pointer: hover its place.
  const box = (await squiggle.boundingBox())!;
  await page.mouse.move(box.x + Math.min(box.width / 2, 12), box.y + box.height / 2);
  await expect(page.locator('.monaco-hover').filter({ hasText: message }).first()).toBeVisible();
  await screenshot(page, '03-diagnostic');
});

test('completion offers a type defined in the imported spl-common.avdl', async ({ page }) => {
  await openFromTree(page, 'spl-data.avdl', 'protocol SPLDataService');
  await goToLine(page, 15);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('ExecuteSt');
  await page.keyboard.press('Control+Space');
  const suggestions = page.locator('.suggest-widget');
  await expect(suggestions).toBeVisible();
  await expect(suggestions.locator('.monaco-list-row').filter({ hasText: 'ExecuteStatus' }).first()).toBeVisible();
  await screenshot(page, '04-completion');
});

test('go to definition (F12) opens spl-common.avdl at the definition', async ({ page }) => {
  await openFromTree(page, 'spl-data.avdl', 'protocol SPLDataService');
  await goToLine(page, 22);
  expect(await lineText(page, 22)).toBe('    spl.common.Payload data;');
  // Onto "Payload".
  for (let i = 0; i < 'spl.common.Pa'.length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('F12');
  await expect(page.getByRole('tab', { name: /^spl-common\.avdl/ })).toHaveAttribute('aria-selected', 'true');
  const definitionLine = readWorkspaceFile(COMMON).split('\n').findIndex((l) => l.startsWith('record Payload')) + 1;
  await expect(page.getByTestId('cursor-position')).toContainText(`Ln ${definitionLine},`);
  expect(await lineText(page, definitionLine)).toBe('record Payload {');
  await screenshot(page, '05-go-to-definition');
});

test('format document puts the canonical layout back', async ({ page }) => {
  await openFromTree(page, 'spl-data.avdl', 'protocol SPLDataService');
  await goToLine(page, 17);
  await page.keyboard.type('        ');
  await page.keyboard.press('End');
  await page.keyboard.type('    ');
  expect(await lineText(page, 17)).toBe('            string primaryKey;    ');
  await page.keyboard.press('Shift+Alt+F');
  await expect.poll(() => lineText(page, 17)).toBe('    string primaryKey;');
  await screenshot(page, '06-formatted');
});

test('the JSON preview follows edits', async ({ page }) => {
  await openFromTree(page, 'spl-data.avdl', 'protocol SPLDataService');
  await expect.poll(() => previewText(page)).toContain('"protocol": "SPLDataService"');
  await goToLine(page, 9);
  expect(await lineText(page, 9)).toBe('protocol SPLDataService {');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('V2');
  await expect.poll(() => previewText(page)).toContain('"protocol": "SPLDataServiceV2"');
  await expect(previewRegion(page).getByText('.avpr')).toBeVisible();
  await screenshot(page, '07-preview-follows-edits');
});

test('a file changed on disk reloads in its open tab', async ({ page }) => {
  await openFromTree(page, 'spl-common.avdl', 'namespace spl.common');
  const original = readWorkspaceFile(COMMON);
  writeWorkspaceFile(COMMON, '// Changed outside the studio.\n' + original);
  await expect.poll(() => lineText(page, 1)).toBe('// Changed outside the studio.');
  await expect(page.getByRole('tab', { name: /^spl-common\.avdl/ })).not.toHaveClass(/is-dirty/);
  await screenshot(page, '09-changed-on-disk');
});

test('a change on disk under unsaved edits asks first', async ({ page }) => {
  await openFromTree(page, 'spl-common.avdl', 'namespace spl.common');
  await goToLine(page, 1);
  await page.keyboard.type('// Mine. ');
  writeWorkspaceFile(COMMON, '// Theirs.\n' + readWorkspaceFile(COMMON));
  const prompt = page.getByRole('alert').filter({ hasText: 'changed on disk' });
  await expect(prompt).toBeVisible();
  expect(await lineText(page, 1)).toMatch(/^\/\/ Mine\. /);
  await screenshot(page, '10-changed-on-disk-while-editing');
  await prompt.getByRole('button', { name: 'Reload' }).click();
  await expect.poll(() => lineText(page, 1)).toBe('// Theirs.');
});

test('the command palette lists every action with its keys', async ({ page }) => {
  await openFromTree(page, 'spl-data.avdl', 'protocol SPLDataService');
  await page.keyboard.press('Control+Shift+P');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await expect(palette.getByRole('option', { name: /File: Save/ }).first()).toContainText('Ctrl+S');
  await screenshot(page, '11-command-palette');
  await page.keyboard.type('fmt doc');
  await expect(palette.getByRole('option').first()).toContainText('Format Document');
  await expect(palette.getByRole('option').first()).toContainText('Shift+Alt+F');
  await page.keyboard.press('Escape');
  await expect(palette).toHaveCount(0);
});

test('light theme, remembered across a reload', async ({ page }) => {
  await openFromTree(page, 'spl-data.avdl', 'protocol SPLDataService');
  await page.getByRole('button', { name: 'Switch to the light theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect.poll(() => previewText(page)).toContain('"protocol": "SPLDataService"');
  await screenshot(page, '12-light-theme');
});

test('save (Ctrl+S) writes the file, and a reload keeps the edit', async ({ page }) => {
  await openFromTree(page, 'spl-data.avdl', 'protocol SPLDataService');
  await goToLine(page, 12);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('// Saved from the studio.');
  const tab = page.getByRole('tab', { name: /^spl-data\.avdl/ });
  await expect(tab).toHaveClass(/is-dirty/);
  expect(await lineText(page, 13)).toBe('  // Saved from the studio.');
  await page.keyboard.press('Control+s');
  await expect(tab).not.toHaveClass(/is-dirty/);
  await expect.poll(() => readWorkspaceFile(DATA).split('\n')[12]).toBe('  // Saved from the studio.');

  await page.reload();
  await expect(page.getByRole('status', { name: 'Host: Connected' })).toBeVisible();
  // The tab comes back with the session, showing the saved text.
  await expect(page.getByRole('tab', { name: /^spl-data\.avdl/ })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => lineText(page, 13)).toBe('  // Saved from the studio.');
  await screenshot(page, '08-saved-and-reloaded');
});

test('a file saved in the studio and then changed on disk reloads', async ({ page }) => {
  // The host once missed this: an atomic save replaces the file, and Node 20's recursive
  // fs.watch on Linux then stopped reporting it (watcher.ts now watches each folder).
  await openFromTree(page, 'spl-data.avdl', 'protocol SPLDataService');
  await goToLine(page, 12);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('// Saved first.');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('tab', { name: /^spl-data\.avdl/ })).not.toHaveClass(/is-dirty/);
  writeWorkspaceFile(DATA, '// Then changed outside.\n' + readWorkspaceFile(DATA));
  await expect.poll(() => lineText(page, 1), { timeout: 5000 }).toBe('// Then changed outside.');
});
