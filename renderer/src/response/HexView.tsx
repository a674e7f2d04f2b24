/**
 * One frame's bytes as an annotated hex dump ("Request frame", "Response frame"): rows of 16
 * bytes with their offset and ASCII, each byte coloured by the kind of segment it belongs to,
 * a legend, and the segments listed by name. Hovering a byte, or selecting a segment in the list
 * (arrow keys move through it), lights up that segment's bytes and shows its label.
 *
 * Lighting is a generated style rule, not a class per byte, so moving the mouse across 64 KiB
 * re-renders one <style> element rather than thousands of spans.
 */
import { memo, useCallback, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { FrameSegment, WireFrame } from '../../../shared/studio/api.js';
import { asciiChar, byteText, BYTES_PER_ROW, formatBytes, hexToBytes, offsetText, SEGMENT_KINDS, segmentOfEachByte } from './hex.js';

/** Rows drawn at first; the rest on request (a 64 KiB frame is 4096 rows). */
const INITIAL_ROWS = 256;

export function HexView({ frame }: { frame: WireFrame }) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const bytes = useMemo(() => hexToBytes(frame.hex), [frame.hex]);
  const owner = useMemo(() => segmentOfEachByte(bytes.length, frame.segments), [bytes, frame.segments]);
  const [hovered, setHovered] = useState(-1);
  const [selected, setSelected] = useState(-1);
  const [allRows, setAllRows] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  const pick = useCallback((i: number) => setSelected((s) => (s === i ? -1 : i)), []);
  const lit = hovered >= 0 ? hovered : selected;
  const segment: FrameSegment | undefined = frame.segments[lit];
  const rowCount = Math.ceil(bytes.length / BYTES_PER_ROW);
  const shownRows = allRows ? rowCount : Math.min(rowCount, INITIAL_ROWS);
  const kinds = SEGMENT_KINDS.filter((k) => frame.segments.some((s) => s.kind === k.kind));
  const truncated = frame.length > bytes.length;
  const title = frame.direction === 'request' ? 'Request frame' : 'Response frame';

  const onListKey = (event: KeyboardEvent<HTMLUListElement>): void => {
    const count = frame.segments.length;
    if (count === 0) return;
    let next: number;
    if (event.key === 'ArrowDown') next = (selected + 1) % count;
    else if (event.key === 'ArrowUp') next = (selected - 1 + count) % count;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = count - 1;
    else if (event.key === 'Escape' && selected >= 0) next = -1;
    else return;
    event.preventDefault();
    event.stopPropagation();
    select(next);
  };

  const select = (index: number): void => {
    setSelected(index);
    const s = frame.segments[index];
    if (s && s.start >= shownRows * BYTES_PER_ROW) setAllRows(true);
    requestAnimationFrame(() => {
      listRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
      document.querySelector(`[data-hex="${uid}"] [data-seg="${index}"]`)?.scrollIntoView({ block: 'nearest' });
    });
  };

  return (
    <section className="hex" aria-label={title} data-hex={uid}>
      {lit >= 0 && <style>{`[data-hex="${uid}"] [data-seg="${lit}"] { background: var(--hex-lit); color: var(--fg-strong); }`}</style>}
      <header className="hex-header">
        <h3 className="hex-title">{title}</h3>
        <span className="hex-size">{formatBytes(frame.length)}</span>
        <ul className="hex-legend" aria-label="Segment kinds">
          {kinds.map((k) => (
            <li key={k.kind} className={`hex-legend-item seg-${k.kind}`}>
              <span className="hex-swatch" aria-hidden="true" />
              {k.label}
            </li>
          ))}
        </ul>
      </header>
      {truncated && (
        <p className="hex-note" role="note">
          Showing the first {formatBytes(bytes.length)} of {formatBytes(frame.length)}: frames are kept up to 64 KiB.
        </p>
      )}
      <div className="hex-label" aria-live="polite">
        {segment ? (
          <>
            <span className={`hex-swatch seg-${segment.kind}`} aria-hidden="true" />
            <span className="hex-label-range">{offsetText(segment.start)}–{offsetText(Math.max(segment.start, segment.end - 1))}</span>
            <span className="hex-label-text">{segment.label}</span>
            <span className="hex-label-size">{formatBytes(segment.end - segment.start)}</span>
          </>
        ) : (
          <span className="hex-label-hint">Point at a byte or pick a segment to see what it is.</span>
        )}
      </div>
      <div className="hex-body">
        <HexRows bytes={bytes} owner={owner} segments={frame.segments} rows={shownRows} onHover={setHovered} onPick={pick} />
        {shownRows < rowCount && (
          <button type="button" className="button hex-more" onClick={() => setAllRows(true)}>
            Show all {rowCount} rows
          </button>
        )}
        {frame.segments.length > 0 && (
          <ul ref={listRef} className="hex-segments" role="listbox" aria-label={`${title} segments`} onKeyDown={onListKey}>
            {frame.segments.map((s, i) => (
              <li
                key={i}
                role="option"
                data-index={i}
                aria-selected={i === selected}
                tabIndex={i === Math.max(0, selected) ? 0 : -1}
                className={`hex-segment seg-${s.kind}${i === lit ? ' is-lit' : ''}`}
                onClick={() => select(i === selected ? -1 : i)}
                onMouseEnter={() => setHovered(i)}
                onMouseLeave={() => setHovered(-1)}
              >
                <span className="hex-swatch" aria-hidden="true" />
                <span className="hex-segment-range">{offsetText(s.start)}</span>
                <span className="hex-segment-label">{s.label}</span>
                <span className="hex-segment-size">{formatBytes(s.end - s.start)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

interface RowsProps {
  bytes: Uint8Array;
  owner: Int32Array;
  segments: readonly FrameSegment[];
  rows: number;
  onHover(index: number): void;
  onPick(index: number): void;
}

/** The dump itself; re-renders only when the bytes or the number of rows change. */
const HexRows = memo(function HexRows({ bytes, owner, segments, rows, onHover, onPick }: RowsProps) {
  const segmentAt = (target: EventTarget): number => {
    const value = (target as HTMLElement).dataset?.seg;
    return value === undefined ? -1 : Number(value);
  };
  const lines = [];
  for (let r = 0; r < rows; r++) {
    const start = r * BYTES_PER_ROW;
    const end = Math.min(bytes.length, start + BYTES_PER_ROW);
    const hexCells = [];
    const asciiCells = [];
    for (let i = start; i < end; i++) {
      const seg = owner[i];
      const kind = seg >= 0 ? segments[seg].kind : 'none';
      hexCells.push(
        <span key={i} className={`hex-byte seg-${kind}`} data-seg={seg >= 0 ? seg : undefined} data-offset={i}>
          {byteText(bytes[i])}
        </span>,
      );
      asciiCells.push(
        <span key={i} className={`hex-char seg-${kind}`} data-seg={seg >= 0 ? seg : undefined}>
          {asciiChar(bytes[i])}
        </span>,
      );
    }
    lines.push(
      <div key={r} className="hex-row">
        <span className="hex-offset">{offsetText(start)}</span>
        <span className="hex-bytes">{hexCells}</span>
        <span className="hex-ascii">{asciiCells}</span>
      </div>,
    );
  }
  return (
    <div
      className="hex-dump"
      onMouseOver={(e) => onHover(segmentAt(e.target))}
      onMouseLeave={() => onHover(-1)}
      onClick={(e) => {
        const seg = segmentAt(e.target);
        if (seg >= 0) onPick(seg);
      }}
    >
      {lines}
    </div>
  );
});
