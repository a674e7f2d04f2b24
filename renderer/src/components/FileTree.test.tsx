import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StudioContext } from '../app/studio.js';
import { createFakeStudio } from '../test/fake-studio.js';
import { FileTree } from './FileTree.js';

afterEach(cleanup);

async function renderTree() {
  const fake = createFakeStudio({
    'definitions/spl-common.avdl': 'schema',
    'definitions/spl-data.avdl': 'protocol',
    'README.md': '# hi',
  });
  const { studio, api } = fake;
  studio.workspace.getState().setWorkspace(await api.workspace.info(), await api.workspace.list());
  render(
    <StudioContext.Provider value={studio}>
      <FileTree />
    </StudioContext.Provider>,
  );
  return fake;
}

const rows = () => screen.getAllByRole('treeitem').map((r) => r.textContent);
const focused = () => document.activeElement?.getAttribute('data-path');

describe('the file tree', () => {
  it('is a named tree with folders first and top-level folders open', async () => {
    await renderTree();
    expect(screen.getByRole('tree', { name: 'Workspace files' })).toBeTruthy();
    expect(rows()).toEqual(['definitions', 'spl-common.avdl', 'spl-data.avdl', 'README.md']);
    expect(screen.getByRole('treeitem', { name: 'definitions' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('moves with the arrow keys, closes and opens folders, and opens files with Enter', async () => {
    const { studio } = await renderTree();
    const tree = screen.getByRole('tree');
    const first = screen.getByRole('treeitem', { name: 'definitions' });
    first.focus();
    expect(first.tabIndex).toBe(0);

    fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    expect(rows()).toEqual(['definitions', 'README.md']);
    fireEvent.keyDown(tree, { key: 'ArrowRight' });
    expect(rows()).toHaveLength(4);

    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    expect(focused()).toBe('definitions/spl-data.avdl');
    // Left on a file goes to its folder.
    fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    expect(focused()).toBe('definitions');
    fireEvent.keyDown(tree, { key: 'End' });
    expect(focused()).toBe('README.md');
    fireEvent.keyDown(tree, { key: 'Home' });
    fireEvent.keyDown(tree, { key: 's' });
    expect(focused()).toBe('definitions/spl-common.avdl');

    await act(async () => {
      fireEvent.keyDown(tree, { key: 'Enter' });
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(studio.tabs.getState()).toMatchObject({ tabs: ['definitions/spl-common.avdl'], active: 'definitions/spl-common.avdl' });
  });

  it('keeps exactly one row in the tab order', async () => {
    await renderTree();
    expect(screen.getAllByRole('treeitem').filter((r) => r.tabIndex === 0)).toHaveLength(1);
  });
});
