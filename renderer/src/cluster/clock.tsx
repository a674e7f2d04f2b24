/**
 * One clock for every "2 s ago" on screen: a single one-second timer while anything shows an
 * age, none when nothing does. Rows do not each run a timer; only the cells that show an age
 * re-render on each tick.
 */
import { useSyncExternalStore } from 'react';

let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    // The clock stood still while nobody watched: React reads it again right after subscribing.
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of [...listeners]) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The time, updated every second while the component is mounted. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

/** How long ago, for people: "just now", "2 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function ageText(ms: number): string {
  if (ms < 1000) return 'just now';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

/** An age that keeps itself current. */
export function Age({ at }: { at: number }) {
  const current = useNow();
  if (!Number.isFinite(at) || at <= 0) return <span title="The cluster has not heard of it yet.">never</span>;
  return <time dateTime={new Date(at).toISOString()} title={new Date(at).toLocaleString()}>{ageText(current - at)}</time>;
}
