/**
 * Group commit: writes that arrive while the event loop is busy share one transaction, so they
 * share one fsync (with `synchronous=FULL` the fsync, not SQLite, is most of a write's cost).
 * Each write is acknowledged (its promise resolves) only after the transaction that holds it
 * has committed; if the commit fails, every write in it fails with the same error and none is
 * stored. A single writer that awaits each write gets one transaction per write, as before.
 *
 * Batches are cut at `maxBatch` writes so that one commit never holds the loop for long.
 */
import type { RecordStore, RecordWrite, WriteOutcome } from './record-store.js';

interface Queued {
  write: RecordWrite;
  resolve: (outcome: WriteOutcome) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private queue: Queued[] = [];
  private scheduled = false;

  constructor(
    private readonly store: () => RecordStore,
    private readonly maxBatch = 512,
  ) {}

  write(write: RecordWrite): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After this turn's I/O callbacks: every request already read joins the batch.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits one batch; what is left waits for the next turn, so reads and I/O get a turn between. */
  private flush(): void {
    this.scheduled = false;
    this.commit(this.queue.splice(0, this.maxBatch));
    if (this.queue.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Commits everything queued, now (on close: no write that was accepted is left behind). */
  drain(): void {
    while (this.queue.length > 0) this.commit(this.queue.splice(0, this.maxBatch));
  }

  private commit(batch: Queued[]): void {
    if (batch.length === 0) return;
    let outcomes: WriteOutcome[];
    try {
      outcomes = this.store().writeBatch(batch.map((q) => q.write));
    } catch (error) {
      for (const q of batch) q.reject(error);
      return;
    }
    batch.forEach((q, i) => q.resolve(outcomes[i]));
  }

  get pending(): number {
    return this.queue.length;
  }
}
