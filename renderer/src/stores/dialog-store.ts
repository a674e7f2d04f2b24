/**
 * A modal question with a few answers (close a tab with unsaved changes: save, don't save,
 * cancel). `ask` resolves with the chosen answer's id, or null if dismissed with Escape.
 */
import { createStore } from 'zustand/vanilla';

export interface DialogChoice {
  id: string;
  label: string;
  primary?: boolean;
}

export interface Dialog {
  title: string;
  message: string;
  choices: DialogChoice[];
}

export interface DialogState {
  dialog: Dialog | null;
  ask(dialog: Dialog): Promise<string | null>;
  answer(id: string | null): void;
}

export type DialogStore = ReturnType<typeof createDialogStore>;

export function createDialogStore() {
  let resolve: ((id: string | null) => void) | null = null;
  return createStore<DialogState>()((set) => ({
    dialog: null,
    ask(dialog) {
      // A new question dismisses an unanswered one.
      resolve?.(null);
      set({ dialog });
      return new Promise((r) => (resolve = r));
    },
    answer(id) {
      const r = resolve;
      resolve = null;
      set({ dialog: null });
      r?.(id);
    },
  }));
}
