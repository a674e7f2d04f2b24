/**
 * A row of tabs (the request's Form / JSON / Metadata / Environment, the response's Result /
 * Frames / …): ARIA tabs with a roving tabindex; Left/Right, Home/End move and select.
 */
import type { KeyboardEvent, ReactNode } from 'react';

export interface TabInfo<T extends string> {
  id: T;
  label: ReactNode;
}

export interface TabStripProps<T extends string> {
  /** Prefix of the tab and panel element ids: `${idBase}-tab-${id}`, `${idBase}-panel-${id}`. */
  idBase: string;
  label: string;
  tabs: readonly TabInfo<T>[];
  active: T;
  onSelect(id: T): void;
  /** Extra controls at the end of the strip. */
  children?: ReactNode;
}

export const tabId = (idBase: string, id: string) => `${idBase}-tab-${id}`;
export const panelId = (idBase: string, id: string) => `${idBase}-panel-${id}`;

export function TabStrip<T extends string>({ idBase, label, tabs, active, onSelect, children }: TabStripProps<T>) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const at = tabs.findIndex((t) => t.id === active);
    let next: number;
    if (event.key === 'ArrowRight') next = (at + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (at - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    else return;
    event.preventDefault();
    event.stopPropagation();
    onSelect(tabs[next].id);
    document.getElementById(tabId(idBase, tabs[next].id))?.focus();
  };
  return (
    <div className="tab-strip">
      <div role="tablist" aria-label={label} className="tab-strip-tabs" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={tabId(idBase, t.id)}
            aria-selected={t.id === active}
            aria-controls={panelId(idBase, t.id)}
            tabIndex={t.id === active ? 0 : -1}
            className={`tab-strip-tab${t.id === active ? ' is-active' : ''}`}
            onClick={() => onSelect(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {children && <div className="tab-strip-actions">{children}</div>}
    </div>
  );
}
