/**
 * What the status bar and problems panel show about the editor: the cursor, the selection,
 * and the markers (errors and warnings) of every file, kept per file so switching tabs is instant.
 */
import { createStore } from 'zustand/vanilla';

export interface Problem {
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** 1-based, as people count lines. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  source?: string;
}

export interface EditorStatusState {
  cursor: { line: number; column: number } | null;
  /** Characters selected, 0 for a plain cursor. */
  selected: number;
  problems: Record<string, Problem[]>;
  /** The active model's indentation, as the status bar shows it. */
  indent: { spaces: boolean; size: number } | null;
  setIndent(indent: { spaces: boolean; size: number } | null): void;
  setCursor(cursor: { line: number; column: number } | null, selected?: number): void;
  setProblems(path: string, problems: Problem[]): void;
}

export type EditorStatusStore = ReturnType<typeof createEditorStatusStore>;

export function countProblems(problems: readonly Problem[] | undefined): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const p of problems ?? []) {
    if (p.severity === 'error') errors++;
    else if (p.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

export function createEditorStatusStore() {
  return createStore<EditorStatusState>()((set, get) => ({
    cursor: null,
    selected: 0,
    problems: {},
    indent: null,
    setIndent(indent) {
      const current = get().indent;
      if (current?.spaces === indent?.spaces && current?.size === indent?.size) return;
      set({ indent });
    },
    setCursor(cursor, selected = 0) {
      set({ cursor, selected });
    },
    setProblems(path, problems) {
      const current = get().problems[path];
      if ((current === undefined || current.length === 0) && problems.length === 0) return;
      set({ problems: { ...get().problems, [path]: problems } });
    },
  }));
}
