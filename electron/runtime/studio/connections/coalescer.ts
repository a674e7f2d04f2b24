/**
 * At most one event per key per window, and never a change lost: a 200-node cluster whose
 * members heartbeat every second must not send the renderer 200 events a second, yet every join,
 * departure and heartbeat must show. The first change is told at the end of the current turn (a
 * burst of changes made together is one event); changes within the window after an event are
 * told together when it ends. The emitter reads the state when it fires, so it is always the latest.
 */
export class Coalescer<K> {
  private readonly slots = new Map<K, { timer: NodeJS.Timeout; dirty: boolean }>();

  constructor(
    private readonly windowMs: number,
    private readonly emit: (key: K) => void,
  ) {}

  /** Something about `key` changed. */
  touch(key: K): void {
    const slot = this.slots.get(key);
    if (slot) {
      slot.dirty = true;
      return;
    }
    this.slots.set(key, { dirty: true, timer: setTimeout(() => this.fire(key), 0) });
  }

  private fire(key: K): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    if (!slot.dirty) {
      // A quiet window: the next change is told at once again.
      this.slots.delete(key);
      return;
    }
    slot.dirty = false;
    slot.timer = setTimeout(() => this.fire(key), this.windowMs);
    this.emit(key);
  }

  /** Forgets `key`'s pending event (its connection is gone). */
  cancel(key: K): void {
    const slot = this.slots.get(key);
    if (slot) clearTimeout(slot.timer);
    this.slots.delete(key);
  }

  close(): void {
    for (const key of [...this.slots.keys()]) this.cancel(key);
  }
}
