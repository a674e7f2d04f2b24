/**
 * What the window shows besides the editor: the side bar, the compiled-JSON panel, the problems
 * panel, their sizes, and the quick pick (command palette / quick open). Visibility and sizes
 * are remembered across sessions.
 */
import { createStore } from 'zustand/vanilla';

export type QuickPickMode = 'commands' | 'files';
/** The studio's views: what the activity bar switches between. */
export type ViewId = 'editor' | 'explorer' | 'composer' | 'cluster' | 'pipelines';
export const VIEW_IDS: readonly ViewId[] = ['editor', 'explorer', 'composer', 'cluster', 'pipelines'];
export type Panel = 'sidebar' | 'preview' | 'problems';

export const LAYOUT_KEY = 'spl-studio.layout';

/** Each panel's size in pixels (width, or height for the problems panel) and its bounds. */
export const PANEL_BOUNDS: Record<Panel, { min: number; max: number; initial: number }> = {
  sidebar: { min: 160, max: 600, initial: 248 },
  preview: { min: 220, max: 900, initial: 420 },
  problems: { min: 80, max: 600, initial: 180 },
};

interface Persisted {
  visible: Record<Panel, boolean>;
  sizes: Record<Panel, number>;
  view: ViewId;
}

export interface LayoutState extends Persisted {
  quickPick: QuickPickMode | null;
  /** Shows a view (and the side bar); showing the current view again hides or shows the side bar. */
  showView(view: ViewId): void;
  toggle(panel: Panel): void;
  show(panel: Panel): void;
  resize(panel: Panel, size: number): void;
  openQuickPick(mode: QuickPickMode): void;
  closeQuickPick(): void;
}

export type LayoutStore = ReturnType<typeof createLayoutStore>;

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

const PANELS: Panel[] = ['sidebar', 'preview', 'problems'];
const DEFAULT_VISIBLE: Record<Panel, boolean> = { sidebar: true, preview: true, problems: false };

export function clampSize(panel: Panel, size: number): number {
  const { min, max } = PANEL_BOUNDS[panel];
  return Math.round(Math.min(max, Math.max(min, size)));
}

function restore(storage: Storage | undefined): Persisted {
  const visible = { ...DEFAULT_VISIBLE };
  let view: ViewId = 'editor';
  const sizes = { sidebar: PANEL_BOUNDS.sidebar.initial, preview: PANEL_BOUNDS.preview.initial, problems: PANEL_BOUNDS.problems.initial };
  try {
    const saved = JSON.parse(storage?.getItem(LAYOUT_KEY) ?? 'null') as Partial<Persisted> | null;
    for (const panel of PANELS) {
      const v = saved?.visible?.[panel];
      const s = saved?.sizes?.[panel];
      if (typeof v === 'boolean') visible[panel] = v;
      if (typeof s === 'number' && Number.isFinite(s)) sizes[panel] = clampSize(panel, s);
    }
    if ((VIEW_IDS as readonly unknown[]).includes(saved?.view)) view = saved!.view!;
  } catch {
    // A broken or refused entry: start from the defaults.
  }
  return { visible, sizes, view };
}

export function createLayoutStore(storage: Storage | undefined = globalThis.localStorage) {
  return createStore<LayoutState>()((set, get) => {
    const persist = (): void => {
      const { visible, sizes, view } = get();
      try {
        storage?.setItem(LAYOUT_KEY, JSON.stringify({ visible, sizes, view }));
      } catch {
        // Not remembered; the layout still changes.
      }
    };
    return {
      ...restore(storage),
      quickPick: null,
      showView(view) {
        if (get().view === view) get().toggle('sidebar');
        else {
          set({ view, visible: { ...get().visible, sidebar: true } });
          persist();
        }
      },
      toggle(panel) {
        set({ visible: { ...get().visible, [panel]: !get().visible[panel] } });
        persist();
      },
      show(panel) {
        if (get().visible[panel]) return;
        get().toggle(panel);
      },
      resize(panel, size) {
        set({ sizes: { ...get().sizes, [panel]: clampSize(panel, size) } });
        persist();
      },
      openQuickPick(mode) {
        set({ quickPick: mode });
      },
      closeQuickPick() {
        set({ quickPick: null });
      },
    };
  });
}
