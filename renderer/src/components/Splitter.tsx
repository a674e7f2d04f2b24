/**
 * A draggable boundary between two panes; also a focusable ARIA separator that the arrow keys
 * move (10 px, 50 with Shift), so resizing has a keyboard path too.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { PANEL_BOUNDS, type Panel } from '../stores/layout-store.js';

interface SplitterProps {
  panel: Panel;
  label: string;
  size: number;
  /** Which way growing the panel moves the pointer: sidebar +1 (right), preview -1 (left), problems -1 (up). */
  direction: 1 | -1;
  orientation: 'vertical' | 'horizontal';
  onResize: (size: number) => void;
}

export function Splitter({ panel, label, size, direction, orientation, onResize }: SplitterProps) {
  const start = useRef<{ pointer: number; size: number } | null>(null);
  const bounds = PANEL_BOUNDS[panel];
  const axis = (e: PointerEvent) => (orientation === 'vertical' ? e.clientX : e.clientY);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    e.currentTarget.setPointerCapture(e.pointerId);
    start.current = { pointer: axis(e), size };
    document.body.classList.add(orientation === 'vertical' ? 'is-resizing-x' : 'is-resizing-y');
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (start.current) onResize(start.current.size + (axis(e) - start.current.pointer) * direction);
  };
  const onPointerUp = (): void => {
    start.current = null;
    document.body.classList.remove('is-resizing-x', 'is-resizing-y');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const step = e.shiftKey ? 50 : 10;
    const grow: Record<string, number> = orientation === 'vertical' ? { ArrowRight: direction, ArrowLeft: -direction } : { ArrowDown: -direction, ArrowUp: direction };
    const sign = grow[e.key];
    if (sign !== undefined) onResize(size + sign * step);
    else if (e.key === 'Home') onResize(bounds.min);
    else if (e.key === 'End') onResize(bounds.max);
    else return;
    e.preventDefault();
  };

  return (
    <div
      className={`splitter is-${orientation}`}
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={size}
      aria-valuemin={bounds.min}
      aria-valuemax={bounds.max}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      onDoubleClick={() => onResize(bounds.initial)}
    />
  );
}
