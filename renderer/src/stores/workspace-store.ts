/**
 * The workspace as the file tree shows it: the host's entries, the tree built from them, which
 * folders are expanded and which row is selected. Loading and watching live in
 * app/workspace-sync.ts; this store only holds what the view needs.
 */
import { createStore } from 'zustand/vanilla';
import type { WorkspaceEntry, WorkspaceInfo } from '../../../shared/studio/api.js';
import { ancestors, buildTree, type TreeNode } from '../workspace/tree.js';

export interface WorkspaceState {
  info: WorkspaceInfo | null;
  /** The name from spl-workspace.json, when it gives one. */
  title: string | null;
  entries: WorkspaceEntry[];
  tree: TreeNode[];
  expanded: ReadonlySet<string>;
  selected: string | null;
  setWorkspace(info: WorkspaceInfo, entries: WorkspaceEntry[]): void;
  setEntries(entries: WorkspaceEntry[]): void;
  setTitle(title: string | null): void;
  toggle(path: string): void;
  expand(path: string): void;
  collapse(path: string): void;
  select(path: string | null): void;
  /** Expands the folders above `path` and selects it (the active tab's file). */
  reveal(path: string): void;
  files(): string[];
}

export type WorkspaceStore = ReturnType<typeof createWorkspaceStore>;

/** What titles call the workspace: its settings' name, else the folder's. */
export function workspaceName(state: Pick<WorkspaceState, 'info' | 'title'>): string | null {
  return state.title ?? state.info?.name ?? null;
}

export function createWorkspaceStore() {
  return createStore<WorkspaceState>()((set, get) => ({
    info: null,
    title: null,
    entries: [],
    tree: [],
    expanded: new Set(),
    selected: null,
    setWorkspace(info, entries) {
      const tree = buildTree(entries);
      // A fresh workspace opens with its top-level folders expanded: definitions/ is one click less.
      const expanded = new Set(tree.filter((n) => n.kind === 'directory').map((n) => n.path));
      set({ info, entries, tree, expanded, selected: null });
    },
    setEntries(entries) {
      const tree = buildTree(entries);
      const folders = new Set(entries.filter((e) => e.kind === 'directory').map((e) => e.path));
      const expanded = new Set([...get().expanded].filter((p) => folders.has(p) || entries.some((e) => e.path.startsWith(p + '/'))));
      const selected = get().selected;
      set({ entries, tree, expanded, selected: selected && entries.some((e) => e.path === selected) ? selected : null });
    },
    setTitle(title) {
      if (title !== get().title) set({ title });
    },
    toggle(path) {
      const expanded = new Set(get().expanded);
      if (!expanded.delete(path)) expanded.add(path);
      set({ expanded });
    },
    expand(path) {
      if (get().expanded.has(path)) return;
      set({ expanded: new Set(get().expanded).add(path) });
    },
    collapse(path) {
      if (!get().expanded.has(path)) return;
      const expanded = new Set(get().expanded);
      expanded.delete(path);
      set({ expanded });
    },
    select(path) {
      set({ selected: path });
    },
    reveal(path) {
      const expanded = new Set(get().expanded);
      for (const folder of ancestors(path)) expanded.add(folder);
      set({ expanded, selected: path });
    },
    files() {
      return get().entries.filter((e) => e.kind === 'file').map((e) => e.path);
    },
  }));
}
