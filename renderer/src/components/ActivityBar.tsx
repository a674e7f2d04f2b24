/**
 * The activity bar: the studio's views (editor, service explorer, request composer, cluster,
 * pipelines). Clicking the current view's button hides or shows the side bar, as in VS Code.
 */
import { useStudio, useSlice } from '../app/studio.js';
import { VIEWS } from '../app/views.js';
import { formatKeybinding } from '../commands/keybinding.js';

export function ActivityBar() {
  const studio = useStudio();
  const sidebar = useSlice(studio.layout, (s) => s.visible.sidebar);
  const current = useSlice(studio.layout, (s) => s.view);
  return (
    <nav className="activitybar" aria-label="Views">
      {VIEWS.map((view, i) => {
        const active = view.id === current;
        return (
          <button
            key={view.id}
            type="button"
            className={`activity${active ? ' is-active' : ''}${active && sidebar ? ' is-open' : ''}`}
            aria-label={view.label}
            aria-pressed={active}
            title={`${view.label} (${formatKeybinding(`Alt+${i + 1}`)})${active ? '; click again to hide the side bar' : ''}`}
            onClick={() => studio.layout.getState().showView(view.id)}
          >
            <span className={`codicon codicon-${view.icon}`} aria-hidden="true" />
          </button>
        );
      })}
      <div className="activitybar-spacer" />
      <button
        type="button"
        className="activity"
        aria-label="Command palette"
        title={`Command Palette (${formatKeybinding('Mod+Shift+P')})`}
        onClick={() => studio.layout.getState().openQuickPick('commands')}
      >
        <span className="codicon codicon-settings-gear" aria-hidden="true" />
      </button>
    </nav>
  );
}
