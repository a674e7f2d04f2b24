/**
 * One node's circuit breaker: after `failures` consecutive transport failures the node is set
 * aside for `openMs`; then one probe call may go through (half-open): success closes the
 * breaker, failure opens it again. Declared errors are answers, not failures: a node that says
 * "no such module" is healthy.
 */

export interface BreakerOptions {
  /** Consecutive transport failures that open the breaker (default 3). */
  failures?: number;
  /** How long an open breaker keeps the node aside, in milliseconds (default 5000). */
  openMs?: number;
  /** The clock, for tests. */
  now?: () => number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  private consecutive = 0;
  private openedAt?: number;
  private probing = false;
  private readonly threshold: number;
  private readonly openMs: number;
  private readonly now: () => number;

  constructor(options: BreakerOptions = {}) {
    this.threshold = Math.max(1, options.failures ?? 3);
    this.openMs = Math.max(0, options.openMs ?? 5000);
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.openMs ? 'half-open' : 'open';
  }

  /** When an open breaker lets a probe through, as epoch milliseconds. */
  get retryAt(): number | undefined {
    return this.openedAt === undefined ? undefined : this.openedAt + this.openMs;
  }

  /** Takes a slot for one call: always when closed, one probe at a time when half-open, never when open. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  success(): void {
    this.consecutive = 0;
    this.openedAt = undefined;
    this.probing = false;
  }

  failure(): void {
    this.consecutive++;
    // A failed probe re-opens at once; otherwise only after `threshold` failures in a row.
    if (this.probing || this.consecutive >= this.threshold) this.openedAt = this.now();
    this.probing = false;
  }

  /** A call that ended without telling anything about the node (cancelled by its deadline elsewhere). */
  release(): void {
    this.probing = false;
  }
}
