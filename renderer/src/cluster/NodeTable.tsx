/**
 * The cluster's nodes as a sortable table that stays smooth with hundreds of rows: rows have
 * one fixed height, only those in view (and a few around) are in the DOM, spacers stand in for
 * the rest, and each row is memoized so a cluster change re-renders only the nodes it changed.
 * Heartbeat ages tick through one shared clock. Up/Down/Home/End/PageUp/PageDown select.
 * A node in a container shows a container icon and its image, indented under its host's row.
 */
import { memo, useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ClusterNode } from '../../../shared/studio/api.js';
import { Age } from './clock.js';
import { NODE_COLUMNS, capabilityText, driftSummary, type NodeColumn, type NodeSort, type NodeTableRow } from './node-table-model.js';
import '../explorer/details.css';
import './cluster.css';

export const ROW_HEIGHT = 28;
const OVERSCAN = 8;
/** Until the table is measured (and in a DOM without layout), assume a typical height. */
const FALLBACK_HEIGHT = 560;

export interface NodeTableProps {
  rows: readonly NodeTableRow[];
  connectionName(id: string): string;
  sort: NodeSort;
  onSort(column: NodeColumn): void;
  selectedKey: string | null;
  onSelect(node: ClusterNode): void;
  /** Whether the nodes come from several connections: then a column says which. */
  showConnection: boolean;
}

export const rowKey = (node: Pick<ClusterNode, 'connectionId' | 'nodeId'>) => `${node.connectionId}/${node.nodeId}`;

