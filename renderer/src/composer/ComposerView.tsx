/**
 * The Request Composer view: the side bar (saved requests and the call history) and the main
 * area (target bar, the request, the response). The JSON editor comes in as an element, as the
 * editor does for App, so the view renders (and is tested) without Monaco; without one the
 * JSON tab is a plain text area.
 *
 * Keys inside the view: Ctrl/Cmd+Enter sends, Escape cancels the call in flight. (The palette
 * commands in commands.ts bind the same keys globally; whichever runs first takes the event.)
 */
import { useEffect, type KeyboardEvent, type ReactNode } from 'react';
import { useSlice, useStudio } from '../app/studio.js';
import { collectionsOf } from '../collections/collections-of.js';
import { CollectionsList } from '../collections/CollectionsList.js';
import { SaveRequestBar } from '../collections/SaveRequestBar.js';
import { matchesKeybinding, parseKeybinding } from '../commands/keybinding.js';
import { HistoryList } from '../history/HistoryList.js';
import { ResponsePanel } from '../response/ResponsePanel.js';
import { RequestEditor } from './RequestEditor.js';
import { TargetBar } from './TargetBar.js';
import './composer.css';

export interface ComposerMainProps {
  /** The JSON tab's editor (main.tsx: `<RequestJsonEditor monaco={monaco} />`). */
  jsonEditor?: ReactNode;
}

export function ComposerMain({ jsonEditor }: ComposerMainProps) {
  const studio = useStudio();
  const problem = useSlice(studio.composer, (s) => s.problem);
  const saving = useSlice(collectionsOf(studio), (s) => s.saving);
  const loaded = useSlice(studio.connections, (s) => s.loaded);

  useEffect(() => {
    if (!studio.connections.getState().loaded) void studio.connections.getState().load();
    void studio.composer.getState().loadEnvironments();
  }, [studio]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.defaultPrevented) return;
    const composer = studio.composer.getState();
    if (matchesKeybinding(event, parseKeybinding('Mod+Enter'))) {
      void composer.send();
    } else if (event.key === 'Escape' && composer.callId !== null) {
      void composer.cancel();
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div className="composer" onKeyDown={onKeyDown}>
      <TargetBar />
      {!loaded && <p className="composer-note composer-loading">Reading connections…</p>}
      {saving && <SaveRequestBar />}
      {problem && (
        <p className="composer-problem" role="alert">
          <span className="codicon codicon-error" aria-hidden="true" />
          <span>{problem}</span>
        </p>
      )}
      <div className="composer-split">
        <RequestEditor jsonEditor={jsonEditor} />
        <ResponsePanel />
      </div>
    </div>
  );
}

export function ComposerSidebar() {
  const studio = useStudio();
  const collections = collectionsOf(studio);
  const count = useSlice(studio.history, (s) => s.entries.length);
  const hasTarget = useSlice(studio.composer, (s) => s.target.message !== '');
  return (
    <aside className="sidebar composer-sidebar" aria-label="Requests">
      <header className="pane-header">
        <h2 className="pane-title">Requests</h2>
        <div className="pane-actions">
          <button type="button" className="icon-button" aria-label="Save the current request to a collection" title="Save to Collection…" disabled={!hasTarget} onClick={() => collections.getState().setSaving(true)}>
            <span className="codicon codicon-save" aria-hidden="true" />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Refresh collections and history"
            title="Refresh"
            onClick={() => {
              void collections.getState().load();
              void studio.history.getState().load();
            }}
          >
            <span className="codicon codicon-refresh" aria-hidden="true" />
          </button>
        </div>
      </header>
      <div className="sidebar-body composer-sidebar-body">
        <section className="side-section" aria-labelledby="composer-collections">
          <h3 className="sidebar-section" id="composer-collections">
            <span className="codicon codicon-folder-library" aria-hidden="true" />
            <span className="sidebar-section-name">Collections</span>
          </h3>
          <CollectionsList />
        </section>
        <section className="side-section is-history" aria-labelledby="composer-history">
          <h3 className="sidebar-section" id="composer-history">
            <span className="codicon codicon-history" aria-hidden="true" />
            <span className="sidebar-section-name">History</span>
            {count > 0 && <span className="pane-count">{count}</span>}
          </h3>
          <HistoryList />
        </section>
      </div>
    </aside>
  );
}
