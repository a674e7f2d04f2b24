/**
 * A result value as an ARIA tree: objects and arrays expand and collapse, scalars show exactly
 * as the text had them (longs beyond 2^53 included), tags say what the schema knows (union
 * branch, record, "Payload · spl.x.Y"). Roving tabindex: Up/Down move, Right opens or enters,
 * Left closes or goes to the parent, Home/End, Enter toggles; Ctrl+C (Cmd+C) or the row's copy
 * button copies the value as Avro JSON.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { toJsonText } from '../../../shared/avro/json-text.js';
import { formatKeybinding } from '../commands/keybinding.js';
import type { TreeNode } from './result-tree.js';

interface Row {
  node: TreeNode;
  depth: number;
  parent: string | null;
}

/** Opened at first: the root and its children, and everything in small values. */
const OPEN_DEPTH = 2;
const SMALL = 40;

function initiallyOpen(root: TreeNode): Set<string> {
  const open = new Set<string>();
  let count = 0;
  const walk = (node: TreeNode, depth: number) => {
    count++;
    if (node.children) {
      open.add(node.id);
      node.children.forEach((c) => walk(c, depth + 1));
    }
  };
  walk(root, 0);
  if (count <= SMALL) return open;
  const shallow = new Set<string>();
  const walkShallow = (node: TreeNode, depth: number) => {
    if (!node.children || depth >= OPEN_DEPTH) return;
    shallow.add(node.id);
    node.children.forEach((c) => walkShallow(c, depth + 1));
  };
  walkShallow(root, 0);
  return shallow;
}

function visible(root: TreeNode, open: Set<string>): Row[] {
  const rows: Row[] = [];
  const walk = (node: TreeNode, depth: number, parent: string | null) => {
    rows.push({ node, depth, parent });
    if (node.children && open.has(node.id)) node.children.forEach((c) => walk(c, depth + 1, node.id));
  };
  walk(root, 0, null);
  return rows;
}

function summary(node: TreeNode): string {
  const n = node.children?.length ?? 0;
  if (node.kind === 'array') return n === 0 ? '[]' : `[ ${n} item${n === 1 ? '' : 's'} ]`;
  return n === 0 ? '{}' : `{ ${n} field${n === 1 ? '' : 's'} }`;
}

export interface JsonTreeProps {
  root: TreeNode;
  label: string;
  /** Copies a value's text (the caller reaches the clipboard and tells the user). */
  onCopy(text: string, what: string): void;
}

export function JsonTree({ root, label, onCopy }: JsonTreeProps) {
  const [state, setState] = useState(() => ({ root, open: initiallyOpen(root), focus: root.id }));
  // A new result: start over (during render, so the old tree never shows against the new one).
  const current = state.root === root ? state : { root, open: initiallyOpen(root), focus: root.id };
  if (current !== state) setState(current);
  const { open, focus } = current;
  const rows = useMemo(() => visible(root, open), [root, open]);
  const listRef = useRef<HTMLUListElement>(null);
  const focusAfterRender = useRef(false);
  const at = Math.max(0, rows.findIndex((r) => r.node.id === focus));

  useEffect(() => {
    if (!focusAfterRender.current) return;
    focusAfterRender.current = false;
    listRef.current?.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
  });

  const setOpen = (id: string, value: boolean) => {
    const next = new Set(open);
    if (value) next.add(id);
    else next.delete(id);
    setState({ root, open: next, focus });
  };
  const moveTo = (index: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    focusAfterRender.current = true;
    setState({ root, open, focus: row.node.id });
  };
  const copy = (node: TreeNode) => onCopy(toJsonText(node.value), node.key === null ? 'the result' : `"${node.key}"`);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    const row = rows[at];
    if (!row) return;
    const isOpen = !!row.node.children && open.has(row.node.id);
    switch (event.key) {
      case 'ArrowDown': moveTo(at + 1); break;
      case 'ArrowUp': moveTo(at - 1); break;
      case 'Home': moveTo(0); break;
      case 'End': moveTo(rows.length - 1); break;
      case 'ArrowRight':
        if (row.node.children && !isOpen) setOpen(row.node.id, true);
        else if (isOpen) moveTo(at + 1);
        break;
      case 'ArrowLeft':
        if (isOpen) setOpen(row.node.id, false);
        else if (row.parent !== null) moveTo(rows.findIndex((r) => r.node.id === row.parent));
        break;
      case 'Enter':
      case ' ':
        if (row.node.children) setOpen(row.node.id, !isOpen);
        break;
      case 'c':
      case 'C':
        if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
        // Text the user selected with the mouse stays theirs to copy.
        if (window.getSelection()?.toString()) return;
        copy(row.node);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <ul ref={listRef} role="tree" aria-label={label} className="json-tree" onKeyDown={onKeyDown}>
      {rows.map((row, index) => {
        const { node } = row;
        const isOpen = !!node.children && open.has(node.id);
        return (
          <li
            key={node.id}
            role="treeitem"
            aria-level={row.depth + 1}
            aria-expanded={node.children ? isOpen : undefined}
            aria-selected={index === at}
            tabIndex={index === at ? 0 : -1}
            className={`json-row${index === at ? ' is-focus' : ''}`}
            style={{ paddingLeft: 6 + row.depth * 14 }}
            onClick={() => {
              setState({ root, open: node.children ? (isOpen ? without(open, node.id) : withId(open, node.id)) : open, focus: node.id });
            }}
          >
            <span className={`json-twistie codicon ${node.children ? (isOpen ? 'codicon-chevron-down' : 'codicon-chevron-right') : ''}`} aria-hidden="true" />
            {node.key !== null && <span className="json-key">{node.key}</span>}
            {node.key !== null && <span className="json-colon">:</span>}
            {node.tag && <span className="json-tag">{node.tag}</span>}
            {node.kind === 'scalar' ? (
              <span className={`json-value is-${node.scalar}`}>{node.text}</span>
            ) : (
              <span className="json-summary">{summary(node)}</span>
            )}
            {node.note && (
              <span className="json-note" title={node.note}>
                <span className="codicon codicon-warning" aria-hidden="true" /> {node.note}
              </span>
            )}
            <button
              type="button"
              className="icon-button json-copy"
              tabIndex={-1}
              aria-label={`Copy ${node.key === null ? 'the whole value' : `the value of ${node.key}`}`}
              title={`Copy Value (${formatKeybinding('Mod+C')})`}
              onClick={(e) => {
                e.stopPropagation();
                copy(node);
              }}
            >
              <span className="codicon codicon-copy" aria-hidden="true" />
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function withId(set: Set<string>, id: string): Set<string> {
  return new Set(set).add(id);
}

function without(set: Set<string>, id: string): Set<string> {
  const next = new Set(set);
  next.delete(id);
  return next;
}
