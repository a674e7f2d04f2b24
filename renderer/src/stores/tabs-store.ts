/**
 * The editor's tabs: which files are open, in which order, and which one is active. Closing the
 * active tab activates its right neighbour (or left, at the end), as editors usually do.
 */
import { createStore } from 'zustand/vanilla';

export interface TabsState {
  tabs: string[];
  active: string | null;
  /** Opens a tab after the active one (or activates it if it is open). */
  open(path: string): void;
  close(path: string): void;
  activate(path: string): void;
  /** Ctrl+Tab and Ctrl+Shift+Tab: the next or previous tab, wrapping around. */
  cycle(step: 1 | -1): void;
  /** Keeps a tab's place when its file is renamed or replaced. */
  replace(from: string, to: string): void;
}

export type TabsStore = ReturnType<typeof createTabsStore>;

export function createTabsStore() {
  return createStore<TabsState>()((set, get) => ({
    tabs: [],
    active: null,
    open(path) {
      const { tabs, active } = get();
      if (tabs.includes(path)) {
        set({ active: path });
        return;
      }
      const at = active === null ? tabs.length : tabs.indexOf(active) + 1;
      set({ tabs: [...tabs.slice(0, at), path, ...tabs.slice(at)], active: path });
    },
    close(path) {
      const { tabs, active } = get();
      const at = tabs.indexOf(path);
      if (at < 0) return;
      const rest = tabs.filter((t) => t !== path);
      const next = active !== path ? active : (rest[at] ?? rest[at - 1] ?? null);
      set({ tabs: rest, active: next });
    },
    activate(path) {
      if (get().tabs.includes(path)) set({ active: path });
    },
    cycle(step) {
      const { tabs, active } = get();
      if (tabs.length === 0) return;
      const at = active === null ? -1 : tabs.indexOf(active);
      set({ active: tabs[(at + step + tabs.length) % tabs.length] });
    },
    replace(from, to) {
      const { tabs, active } = get();
      set({ tabs: tabs.map((t) => (t === from ? to : t)), active: active === from ? to : active });
    },
  }));
}
