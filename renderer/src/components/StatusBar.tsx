/**
 * The status bar: on the left, the host connection, the nodes of every connection (a button
 * that opens the cluster browser) and the active file's problems (a button that opens the
 * problems panel); on the right, the cursor, the language and
 * the theme. Screen readers get each item's meaning, not just its icon.
 */
import { useStudio, useSlice } from '../app/studio.js';
import { formatKeybinding } from '../commands/keybinding.js';
import { countProblems } from '../stores/editor-status-store.js';
import { languageLabel } from '../workspace/file-kind.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function StatusBar() {
  const studio = useStudio();
  const status = useSlice(studio.connectionState, (s) => s.status);
  const host = useSlice(studio.connectionState, (s) => s.host);
  const active = useSlice(studio.tabs, (s) => s.active);
  const problems = useSlice(studio.status, (s) => (active ? s.problems[active] : undefined));
  const cursor = useSlice(studio.status, (s) => s.cursor);
  const selected = useSlice(studio.status, (s) => s.selected);
  const indent = useSlice(studio.status, (s) => s.indent);
  const theme = useSlice(studio.theme, (s) => s.theme);
  const { errors, warnings } = countProblems(problems);

  const connection = {
    connected: { icon: 'codicon-plug', text: studio.connection.host === 'desktop' ? 'Local' : 'Connected', title: 'Connected to the studio host' },
    connecting: { icon: 'codicon-loading codicon-modifier-spin', text: 'Connecting…', title: 'Connecting to the studio host' },
    disconnected: { icon: 'codicon-debug-disconnect', text: 'Disconnected: reconnecting…', title: 'The studio host does not answer; edits stay here and can be saved once it is back' },
  }[status];

  const node = host?.node;
  // Numbers, not a new array each time: a selector must return a stable value.
  const total = useSlice(studio.connections, (s) => (s.loaded ? Object.values(s.nodes).reduce((sum, list) => sum + list.length, 0) : undefined));
  const down = useSlice(studio.connections, (s) => Object.values(s.nodes).reduce((sum, list) => sum + list.filter((n) => n.health !== 'up').length, 0));
  const connections = useSlice(studio.connections, (s) => s.connections.length);
  const nodesText = total !== undefined
    ? `${plural(total, 'node')}${down ? ` (${down} unreachable)` : ''}`
    : node
      ? `1 node · ${plural(node.protocols.length, 'protocol')}`
      : 'No nodes connected';

  return (
    <footer className={`statusbar${status === 'disconnected' ? ' is-disconnected' : ''}`} aria-label="Status bar">
      <div className="statusbar-group">
        <span className="status-item" title={connection.title} role="status" aria-label={`Host: ${connection.text}`}>
          <span className={`codicon ${connection.icon}`} aria-hidden="true" />
          {connection.text}
        </span>
        <button
          type="button"
          className="status-item is-button"
          title={`${total !== undefined ? `Nodes of ${plural(connections, 'connection')}` : node ? `Local node at ${node.url}` : 'No local node is running'}: open the cluster browser (${formatKeybinding('Alt+4')})`}
          onClick={() => studio.layout.getState().view !== 'cluster' && studio.layout.getState().showView('cluster')}
        >
          <span className={`codicon codicon-server${down ? ' is-warning' : ''}`} aria-hidden="true" />
          {nodesText}
        </button>
        <button
          type="button"
          className="status-item is-button"
          aria-label={`Problems: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`}
          title={`Problems in the active file (${formatKeybinding('Mod+Shift+M')})`}
          onClick={() => studio.layout.getState().toggle('problems')}
          data-testid="problem-counts"
        >
          <span className={`codicon codicon-error${errors ? ' is-error' : ''}`} aria-hidden="true" />
          <span>{errors}</span>
          <span className={`codicon codicon-warning${warnings ? ' is-warning' : ''}`} aria-hidden="true" />
          <span>{warnings}</span>
        </button>
      </div>
      <div className="statusbar-group">
        {active && cursor && (
          <span className="status-item" data-testid="cursor-position" aria-label={`Line ${cursor.line}, column ${cursor.column}`}>
            Ln {cursor.line}, Col {cursor.column}{selected > 0 ? ` (${selected} selected)` : ''}
          </span>
        )}
        {active && indent && <span className="status-item">{indent.spaces ? `Spaces: ${indent.size}` : `Tab Size: ${indent.size}`}</span>}
        {active && <span className="status-item">UTF-8</span>}
        {active && <span className="status-item" data-testid="language">{languageLabel(active)}</span>}
        <button
          type="button"
          className="status-item is-button"
          aria-label={`Switch to the ${theme === 'dark' ? 'light' : 'dark'} theme`}
          title={`Toggle light/dark theme (${formatKeybinding('Shift+Alt+T')})`}
          onClick={() => studio.theme.getState().toggle()}
        >
          <span className={`codicon ${theme === 'dark' ? 'codicon-color-mode' : 'codicon-color-mode'}`} aria-hidden="true" />
          {theme === 'dark' ? 'Dark' : 'Light'}
        </button>
        {host && <span className="status-item" title="SPL Studio version">v{host.version}</span>}
      </div>
    </footer>
  );
}
