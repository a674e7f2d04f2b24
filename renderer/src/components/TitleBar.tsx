/**
 * The title bar: the product, and a search box-like button (VS Code's "command center") that
 * opens quick open, showing the workspace's name. It tells newcomers where everything starts.
 */
import { useStudio, useSlice } from '../app/studio.js';
import { formatKeybinding } from '../commands/keybinding.js';
import { workspaceName } from '../stores/workspace-store.js';

export function TitleBar() {
  const studio = useStudio();
  const name = useSlice(studio.workspace, workspaceName);
  const active = useSlice(studio.tabs, (s) => s.active);
  const dirty = useSlice(studio.documents, (s) => (active ? !!s.docs[active]?.dirty : false));

  return (
    <header className="titlebar">
      <div className="titlebar-brand">
        <span className="brand-mark" aria-hidden="true">◆</span>
        <span className="brand-name">SPL Studio</span>
      </div>
      <button
        type="button"
        className="command-center"
        title={`Go to File (${formatKeybinding('Mod+P')}), Commands (${formatKeybinding('Mod+Shift+P')})`}
        aria-label={`Search files in ${name ?? 'the workspace'}`}
        onClick={() => studio.layout.getState().openQuickPick('files')}
      >
        <span className="codicon codicon-search" aria-hidden="true" />
        <span className="command-center-label">{name ?? 'SPL Studio'}</span>
        <kbd>{formatKeybinding('Mod+P')}</kbd>
      </button>
      <div className="titlebar-file" aria-hidden="true">
        {active ? `${dirty ? '● ' : ''}${active}` : ''}
      </div>
    </header>
  );
}
