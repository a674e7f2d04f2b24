/**
 * The global keyboard path: one capture-phase listener that runs the command bound to a key
 * before anything else sees it (so Ctrl+S saves instead of the browser's "save page"). Keys
 * Monaco owns (F12, F2…) are left to Monaco while the editor has focus; a modal (quick pick,
 * dialog) handles its own keys.
 */
import type { Studio } from './studio.js';

export function installKeyboard(studio: Studio, target: Window = window): () => void {
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.isComposing) return;
    if (studio.dialog.getState().dialog) return;
    const element = event.target instanceof Element ? event.target : null;
    // Inside the quick pick only its own toggles apply (Ctrl+Shift+P again closes it in its handler).
    if (element?.closest('[data-modal]')) return;
    const inEditor = !!element?.closest('.monaco-editor');
    const command = studio.commands.getState().forKey(event, inEditor);
    if (!command) return;
    event.preventDefault();
    event.stopPropagation();
    void studio.commands.getState().run(command.id);
  };
  target.addEventListener('keydown', onKeyDown, true);
  return () => target.removeEventListener('keydown', onKeyDown, true);
}
