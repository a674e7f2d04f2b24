/**
 * The open files as tabs: name, an icon by type, a dot while there are unsaved changes (a
 * close button on hover or focus), and the folder when two tabs share a name. Arrow keys move
 * between tabs, Delete closes one, middle click too.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useStudio, useSlice } from '../app/studio.js';
import { formatKeybinding } from '../commands/keybinding.js';
import { baseName, dirName, fileIcon, fileKind } from '../workspace/file-kind.js';

export function EditorTabs() {
  const studio = useStudio();
  const tabs = useSlice(studio.tabs, (s) => s.tabs);
  const active = useSlice(studio.tabs, (s) => s.active);
  const docs = useSlice(studio.documents, (s) => s.docs);
  const problems = useSlice(studio.status, (s) => s.problems);
  const listRef = useRef<HTMLDivElement>(null);

  // Keep the active tab in view when there are more tabs than room.
  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [active]);

  if (tabs.length === 0) return null;

  const names = new Map<string, number>();
  for (const t of tabs) names.set(baseName(t), (names.get(baseName(t)) ?? 0) + 1);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const at = active ? tabs.indexOf(active) : -1;
    let next: string | undefined;
    if (event.key === 'ArrowRight') next = tabs[(at + 1) % tabs.length];
    else if (event.key === 'ArrowLeft') next = tabs[(at - 1 + tabs.length) % tabs.length];
    else if (event.key === 'Home') next = tabs[0];
    else if (event.key === 'End') next = tabs[tabs.length - 1];
    else if (event.key === 'Delete' && active) {
      event.preventDefault();
      void studio.closeTab(active);
      return;
    } else return;
    event.preventDefault();
    if (next) {
      studio.tabs.getState().activate(next);
      requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus());
    }
  };

  const closeKey = formatKeybinding('Alt+W');

  return (
    <div className="tabs-bar">
      <div ref={listRef} className="tabs" role="tablist" aria-label="Open files" onKeyDown={onKeyDown}>
        {tabs.map((path) => {
          const doc = docs[path];
          const dirty = !!doc?.dirty;
          const isActive = path === active;
          const errors = (problems[path] ?? []).filter((p) => p.severity === 'error').length;
          const name = baseName(path);
          const folder = (names.get(name) ?? 0) > 1 ? dirName(path) : '';
          return (
            <div
              key={path}
              role="tab"
              aria-selected={isActive}
              aria-controls="editor-panel"
              tabIndex={isActive ? 0 : -1}
              className={`tab${isActive ? ' is-active' : ''}${dirty ? ' is-dirty' : ''}${errors ? ' has-errors' : ''}`}
              title={`${path}${dirty ? ' (unsaved changes)' : ''}`}
              onClick={() => studio.tabs.getState().activate(path)}
              onMouseDown={(e) => {
                if (e.button === 1) {
                  e.preventDefault();
                  void studio.closeTab(path);
                }
              }}
            >
              <span className={`tab-icon codicon codicon-${fileIcon(path)} kind-${fileKind(path)}`} aria-hidden="true" />
              <span className="tab-label">{name}</span>
              {folder && <span className="tab-folder">{folder}</span>}
              <button
                type="button"
                className="tab-close"
                tabIndex={-1}
                aria-label={`Close ${name}${dirty ? ' (unsaved changes)' : ''}`}
                title={`Close (${closeKey})`}
                onClick={(e) => {
                  e.stopPropagation();
                  void studio.closeTab(path);
                }}
              >
                <span className="tab-dirty-dot" aria-hidden="true" />
                <span className="codicon codicon-close" aria-hidden="true" />
              </button>
            </div>
          );
        })}
      </div>
      <EditorActions />
    </div>
  );
}

/** Buttons at the end of the tab bar for the panels that belong with the editor. */
function EditorActions() {
  const studio = useStudio();
  const visible = useSlice(studio.layout, (s) => s.visible);
  return (
    <div className="editor-actions">
      <button
        type="button"
        className={`icon-button${visible.preview ? ' is-on' : ''}`}
        aria-pressed={visible.preview}
        aria-label="Compiled JSON preview"
        title={`Toggle Compiled JSON Preview (${formatKeybinding('Mod+Shift+V')})`}
        onClick={() => studio.layout.getState().toggle('preview')}
      >
        <span className="codicon codicon-open-preview" aria-hidden="true" />
      </button>
      <button
        type="button"
        className={`icon-button${visible.problems ? ' is-on' : ''}`}
        aria-pressed={visible.problems}
        aria-label="Problems panel"
        title={`Toggle Problems Panel (${formatKeybinding('Mod+Shift+M')})`}
        onClick={() => studio.layout.getState().toggle('problems')}
      >
        <span className="codicon codicon-layout-panel" aria-hidden="true" />
      </button>
    </div>
  );
}
