/**
 * The host's own node (the connection "local"): asked in process for its NodeInfo, again every
 * poll, so reloaded modules show. It is up as long as the host runs it.
 */
import type { NodeInfo } from '../../cluster/membership.js';
import type { NodeSource, SourceNode, SourceState } from './node-source.js';

export class LocalSource implements NodeSource {
  private timer?: NodeJS.Timeout;
  private current: SourceNode[] = [];
  private failure?: string;

  constructor(
    private readonly local: { nodeInfo(): NodeInfo },
    private readonly pollMs: number,
    private readonly onUpdate: () => void,
  ) {}

  start(): void {
    this.read();
    this.timer = setInterval(() => this.read(), this.pollMs);
    this.timer.unref?.();
  }

  private read(): void {
    try {
      this.current = [{ ...this.local.nodeInfo(), health: 'up' }];
      this.failure = undefined;
    } catch (error) {
      // The host's node failing to describe itself is a bug, but the studio should say so, not die.
      this.failure = `the local runtime cannot describe itself: ${(error as Error).message}`;
    }
    this.onUpdate();
  }

  /** The local node's URL, for the connection's status. */
  url(): string {
    return this.current[0]?.endpoint ?? '';
  }

  nodes(): SourceNode[] {
    return this.current;
  }

  state(): SourceState {
    return this.failure ? { state: 'error', error: this.failure } : { state: 'connected' };
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
  }
}
