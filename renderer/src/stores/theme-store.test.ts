import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../test/fake-studio.js';
import { createLayoutStore, LAYOUT_KEY } from './layout-store.js';
import { createThemeStore, THEME_KEY } from './theme-store.js';

describe('theme', () => {
  it('toggles and remembers the choice for the next session', () => {
    const storage = memoryStorage();
    storage.setItem(THEME_KEY, 'light');
    const theme = createThemeStore(storage);
    expect(theme.getState().theme).toBe('light');
    theme.getState().toggle();
    expect(theme.getState().theme).toBe('dark');
    expect(storage.getItem(THEME_KEY)).toBe('dark');
    expect(createThemeStore(storage).getState().theme).toBe('dark');
  });

  it('ignores a stored value it does not know', () => {
    const storage = memoryStorage();
    storage.setItem(THEME_KEY, 'purple');
    expect(['light', 'dark']).toContain(createThemeStore(storage).getState().theme);
  });

  it('still works when storage refuses', () => {
    const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    const theme = createThemeStore(refusing);
    theme.getState().setTheme('light');
    expect(theme.getState().theme).toBe('light');
  });
});

describe('layout', () => {
  it('remembers panel visibility and sizes, within bounds', () => {
    const storage = memoryStorage();
    const layout = createLayoutStore(storage);
    expect(layout.getState().visible).toEqual({ sidebar: true, preview: true, problems: false });
    layout.getState().toggle('preview');
    layout.getState().resize('sidebar', 10_000);
    const again = createLayoutStore(storage).getState();
    expect(again.visible.preview).toBe(false);
    expect(again.sizes.sidebar).toBe(600);
    storage.setItem(LAYOUT_KEY, '{not json');
    expect(createLayoutStore(storage).getState().visible.preview).toBe(true);
  });
});
