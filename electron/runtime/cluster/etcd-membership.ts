/**
 * Membership from etcd: every key under the prefix (`/spl/nodes/`) is a member, its value a
 * NodeInfo as JSON. Read once, then watched; after the watch reconnects (etcd restarted) and
 * every few seconds the whole prefix is read again, since events missed while disconnected
 * are not replayed when etcd lost its data.
 */
import type { Etcd3, Watcher } from 'etcd3';
import type { Membership, NodeInfo } from './membership.js';
import { MemberList } from './listeners.js';
import { connectEtcd, DEFAULT_PREFIX } from './etcd-client.js';
import { byId, parseNodeInfo } from './node-info.js';

export interface EtcdMembershipOptions {
  url: string;
  prefix?: string;
  /** Full re-read interval (default 5000 ms). */
  resyncMs?: number;
}

export class EtcdMembership implements Membership {
  private readonly list = new MemberList();
  private readonly members = new Map<string, NodeInfo>();
  private readonly prefix: string;
  private client?: Etcd3;
  private watcher?: Watcher;
  private timer?: NodeJS.Timeout;
  private first?: Promise<void>;
  private closed = false;

  constructor(private readonly options: EtcdMembershipOptions) {
    this.prefix = options.prefix ?? DEFAULT_PREFIX;
  }

  nodes(): NodeInfo[] {
    return byId(this.members.values());
  }

  onChange(listener: (nodes: NodeInfo[]) => void): () => void {
    return this.list.onChange(listener);
  }

  ready(): Promise<void> {
    this.first ??= (async () => {
      this.client = connectEtcd(this.options.url);
      try {
        await this.resync();
      } catch (error) {
        this.client.close();
        throw new Error(`cannot read the members from etcd ${this.options.url}: ${(error as Error).message}`, { cause: error });
      }
      const watcher = await this.client.watch().prefix(this.prefix).create();
      this.watcher = watcher;
      watcher.on('put', (kv) => {
        const node = parseNodeInfo(kv.value.toString('utf8'));
        if (node) this.members.set(kv.key.toString('utf8'), node);
        this.publish();
      });
      watcher.on('delete', (kv) => {
        this.members.delete(kv.key.toString('utf8'));
        this.publish();
      });
      watcher.on('connected', () => void this.resync().catch(() => undefined));
      watcher.on('error', () => undefined);
      const every = this.options.resyncMs ?? 5000;
      const tick = () => {
        if (this.closed) return;
        this.timer = setTimeout(() => void this.resync().catch(() => undefined).finally(tick), every);
      };
      tick();
    })();
    return this.first;
  }

  private async resync(): Promise<void> {
    const all = await this.client!.getAll().prefix(this.prefix).strings();
    this.members.clear();
    for (const [key, value] of Object.entries(all)) {
      const node = parseNodeInfo(value);
      if (node) this.members.set(key, node);
    }
    this.publish();
  }

  private publish(): void {
    this.list.set(this.members.values());
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.watcher?.cancel().catch(() => undefined);
    this.client?.close();
  }
}
