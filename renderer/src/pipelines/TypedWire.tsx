/**
 * A wire between two stages, drawn by what its check says: fitting (a small check mark),
 * mismatched (red, dashed, an error marker), untyped (neutral), or not known yet. The marker
 * is a button: hovering or focusing it shows the reasons, each by field path.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo, useId, useState } from 'react';
import type { WireCheck } from './wire-checks.js';

export type WireFlowEdge = Edge<{ check: WireCheck; hovered?: boolean }, 'typed'>;

const MARKER: Record<WireCheck['state'], { icon?: string; text?: string; label: string }> = {
  ok: { icon: 'codicon-check', label: 'Schemas fit' },
  mismatch: { icon: 'codicon-error', label: 'Schemas do not fit' },
  untyped: { text: 'untyped', label: 'Untyped' },
  checking: { text: 'checking…', label: 'Checking' },
  unknown: { icon: 'codicon-question', label: 'Not checked' },
};

function TypedWireImpl(props: EdgeProps<WireFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const [over, setOver] = useState(false);
  const open = over || !!data?.hovered;
  const tipId = useId();
  const check = data?.check ?? { state: 'checking' as const, note: 'Checking…' };
  const marker = MARKER[check.state];
  return (
    <>
      <BaseEdge id={id} path={path} className={`typed-wire is-${check.state}${selected ? ' is-selected' : ''}`} interactionWidth={16} />
      <EdgeLabelRenderer>
        <div
          className={`wire-marker is-${check.state} nodrag nopan`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          onMouseEnter={() => setOver(true)}
          onMouseLeave={() => setOver(false)}
        >
          <button
            type="button"
            className="wire-marker-button"
            aria-label={`${marker.label}: ${check.note}`}
            aria-describedby={open ? tipId : undefined}
            data-wire={id}
            onFocus={() => setOver(true)}
            onBlur={() => setOver(false)}
          >
            {marker.icon ? <span className={`codicon ${marker.icon}`} aria-hidden="true" /> : marker.text}
          </button>
          {open && (
            <div className="wire-tip" role="tooltip" id={tipId}>
              <p className="wire-tip-note">{check.note}</p>
              {check.state === 'mismatch' && (
                <ul className="wire-tip-reasons">
                  {check.reasons.map((reason) => <li key={reason}>{reason}</li>)}
                </ul>
              )}
            </div>
          )}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const TypedWire = memo(TypedWireImpl);
