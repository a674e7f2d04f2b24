/**
 * Polls: runs `poll` at once, then `intervalMs` after each run ends (never two at a time), until
 * stopped. The lone-node source and the container hosts both follow a node this way.
 */
export class PollLoop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly poll: () => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.run();
  }

  private run(): void {
    // A poll reports its own failures; the loop only keeps going.
    this.running = this.poll()
      .catch(() => undefined)
      .finally(() => {
        if (!this.stopped) this.timer = setTimeout(() => this.run(), this.intervalMs);
      });
  }

  /** No more runs from now on; resolves once the run in progress, if any, has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
