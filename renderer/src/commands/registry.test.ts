import { describe, expect, it, vi } from 'vitest';
import { formatKeybinding, parseKeybinding } from './keybinding.js';
import { commandLabel, createCommandStore } from './registry.js';

function key(init: Partial<KeyboardEvent> & { key: string; code?: string }): KeyboardEvent {
  return { ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, code: '', ...init } as KeyboardEvent;
}

describe('keybindings', () => {
  it('reads Mod as Ctrl, or Cmd on a Mac', () => {
    expect(parseKeybinding('Mod+Shift+P', false)).toMatchObject({ ctrl: true, shift: true, meta: false, key: 'P' });
    expect(parseKeybinding('Mod+Shift+P', true)).toMatchObject({ ctrl: false, shift: true, meta: true, key: 'P' });
  });

  it('shows keys the way each platform writes them', () => {
    expect(formatKeybinding('Mod+Shift+P', false)).toBe('Ctrl+Shift+P');
    expect(formatKeybinding('Mod+Shift+P', true)).toBe('⇧⌘P');
    expect(formatKeybinding('Shift+Alt+F', false)).toBe('Shift+Alt+F');
    expect(formatKeybinding('Mod+K Mod+I', false)).toBe('Ctrl+K Ctrl+I');
  });
});

describe('the command registry', () => {
  it('registers, replaces by id, and unregisters', () => {
    const store = createCommandStore(false);
    const stop = store.getState().register({ id: 'a', title: 'A', run: () => {} });
    store.getState().register({ id: 'a', title: 'A again', run: () => {} }, { id: 'b', title: 'B', category: 'File', run: () => {} });
    expect(store.getState().commands.map((c) => c.title)).toEqual(['A again', 'B']);
    expect(commandLabel(store.getState().get('b')!)).toBe('File: B');
    stop();
    expect(store.getState().commands).toHaveLength(2);
  });

  it('runs enabled commands only', async () => {
    const store = createCommandStore(false);
    const run = vi.fn();
    let enabled = false;
    store.getState().register({ id: 'save', title: 'Save', enabled: () => enabled, run });
    expect(await store.getState().run('save')).toBe(false);
    enabled = true;
    expect(await store.getState().run('save')).toBe(true);
    expect(run).toHaveBeenCalledOnce();
    expect(await store.getState().run('missing')).toBe(false);
  });

  it('finds the command bound to a key, by layout-independent key codes', () => {
    const store = createCommandStore(false);
    store.getState().register(
      { id: 'palette', title: 'Palette', keys: ['Mod+Shift+P'], run: () => {} },
      { id: 'next', title: 'Next Tab', keys: ['Ctrl+Tab'], run: () => {} },
      { id: 'format', title: 'Format', keys: ['Shift+Alt+F'], editorKeys: true, run: () => {} },
      { id: 'hover', title: 'Hover', keys: ['Mod+K Mod+I'], editorKeys: true, run: () => {} },
    );
    const forKey = store.getState().forKey;
    expect(forKey(key({ key: 'P', code: 'KeyP', ctrlKey: true, shiftKey: true }), false)?.id).toBe('palette');
    expect(forKey(key({ key: 'p', code: 'KeyP', ctrlKey: true }), false)).toBeUndefined();
    expect(forKey(key({ key: 'Tab', ctrlKey: true }), true)?.id).toBe('next');
    // Alt+F types "ƒ" on some layouts: the code still says F.
    expect(forKey(key({ key: 'ƒ', code: 'KeyF', shiftKey: true, altKey: true }), false)?.id).toBe('format');
    // Inside the editor, Monaco owns its keys.
    expect(forKey(key({ key: 'ƒ', code: 'KeyF', shiftKey: true, altKey: true }), true)).toBeUndefined();
  });
});
