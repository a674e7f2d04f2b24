/**
 * What the shell asks of the editor, whatever implements it: the Monaco controller in the app,
 * a stub in tests (Monaco does not run in jsdom).
 */

export interface Selection {
  startLineNumber: number;
  startColumn: number;
  endLineNumber?: number;
  endColumn?: number;
}

export interface EditorPort {
  /** Selects and reveals a range once the file's tab shows (now, if it already does). */
  revealWhenShown(path: string, selection: Selection): void;
  /** Runs a Monaco action (`editor.action.formatDocument`…) in the active editor; false if none. */
  runAction(actionId: string): boolean;
  focus(): void;
  hasFocus(): boolean;
}

export const NO_EDITOR: EditorPort = {
  revealWhenShown() {},
  runAction: () => false,
  focus() {},
  hasFocus: () => false,
};
