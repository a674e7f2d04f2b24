/**
 * The command registry: every action of the studio, with its keybindings. The palette lists it,
 * the global key handler dispatches from it, and menus (Electron's) can run commands by id, so
 * every action has one keyboard path and one place that says what it is.
 */
import { createStore } from 'zustand/vanilla';
import { isChord, matchesKeybinding, parseKeybinding } from './keybinding.js';

export interface Command {
  id: string;
  title: string;
  /** Groups commands in the palette: "File: Save". */
  category?: string;
  /** Keybindings, the first one shown; see keybinding.ts for the syntax. */
  keys?: string[];
  /**
   * The keys belong to Monaco while the editor has focus (F12, F2, Shift+Alt+F…): the global
   * handler leaves them alone there and runs the command only from elsewhere.
   */
  editorKeys?: boolean;
  /** Whether the command can run now; disabled commands stay listed but greyed out. */
  enabled?: () => boolean;
  run: () => void | Promise<void>;
}

export interface CommandState {
  commands: Command[];
  register(...commands: Command[]): () => void;
  get(id: string): Command | undefined;
  run(id: string): Promise<boolean>;
  /** The command bound to this key event, if any (ignoring disabled ones). */
  forKey(event: KeyboardEvent, inEditor: boolean): Command | undefined;
}

export type CommandStore = ReturnType<typeof createCommandStore>;

export function commandLabel(command: Command): string {
  return command.category ? `${command.category}: ${command.title}` : command.title;
}

export function isEnabled(command: Command): boolean {
  return command.enabled ? command.enabled() : true;
}

export function createCommandStore(mac?: boolean) {
  return createStore<CommandState>()((set, get) => ({
    commands: [],
    register(...added) {
      const ids = new Set(added.map((c) => c.id));
      set((s) => ({ commands: [...s.commands.filter((c) => !ids.has(c.id)), ...added] }));
      return () => set((s) => ({ commands: s.commands.filter((c) => !added.includes(c)) }));
    },
    get(id) {
      return get().commands.find((c) => c.id === id);
    },
    async run(id) {
      const command = get().get(id);
      if (!command || !isEnabled(command)) return false;
      await command.run();
      return true;
    },
    forKey(event, inEditor) {
      for (const command of get().commands) {
        if (!command.keys || (inEditor && command.editorKeys)) continue;
        // Chords are Monaco's (inside the editor); the shell binds single combinations only.
        const bound = command.keys.some((k) => !isChord(k) && matchesKeybinding(event, parseKeybinding(k, mac)));
        if (bound && isEnabled(command)) return command;
      }
      return undefined;
    },
  }));
}
