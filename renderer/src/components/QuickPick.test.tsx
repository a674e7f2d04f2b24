import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StudioContext, type Studio } from '../app/studio.js';
import { createFakeStudio } from '../test/fake-studio.js';
import { QuickPick } from './QuickPick.js';

afterEach(cleanup);

async function setup() {
  const fake = createFakeStudio({ 'definitions/spl-common.avdl': 'x', 'definitions/spl-data.avdl': 'y', 'README.md': 'z' });
  const { studio, api } = fake;
  studio.workspace.getState().setWorkspace(await api.workspace.info(), await api.workspace.list());
  const save = vi.fn();
  studio.commands.getState().register(
    { id: 'file.save', category: 'File', title: 'Save', keys: ['Mod+S'], run: save },
    { id: 'theme.toggle', category: 'Preferences', title: 'Toggle Light/Dark Theme', run: () => studio.theme.getState().toggle() },
    { id: 'editor.action.revealDefinition', category: 'Editor', title: 'Go to Definition', keys: ['F12'], enabled: () => false, run: () => {} },
  );
  render(
    <StudioContext.Provider value={studio}>
      <QuickPick />
    </StudioContext.Provider>,
  );
  return { ...fake, save };
}

function open(studio: Studio, mode: 'commands' | 'files') {
  act(() => studio.layout.getState().openQuickPick(mode));
  return screen.getByRole('combobox');
}

const options = () => screen.getAllByRole('option').map((o) => o.textContent);

describe('the command palette', () => {
  it('lists every command with its keybinding, disabled ones dimmed', async () => {
    const { studio } = await setup();
    open(studio, 'commands');
    expect(screen.getByRole('dialog', { name: 'Command palette' })).toBeTruthy();
    expect(options()).toEqual(['File: SaveCtrl+S', 'Preferences: Toggle Light/Dark Theme', 'Editor: Go to DefinitionF12']);
    expect(screen.getAllByRole('option')[2].getAttribute('aria-disabled')).toBe('true');
  });

  it('filters fuzzily and runs the chosen command with Enter', async () => {
    const { studio } = await setup();
    const input = open(studio, 'commands');
    fireEvent.change(input, { target: { value: '>tgl thm' } });
    expect(options()).toEqual(['Preferences: Toggle Light/Dark Theme']);
    const before = studio.theme.getState().theme;
    await act(async () => {
      fireEvent.keyDown(input, { key: 'Enter' });
      await new Promise((r) => requestAnimationFrame(() => r(null)));
    });
    expect(studio.theme.getState().theme).not.toBe(before);
    expect(studio.layout.getState().quickPick).toBeNull();
  });

  it('moves the selection with the arrow keys and closes with Escape', async () => {
    const { studio } = await setup();
    const input = open(studio, 'commands');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1].getAttribute('aria-selected')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[1].id);
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(screen.getAllByRole('option')[2].getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(studio.layout.getState().quickPick).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('quick open', () => {
  it('finds files by fuzzy name and opens the chosen one', async () => {
    const { studio } = await setup();
    const input = open(studio, 'files');
    expect(screen.getByRole('dialog', { name: 'Go to file' })).toBeTruthy();
    fireEvent.change(input, { target: { value: 'sdata' } });
    expect(options()[0]).toBe('spl-data.avdldefinitions');
    await act(async () => {
      fireEvent.keyDown(input, { key: 'Enter' });
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(studio.tabs.getState().active).toBe('definitions/spl-data.avdl');
  });

  it('switches to commands when the text starts with >', async () => {
    const { studio } = await setup();
    const input = open(studio, 'files');
    fireEvent.change(input, { target: { value: '>save' } });
    expect(screen.getByRole('dialog', { name: 'Command palette' })).toBeTruthy();
    expect(options()[0]).toBe('File: SaveCtrl+S');
  });
});
