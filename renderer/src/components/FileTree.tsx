/**
 * The workspace's files as an ARIA tree ("Workspace files"): folders expand and collapse, files
 * open on Enter or click. One row is tabbable at a time (roving tabindex) and the arrow keys
 * move as in any desktop tree: Up/Down, Right opens a folder or enters it, Left closes it or
 * goes to its parent, Home/End, and typing a letter jumps to the next name starting with it.
 */
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useStudio, useSlice } from '../app/studio.js';
import { fileIcon, fileKind } from '../workspace/file-kind.js';
import { visibleRows, type TreeRow } from '../workspace/tree.js';

export function FileTree() {
  const studio = useStudio();
  const { workspace } = studio;
  const tree = useSlice(workspace, (s) => s.tree);
  const expanded = useSlice(workspace, (s) => s.expanded);
  const selected = useSlice(workspace, (s) => s.selected);
  const active = useSlice(studio.tabs, (s) => s.active);
  const docs = useSlice(studio.documents, (s) => s.docs);
  const problems = useSlice(studio.status, (s) => s.problems);
  const rows = useMemo(() => visibleRows(tree, expanded), [tree, expanded]);
  const listRef = useRef<HTMLUListElement>(null);
  const focusAfterRender = useRef(false);

  // The tabbable row: the selected one, else the first.
  const current = rows.findIndex((r) => r.node.path === selected);
  const focusIndex = current >= 0 ? current : 0;

  useEffect(() => {
    if (!focusAfterRender.current) return;
    focusAfterRender.current = false;
    listRef.current?.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
  });

  const moveTo = (index: number): void => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    focusAfterRender.current = true;
    workspace.getState().select(row.node.path);
  };

  const activate = (row: TreeRow): void => {
    workspace.getState().select(row.node.path);
    if (row.node.kind === 'directory') workspace.getState().toggle(row.node.path);
    else void studio.openFile(row.node.path);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    const row = rows[focusIndex];
    if (!row) return;
    const isFolder = row.node.kind === 'directory';
    const open = isFolder && expanded.has(row.node.path);
    let handled = true;
    switch (event.key) {
      case 'ArrowDown': moveTo(focusIndex + 1); break;
      case 'ArrowUp': moveTo(focusIndex - 1); break;
      case 'Home': moveTo(0); break;
      case 'End': moveTo(rows.length - 1); break;
      case 'ArrowRight':
        if (isFolder && !open) workspace.getState().expand(row.node.path);
        else if (open) moveTo(focusIndex + 1);
        break;
      case 'ArrowLeft':
        if (open) workspace.getState().collapse(row.node.path);
        else if (row.parent !== '') moveTo(rows.findIndex((r) => r.node.path === row.parent));
        break;
      case 'Enter':
      case ' ':
        activate(row);
        break;
      default:
        handled = !event.ctrlKey && !event.metaKey && !event.altKey && typeAhead(event.key);
    }
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  const typeAhead = (key: string): boolean => {
    if (key.length !== 1 || !/\S/.test(key)) return false;
    const letter = key.toLowerCase();
    for (let step = 1; step <= rows.length; step++) {
      const index = (focusIndex + step) % rows.length;
      if (rows[index].node.name.toLowerCase().startsWith(letter)) {
        moveTo(index);
        return true;
      }
    }
    return false;
  };

  if (rows.length === 0) {
    return <p className="tree-empty">This workspace has no files yet.</p>;
  }

  return (
    <ul ref={listRef} role="tree" aria-label="Workspace files" className="tree" onKeyDown={onKeyDown}>
      {rows.map((row, index) => {
        const { node } = row;
        const isFolder = node.kind === 'directory';
        const open = isFolder && expanded.has(node.path);
        const dirty = !isFolder && docs[node.path]?.dirty;
        const errors = !isFolder && (problems[node.path] ?? []).some((p) => p.severity === 'error');
        return (
          <li
            key={node.path}
            role="treeitem"
            aria-level={row.depth + 1}
            aria-expanded={isFolder ? open : undefined}
            aria-selected={node.path === selected}
            aria-current={node.path === active ? 'page' : undefined}
            tabIndex={index === focusIndex ? 0 : -1}
            data-path={node.path}
            className={`tree-row${node.path === selected ? ' is-selected' : ''}${node.path === active ? ' is-active' : ''}${errors ? ' has-errors' : ''}`}
            style={{ paddingLeft: 8 + row.depth * 14 }}
            title={node.path}
            onClick={() => activate(row)}
            onFocus={() => {
              if (node.path !== selected) workspace.getState().select(node.path);
            }}
          >
            <span className={`tree-twistie codicon ${isFolder ? (open ? 'codicon-chevron-down' : 'codicon-chevron-right') : ''}`} aria-hidden="true" />
            <span className={`tree-icon codicon codicon-${isFolder ? (open ? 'folder-opened' : 'folder') : `${fileIcon(node.path)} kind-${fileKind(node.path)}`}`} aria-hidden="true" />
            <span className="tree-label">{node.name}</span>
            {dirty && <span className="tree-dirty" aria-label="unsaved changes" />}
          </li>
        );
      })}
    </ul>
  );
}
