/** Coalescing events per key, counted on a clock the test moves (no real waiting, no timing assertions). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Coalescer } from './coalescer.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Coalescer', () => {
  it('turns a burst into one event carrying the latest state', () => {
    let state = 0;
    const seen: number[] = [];
    const coalescer = new Coalescer<string>(250, () => seen.push(state));
    for (let i = 1; i <= 200; i++) {
      state = i;
      coalescer.touch('c');
    }
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(seen).toEqual([200]);
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([200]);
  });

  it('emits at most once per window under a steady stream, and the last change always arrives', () => {
    let state = 0;
    const seen: number[] = [];
    const coalescer = new Coalescer<string>(250, () => seen.push(state));
    // 200 changes, one every 10 ms: two seconds of heartbeats.
    for (let i = 1; i <= 200; i++) {
      state = i;
      coalescer.touch('c');
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(250);
    expect(seen.length).toBeLessThanOrEqual(1 + Math.ceil(2000 / 250));
    expect(seen.at(-1)).toBe(200);
    vi.advanceTimersByTime(1000);
    const settled = seen.length;
    // Quiet again: the next change is told at once.
    state = 201;
    coalescer.touch('c');
    vi.advanceTimersByTime(0);
    expect(seen.length).toBe(settled + 1);
    expect(seen.at(-1)).toBe(201);
  });

  it('keeps keys apart, and forgets a cancelled one', () => {
    const seen: string[] = [];
    const coalescer = new Coalescer<string>(250, (key) => seen.push(key));
    coalescer.touch('a');
    coalescer.touch('b');
    coalescer.touch('gone');
    coalescer.cancel('gone');
    vi.advanceTimersByTime(0);
    expect(seen.sort()).toEqual(['a', 'b']);
    coalescer.touch('a');
    coalescer.close();
    vi.advanceTimersByTime(1000);
    expect(seen).toHaveLength(2);
  });
});
