/**
 * An Avro type as a tree (request parameters, a response, a module's input): records open onto
 * their fields, with each field's type, default, enum symbols and doc. A named type is shown in
 * full once; elsewhere (recursion too) it is a link that opens and focuses that row. Keyboard
 * as in any tree: Up/Down, Right/Left to open and close, Home/End, Enter follows a link.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { ancestorIds, buildTypeTree, initiallyExpanded, visibleTypeRows, type TypeNode, type TypeTreeItem } from './type-tree-model.js';
import './type-tree.css';

export type { TypeTreeItem } from './type-tree-model.js';

export interface TypeTreeProps {
  /** The roots; memoize them, the tree is rebuilt when they change. */
  items: readonly TypeTreeItem[];
  /** The tree's accessible name ("Request parameters of get"). */
  label: string;
  /** How many levels are open at first (default 1: the roots' children show). */
  initialDepth?: number;
  /** Shown instead of an empty tree. */
  emptyText?: string;
}

export function TypeTree({ items, label, initialDepth = 1, emptyText = 'Nothing.' }: TypeTreeProps) {
  const roots = useMemo(() => buildTypeTree(items), [items]);
  const [expanded, setExpanded] = useState(() => initiallyExpanded(roots, initialDepth));
  const [focusId, setFocusId] = useState<string>();
  const [flash, setFlash] = useState<string>();
  const listRef = useRef<HTMLUListElement>(null);
  const focusAfterRender = useRef(false);
  const rows = useMemo(() => visibleTypeRows(roots, expanded), [roots, expanded]);

  // New roots (another message): open them as at first.
  const [shownRoots, setShownRoots] = useState(roots);
  if (shownRoots !== roots) {
    setShownRoots(roots);
    setExpanded(initiallyExpanded(roots, initialDepth));
  }

  const current = rows.findIndex((r) => r.id === focusId);
  const focusIndex = current >= 0 ? current : 0;

  useEffect(() => {
    if (!focusAfterRender.current) return;
    focusAfterRender.current = false;
    const row = listRef.current?.querySelector<HTMLElement>('[tabindex="0"]');
    row?.focus();
    row?.scrollIntoView({ block: 'nearest' });
  });

  const moveTo = (index: number): void => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    focusAfterRender.current = true;
    setFocusId(row.id);
  };

  const setOpen = (id: string, open: boolean): void => {
    setExpanded((set) => {
      if (set.has(id) === open) return set;
      const next = new Set(set);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });
  };

  /** Opens the way to a named type's full row and focuses it. */
  const follow = (row: TypeNode): void => {
    const target = row.refTo;
    if (target === undefined) return;
    setExpanded((set) => new Set([...set, ...ancestorIds(target)]));
    setFocusId(target);
    setFlash(target);
    focusAfterRender.current = true;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    const row = rows[focusIndex];
    if (!row) return;
    const open = expanded.has(row.id);
    const opens = row.children.length > 0;
    let handled = true;
    switch (event.key) {
      case 'ArrowDown': moveTo(focusIndex + 1); break;
      case 'ArrowUp': moveTo(focusIndex - 1); break;
      case 'Home': moveTo(0); break;
      case 'End': moveTo(rows.length - 1); break;
      case 'ArrowRight':
        if (opens && !open) setOpen(row.id, true);
        else if (open) moveTo(focusIndex + 1);
        break;
      case 'ArrowLeft':
        if (open) setOpen(row.id, false);
        else if (row.depth > 0) moveTo(rows.findIndex((r) => r.id === row.id.slice(0, row.id.lastIndexOf('.'))));
        break;
      case 'Enter':
      case ' ':
        if (row.refTo !== undefined) follow(row);
        else if (opens) setOpen(row.id, !open);
        break;
      default:
        handled = false;
    }
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  if (rows.length === 0) return <p className="type-tree-empty">{emptyText}</p>;

  return (
    <ul ref={listRef} role="tree" aria-label={label} className="type-tree" onKeyDown={onKeyDown}>
      {rows.map((row, index) => {
        const opens = row.children.length > 0;
        const open = opens && expanded.has(row.id);
        return (
          <li
            key={row.id}
            role="treeitem"
            aria-level={row.depth + 1}
            aria-expanded={opens ? open : undefined}
            aria-selected={index === focusIndex}
            tabIndex={index === focusIndex ? 0 : -1}
            data-id={row.id}
            className={`type-row${row.id === flash ? ' is-flashing' : ''}`}
            style={{ paddingLeft: 4 + row.depth * 16 }}
            onClick={(event) => {
              setFocusId(row.id);
              if (opens && !(event.target as Element).closest('.type-ref')) setOpen(row.id, !open);
            }}
            onAnimationEnd={() => setFlash(undefined)}
          >
            <span className={`type-twistie codicon ${opens ? (open ? 'codicon-chevron-down' : 'codicon-chevron-right') : ''}`} aria-hidden="true" />
            {row.name !== '' && <span className="type-name">{row.name}</span>}
            {row.refTo !== undefined ? (
              <span className={`type-text type-ref kind-${row.schema.type}`} title={`${fullName(row)}: shown in full above; click or press Enter to go there`} onClick={() => follow(row)}>
                {row.typeText}
                <span className="codicon codicon-arrow-small-up" aria-hidden="true" />
              </span>
            ) : (
              <span className={`type-text kind-${row.schema.type}`} title={fullName(row) ?? row.typeText}>{row.typeText}</span>
            )}
            {row.symbols && <span className="type-symbols">{`{${row.symbols.join(', ')}}`}</span>}
            {row.defaultText !== undefined && <span className="type-default" title={`Default: ${row.defaultText}`}>= {row.defaultText}</span>}
            {row.doc && <span className="type-doc" title={row.doc}>{row.doc}</span>}
          </li>
        );
      })}
    </ul>
  );
}

function fullName(row: TypeNode): string | undefined {
  const schema = row.schema;
  return 'fullName' in schema ? schema.fullName : undefined;
}
