/**
 * The activity bar: the studio's views. Only the editor exists in this version; the others are
 * shown disabled, with a tooltip saying when they come, so the layout does not shift later and
 * nobody clicks into an empty screen.
 */
import { useStudio, useSlice } from '../app/studio.js';
import { formatKeybinding } from '../commands/keybinding.js';

interface View {
  id: string;
  label: string;
  icon: string;
  /** Why it cannot be opened yet; undefined for views that exist. */
  arrives?: string;
}

const VIEWS: View[] = [
  { id: 'editor', label: 'Editor', icon: 'files' },
  { id: 'explorer', label: 'Service Explorer', icon: 'remote-explorer', arrives: 'arrives with the service explorer (issue #7)' },
  { id: 'composer', label: 'Request Composer', icon: 'send', arrives: 'arrives after the service explorer' },
  { id: 'cluster', label: 'Cluster', icon: 'server-environment', arrives: 'arrives after the service explorer' },
  { id: 'pipelines', label: 'Pipelines', icon: 'type-hierarchy-sub', arrives: 'arrives after the service explorer' },
];

export function ActivityBar() {
  const studio = useStudio();
  const sidebar = useSlice(studio.layout, (s) => s.visible.sidebar);
  return (
    <nav className="activitybar" aria-label="Views">
      {VIEWS.map((view) => {
        const enabled = !view.arrives;
        const title = enabled ? `${view.label} (${formatKeybinding('Mod+Shift+E')}); click again to hide the side bar` : `${view.label}: ${view.arrives}`;
        return (
          <button
            key={view.id}
            type="button"
            className={`activity${enabled ? ' is-active' : ''}${enabled && sidebar ? ' is-open' : ''}`}
            aria-label={view.label}
            aria-pressed={enabled ? sidebar : undefined}
            aria-disabled={!enabled || undefined}
            title={title}
            onClick={() => enabled && studio.layout.getState().toggle('sidebar')}
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
