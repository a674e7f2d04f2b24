/**
 * The service explorer's tree ("Services"): connections, their nodes, the protocols each node
 * serves and their messages, live as nodes join and leave; nodes running in a node's containers
 * under that node's "Containers" group, with a container icon and their image. Rows are keyed by what they show,
 * so open rows and the selection survive every cluster change. One row is tabbable (roving
 * tabindex); Up/Down, Right/Left (open, enter / close, go to the parent), Home/End, Enter.
 */
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useStudio, useSlice } from '../app/studio.js';
import { ConnectionStateIcon, kindIcon, stateTitle } from '../connections/ConnectionStateIcon.js';
import { nodeKey } from '../stores/connections-store.js';
import { DriftBadge, VERDICT_LABELS } from './DriftBadge.js';
import { explorerRows, type ExplorerRow, type TargetRow } from './explorer-rows.js';
import { explorerStoreOf, targetKey } from './explorer-store.js';
import './details.css';
import './explorer.css';

export function ExplorerTree() {
  const studio = useStudio();
  const explorer = explorerStoreOf(studio);
  const connections = useSlice(studio.connections, (s) => s.connections);
  const nodes = useSlice(studio.connections, (s) => s.nodes);
  const descriptions = useSlice(studio.connections, (s) => s.descriptions);
  const expanded = useSlice(explorer, (s) => s.expanded);
  const selected = useSlice(explorer, (s) => s.selected);
  const rows = useMemo(() => explorerRows({ connections, nodes, descriptions }, expanded), [connections, nodes, descriptions, expanded]);
  const listRef = useRef<HTMLUListElement>(null);
  const focusAfterRender = useRef(false);

  const selectedKey = selected ? targetKey(selected) : undefined;
  const current = rows.findIndex((r) => r.key === selectedKey);
  const focusIndex = current >= 0 ? current : rows.findIndex((r) => r.kind !== 'info');

  // Connections open the first time they appear; closing one is remembered.
  useEffect(() => {
    explorer.getState().openNew(connections.map((c) => c.id));
  }, [explorer, connections]);

  // Open nodes are described (protocol rows then name their definition files, messages load).
  useEffect(() => {
    for (const row of rows) {
      if (row.kind === 'node' && expanded.has(row.key) && !descriptions[nodeKey(row.node.connectionId, row.node.nodeId)]) {
        void studio.connections.getState().describe(row.node.connectionId, row.node.nodeId);
      }
    }
  }, [rows, expanded, descriptions, studio]);

  useEffect(() => {
    if (!focusAfterRender.current) return;
    focusAfterRender.current = false;
    listRef.current?.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
  });

  const select = (row: TargetRow): void => explorer.getState().select(row.target);

  const moveTo = (index: number, step: 1 | -1): void => {
    // Info rows (loading, errors) are read, not selected: skip them.
    for (let i = index; i >= 0 && i < rows.length; i += step) {
      const row = rows[i]!;
      if (row.kind === 'info') continue;
      focusAfterRender.current = true;
      select(row);
      return;
    }
  };

  const activate = (row: ExplorerRow): void => {
    if (row.kind === 'info') return;
    select(row);
    if (row.kind !== 'message') explorer.getState().setExpanded(row.target, !expanded.has(row.key));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    const row = rows[focusIndex];
    if (!row || row.kind === 'info') return;
    const opens = row.kind !== 'message';
    const open = opens && expanded.has(row.key);
    let handled = true;
    switch (event.key) {
      case 'ArrowDown': moveTo(focusIndex + 1, 1); break;
      case 'ArrowUp': moveTo(focusIndex - 1, -1); break;
      case 'Home': moveTo(0, 1); break;
      case 'End': moveTo(rows.length - 1, -1); break;
      case 'ArrowRight':
        if (opens && !open) explorer.getState().setExpanded(row.target, true);
        else if (open) moveTo(focusIndex + 1, 1);
        break;
      case 'ArrowLeft':
        if (open) explorer.getState().setExpanded(row.target, false);
        else if (row.parentKey) moveTo(rows.findIndex((r) => r.key === row.parentKey), -1);
        break;
      case 'Enter':
      case ' ':
        activate(row);
        break;
      default:
        handled = false;
    }
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  return (
    <ul ref={listRef} role="tree" aria-label="Services" className="tree explorer-tree" onKeyDown={onKeyDown}>
      {rows.map((row, index) => {
        const opens = row.kind !== 'message' && row.kind !== 'info';
        const open = opens && expanded.has(row.key);
        const isSelected = row.key === selectedKey;
        return (
          <li
            key={row.key}
            role="treeitem"
            aria-level={row.depth + 1}
            aria-expanded={opens ? open : undefined}
            aria-selected={row.kind === 'info' ? undefined : isSelected}
            aria-disabled={row.kind === 'info' ? true : undefined}
            tabIndex={index === focusIndex ? 0 : -1}
            data-key={row.key}
            className={`tree-row explorer-row is-${row.kind}${isSelected ? ' is-selected' : ''}`}
            style={{ paddingLeft: 8 + row.depth * 14 }}
            title={rowTitle(row)}
            onClick={() => activate(row)}
            onFocus={() => {
              if (row.kind !== 'info' && !isSelected) select(row);
            }}
          >
            <span className={`tree-twistie codicon ${opens ? (open ? 'codicon-chevron-down' : 'codicon-chevron-right') : ''}`} aria-hidden="true" />
            <RowContent row={row} />
          </li>
        );
      })}
    </ul>
  );
}

function RowContent({ row }: { row: ExplorerRow }) {
  switch (row.kind) {
    case 'connection':
      return (
        <>
          <span className={`tree-icon codicon ${kindIcon(row.connection)}`} aria-hidden="true" />
          <span className="tree-label">{row.connection.name}</span>
          <ConnectionStateIcon connection={row.connection} />
          <span className="explorer-count" aria-label={`${row.nodeCount} ${row.nodeCount === 1 ? 'node' : 'nodes'}`}>{row.nodeCount}</span>
        </>
      );
    case 'node':
      return (
        <>
          {row.node.container
            ? <span className="tree-icon codicon codicon-package" role="img" aria-label="container" />
            : <span className="tree-icon codicon codicon-server" aria-hidden="true" />}
          <span className="tree-label">{row.node.nodeId}</span>
          {row.node.container && <span className="explorer-note explorer-image">{row.node.container.image}</span>}
          <span className={`health-dot is-${row.node.health}`} role="img" aria-label={row.node.health === 'up' ? 'up' : 'unreachable'} />
        </>
      );
    case 'containers':
      return (
        <>
          <span className="tree-icon codicon codicon-layers" aria-hidden="true" />
          <span className="tree-label">Containers</span>
          <span className="explorer-count" aria-label={`${row.count} ${row.count === 1 ? 'container node' : 'container nodes'}`}>{row.count}</span>
        </>
      );
    case 'protocol':
      return (
        <>
          <span className="tree-icon codicon codicon-symbol-interface" aria-hidden="true" />
          <span className="tree-label">{row.name}</span>
          <DriftBadge drift={row.drift} definitionFile={row.description?.definitionFile} compact />
        </>
      );
    case 'message':
      return (
        <>
          <span className="tree-icon codicon codicon-symbol-method" aria-hidden="true" />
          <span className="tree-label">{row.message.name}</span>
          {row.message.oneWay && <span className="explorer-note">one-way</span>}
          {row.verdict && (row.verdict.status === 'incompatible' || row.verdict.status === 'removed') && (
            <span className="codicon codicon-warning explorer-verdict" role="img" aria-label={VERDICT_LABELS[row.verdict.status]} />
          )}
        </>
      );
    case 'info':
      return (
        <>
          {row.tone === 'loading' && <span className="tree-icon codicon codicon-loading codicon-modifier-spin" aria-hidden="true" />}
          {row.tone === 'error' && <span className="tree-icon codicon codicon-error is-error" aria-hidden="true" />}
          <span className={`tree-label explorer-info is-${row.tone}`}>{row.text}</span>
        </>
      );
  }
}

function rowTitle(row: ExplorerRow): string | undefined {
  switch (row.kind) {
    case 'connection': return `${row.connection.name} (${row.connection.url}): ${stateTitle(row.connection)}`;
    case 'node': {
      const where = row.node.container ? `, in a container of ${row.node.container.hostNodeId} running ${row.node.container.image} (${row.node.container.status})` : '';
      return row.node.health === 'up' ? `${row.node.nodeId} at ${row.node.endpoint}${where}` : `${row.node.nodeId} is unreachable${row.node.healthError ? `: ${row.node.healthError}` : ''}${where}`;
    }
    case 'containers': return `The nodes running in containers of ${row.host.nodeId}`;
    case 'protocol': return row.name;
    case 'message': return row.message.doc;
    case 'info': return row.text;
  }
}
