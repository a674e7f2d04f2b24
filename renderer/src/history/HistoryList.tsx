/**
 * Every call made, newest first, in the composer's side bar: outcome, message, target, time
 * and duration. A search box narrows it (the host matches every word anywhere in the call);
 * clicking an entry puts its request and result back in the composer, the re-run button sends
 * it again. Up/Down move between entries.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { HistoryEntry } from '../../../shared/studio/api.js';
import { useSlice, useStudio } from '../app/studio.js';
import { formatDuration, outcomeLook } from '../response/outcome.js';

function when(at: number, now = Date.now()): string {
  const date = new Date(at);
  return now - at < 20 * 60 * 60 * 1000 ? date.toLocaleTimeString() : date.toLocaleString();
}

function protocolName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}

export function HistoryList() {
  const studio = useStudio();
  const { history } = studio;
  const entries = useSlice(history, (s) => s.entries);
  const query = useSlice(history, (s) => s.query);
  const loaded = useSlice(history, (s) => s.loaded);
  const error = useSlice(history, (s) => s.error);
  const current = useSlice(studio.composer, (s) => s.result?.historyId);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!loaded) void history.getState().load();
  }, [history, loaded]);

  const load = (entry: HistoryEntry) => {
    studio.composer.getState().loadEntry(entry);
    if (studio.layout.getState().view !== 'composer') studio.layout.getState().showView('composer');
  };

  const rerun = (entry: HistoryEntry) => {
    load(entry);
    void studio.composer.getState().send();
  };

  const clear = async () => {
    const answer = await studio.dialog.getState().ask({
      title: 'Clear the call history?',
      message: `All ${entries.length === 1 ? 'the one call' : 'calls'} in your history will be forgotten, with their requests and results. Saved requests stay.`,
      choices: [
        { id: 'clear', label: 'Clear History', primary: true },
        { id: 'cancel', label: 'Cancel' },
      ],
    });
    if (answer === 'clear') await history.getState().clear();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return;
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('.side-item-main') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : event.key === 'ArrowDown' ? Math.min(buttons.length - 1, at + 1) : Math.max(0, at - 1);
    buttons[next]?.focus();
    event.preventDefault();
  };

  return (
    <div className="history">
      <div className="side-search">
        <span className="codicon codicon-search" aria-hidden="true" />
        <input
          type="search"
          className="input"
          placeholder="Search calls"
          aria-label="Search the history"
          value={query}
          onChange={(e) => void history.getState().search(e.target.value)}
        />
        <button type="button" className="icon-button" aria-label="Clear the history" title="Clear History" disabled={entries.length === 0 && query === ''} onClick={() => void clear()}>
          <span className="codicon codicon-clear-all" aria-hidden="true" />
        </button>
      </div>
      {error && <p className="side-note is-error">{error}</p>}
      {loaded && entries.length === 0 && !error && <p className="side-note">{query ? `No call matches "${query}".` : 'No calls yet. Send a request and it shows here.'}</p>}
      <ul ref={listRef} className="history-list" aria-label="Call history" onKeyDown={onKeyDown}>
        {entries.map((entry) => {
          const look = outcomeLook(entry.result.outcome, entry.result.errorType);
          const { request } = entry;
          return (
            <li key={entry.id} className={`side-item${entry.id === current ? ' is-current' : ''}`}>
              <button
                type="button"
                className="side-item-main"
                title={`${request.protocol}.${request.message} on ${entry.connectionName} / ${request.nodeId}: ${look.label}`}
                aria-label={`${look.label}: ${request.message} on ${request.nodeId} at ${when(entry.at)}`}
                onClick={() => load(entry)}
              >
                <span className={`side-item-icon codicon codicon-${look.icon} is-${look.tone}`} aria-hidden="true" />
                <span className="side-item-title">
                  {protocolName(request.protocol)}.{request.message}
                </span>
                <span className="side-item-sub">
                  {entry.connectionName} / {request.nodeId} · {when(entry.at)} · {formatDuration(entry.result.durationMs)}
                </span>
              </button>
              <span className="side-item-actions">
                <button type="button" className="icon-button" aria-label={`Run ${request.message} again`} title="Run Again" onClick={() => rerun(entry)}>
                  <span className="codicon codicon-debug-rerun" aria-hidden="true" />
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
