/**
 * Membership read by polling: the skeleton the registry and static memberships share. It reads
 * once on `ready()` (which fails if that first read does), then again every `pollMs`, and keeps
 * the last list when a read fails: stale members beat no members (routing sets aside the ones
 * that fail).
 */
import type { Membership, NodeInfo } from './membership.js';
import { MemberList } from './listeners.js';

export abstract class PolledMembership implements Membership {
  private readonly list = new MemberList();
  /** Nodes as last read, with their heartbeat times (the MemberList keeps the ones at the last change). */
  private latest: NodeInfo[] = [];
  private timer?: NodeJS.Timeout;
  private first?: Promise<void>;
  private polling?: Promise<void>;
  private closed = false;

  constructor(private readonly pollMs: number) {}

  /** Connects, once, before the first read. */
  protected abstract open(): Promise<void>;
  /** Reads the members now; throws, saying why, when it cannot. */
  protected abstract read(): Promise<NodeInfo[]>;
  /** Releases what open() took. */
  protected abstract release(): Promise<void>;

  nodes(): NodeInfo[] {
    return this.latest;
  }

  onChange(listener: (nodes: NodeInfo[]) => void): () => void {
    return this.list.onChange(listener);
  }

  ready(): Promise<void> {
    this.first ??= (async () => {
      await this.open();
      // Polling goes on even when the first read fails: the source may come up later.
      this.schedule();
      await this.poll(true);
    })();
    return this.first;
  }

  /** Reads the list now (also what the timer does). */
  async refresh(): Promise<void> {
    await this.poll(false);
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.polling = this.poll(false).finally(() => this.schedule());
    }, this.pollMs);
  }

  private async poll(strict: boolean): Promise<void> {
    try {
      this.latest = await this.read();
      this.list.set(this.latest);
    } catch (error) {
      if (strict) throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.polling;
    await this.release();
  }
}