export function NodeTable({ rows, connectionName, sort, onSort, selectedKey, onSelect, showConnection }: NodeTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const measure = () => setHeight(element.clientHeight || FALLBACK_HEIGHT);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const selectedIndex = selectedKey === null ? -1 : rows.findIndex((r) => rowKey(r.node) === selectedKey);
  const start = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const end = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  // Keep the selected row in view when the keyboard moves it.
  const reveal = useRef(false);
  useEffect(() => {
    if (!reveal.current || selectedIndex < 0) return;
    reveal.current = false;
    const element = scrollRef.current;
    if (!element) return;
    const header = ROW_HEIGHT;
    const top = selectedIndex * ROW_HEIGHT;
    const viewHeight = (element.clientHeight || height) - header;
    let next = element.scrollTop;
    if (top < next) next = top;
    else if (top + ROW_HEIGHT > next + viewHeight) next = top + ROW_HEIGHT - viewHeight;
    if (next !== element.scrollTop) {
      element.scrollTop = next;
      setScrollTop(next);
    }
  }, [selectedIndex, height]);

  const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>): void => {
    if (rows.length === 0) return;
    const at = selectedIndex;
    let next: number;
    switch (event.key) {
      case 'ArrowDown': next = at + 1; break;
      case 'ArrowUp': next = at < 0 ? 0 : at - 1; break;
      case 'PageDown': next = at + page; break;
      case 'PageUp': next = at - page; break;
      case 'Home': next = 0; break;
      case 'End': next = rows.length - 1; break;
      case 'Enter': next = at < 0 ? 0 : at; break;
      default: return;
    }
    event.preventDefault();
    const { node } = rows[Math.max(0, Math.min(rows.length - 1, next))]!;
    reveal.current = true;
    onSelect(node);
  };

  return (
    <div ref={scrollRef} className="node-table-scroll" onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <table
        className="node-table"
        role="grid"
        aria-label="Nodes"
        aria-rowcount={rows.length + 1}
        tabIndex={0}
        aria-activedescendant={selectedIndex >= start && selectedIndex < end ? `${idPrefix}-${selectedIndex}` : undefined}
        onKeyDown={onKeyDown}
      >
        <colgroup>
          <col className="col-id" />
          {showConnection && <col className="col-connection" />}
          <col className="col-endpoint" />
          <col className="col-modules" />
          <col className="col-capabilities" />
          <col className="col-heartbeat" />
          <col className="col-health" />
          <col className="col-drift" />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {NODE_COLUMNS.filter((c) => showConnection || c.column !== 'connection').map(({ column, label }) => {
              const sorted = sort.column === column;
              return (
                <th key={column} scope="col" aria-sort={sorted ? sort.direction : 'none'}>
                  <button type="button" className="node-table-sort" onClick={() => onSort(column)} title={`Sort by ${label.toLowerCase()}`}>
                    {label}
                    <span className={`codicon ${sorted ? (sort.direction === 'ascending' ? 'codicon-arrow-up' : 'codicon-arrow-down') : ''}`} aria-hidden="true" />
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {start > 0 && <tr className="node-table-spacer" style={{ height: start * ROW_HEIGHT }} aria-hidden="true" />}
          {rows.slice(start, end).map(({ node, nested }, i) => {
            const index = start + i;
            return (
              <NodeRow
                key={rowKey(node)}
                node={node}
                nested={nested}
                index={index}
                domId={`${idPrefix}-${index}`}
                connectionName={showConnection ? connectionName(node.connectionId) : undefined}
                selected={index === selectedIndex}
                onSelect={onSelect}
              />
            );
          })}
          {end < rows.length && <tr className="node-table-spacer" style={{ height: (rows.length - end) * ROW_HEIGHT }} aria-hidden="true" />}
        </tbody>
      </table>
    </div>
  );
}

interface NodeRowProps {
  node: ClusterNode;
  /** Indented under its host's row. */
  nested: boolean;
  index: number;
  domId: string;
  /** Shown when the table has a connection column. */
  connectionName?: string;
  selected: boolean;
  onSelect(node: ClusterNode): void;
}

const NodeRow = memo(function NodeRow({ node, nested, index, domId, connectionName, selected, onSelect }: NodeRowProps) {
  const drift = driftSummary(node);
  const capabilities = capabilityText(node);
  const select = useCallback(() => onSelect(node), [onSelect, node]);
  return (
    <tr
      id={domId}
      className={`node-row${node.container ? ' is-container' : ''}${nested ? ' is-nested' : ''}${selected ? ' is-selected' : ''}`}
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-node={node.nodeId}
      onClick={select}
    >
      {node.container ? (
        <td className="node-id" title={`${node.nodeId}\nin a container of ${node.container.hostNodeId}\n${node.container.image} (${node.container.status})`}>
          <span className="codicon codicon-package node-container-icon" role="img" aria-label="container" />
          {/* Under its host's row the host's part of the id says nothing new: show the container's. */}
          <span className="node-id-text">{nested && node.nodeId.startsWith(`${node.container.hostNodeId}/`) ? node.nodeId.slice(node.container.hostNodeId.length + 1) : node.nodeId}</span>
          <span className="node-image">{node.container.image}</span>
        </td>
      ) : (
        <td className="node-id" title={node.nodeId}>{node.nodeId}</td>
      )}
      {connectionName !== undefined && <td title={connectionName}>{connectionName}</td>}
      <td className="node-endpoint" title={node.endpoint}>{node.endpoint}</td>
      <td title={node.availableModules.length ? node.availableModules.join('\n') : 'No modules'}>{node.availableModules.length}</td>
      <td title={capabilities.join('\n')}>
        <span className="node-chips">
          {capabilities.map((c) => <span key={c} className="chip">{c}</span>)}
        </span>
      </td>
      <td><Age at={node.lastHeartbeat} /></td>
      <td>
        <span className={`node-health is-${node.health}`} title={node.health === 'unreachable' ? node.healthError ?? 'Does not answer.' : 'Answers.'}>
          <span className={`health-dot is-${node.health}`} aria-hidden="true" />
          {node.health}
        </span>
      </td>
      <td>
        <span className={`node-drift is-${drift.tone}`} title={node.protocols.map((p) => `${p.name}: ${node.drift[p.name] ?? 'not-in-workspace'}`).join('\n')}>
          {drift.text}
        </span>
      </td>
    </tr>
  );
});
