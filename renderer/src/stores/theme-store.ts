/**
 * Light or dark, remembered across sessions in localStorage. The first visit follows the
 * system's preference. The theme is applied as `data-theme` on <html>, which the CSS variables
 * key on; the Monaco theme follows through editor/themes.ts.
 */
import { createStore } from 'zustand/vanilla';

export type Theme = 'light' | 'dark';

export const THEME_KEY = 'spl-studio.theme';

export interface ThemeState {
  theme: Theme;
  setTheme(theme: Theme): void;
  toggle(): void;
}

export type ThemeStore = ReturnType<typeof createThemeStore>;

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

function initialTheme(storage: Storage | undefined): Theme {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(THEME_KEY) ?? null;
  } catch {
    // Storage can be refused (privacy settings); the default will do.
  }
  if (stored === 'light' || stored === 'dark') return stored;
  const prefersLight = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: light)').matches;
  return prefersLight ? 'light' : 'dark';
}

export function createThemeStore(storage: Storage | undefined = globalThis.localStorage) {
  return createStore<ThemeState>()((set, get) => ({
    theme: initialTheme(storage),
    setTheme(theme) {
      try {
        storage?.setItem(THEME_KEY, theme);
      } catch {
        // Not remembered, but still applied.
      }
      set({ theme });
    },
    toggle() {
      get().setTheme(get().theme === 'dark' ? 'light' : 'dark');
    },
  }));
}
