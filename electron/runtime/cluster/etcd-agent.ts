/**
 * `spl node --discovery etcd://HOST:PORT`: this node's key `/spl/nodes/<nodeId>` under a lease.
 * The lease is kept alive by etcd3 (every TTL/3); the value is put again every heartbeat, which
 * refreshes lastHeartbeat and the module list and doubles as a check: when the put fails
 * (etcd restarted without its data, the lease expired while we were cut off) a fresh lease is
 * granted and the key put again. If this process dies, the lease ends and etcd deletes the key.
 */
import type { Etcd3, Lease } from 'etcd3';
import { errorMessage } from '../rpc/errors.js';
import type { NodeInfo } from './membership.js';
import { connectEtcd, DEFAULT_PREFIX } from './etcd-client.js';

export interface EtcdAgentOptions {
  url: string;
  describe: () => NodeInfo;
  prefix?: string;
  /** Lease TTL; etcd counts in whole seconds, at least 2 (default 3000 ms). */
  ttlMs?: number;
  heartbeatMs?: number;
  log?: (line: string) => void;
}

export class EtcdAgent {
  private readonly client: Etcd3;
  private lease?: Lease;
  private leaseLost = false;
  private timer?: NodeJS.Timeout;
  private closed = false;
  private failing = false;
  private beating?: Promise<void>;
  private readonly ttlSeconds: number;

  constructor(private readonly options: EtcdAgentOptions) {
    this.client = connectEtcd(options.url);
    this.ttlSeconds = Math.max(2, Math.ceil((options.ttlMs ?? 3000) / 1000));
  }

  get key(): string {
    return (this.options.prefix ?? DEFAULT_PREFIX) + this.options.describe().nodeId;
  }

  /** Registers (or, if etcd cannot be reached, says so and keeps trying), then refreshes in the background. */
  async start(): Promise<void> {
    await this.beat();
    this.schedule();
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.beating = this.beat().finally(() => this.schedule());
    }, this.options.heartbeatMs ?? 1000);
  }

  private async beat(): Promise<void> {
    try {
      const again = this.leaseLost;
      await this.put();
      if (again || this.failing) this.options.log?.(`registered again in etcd ${this.options.url} under ${this.key}`);
      this.failing = false;
    } catch (error) {
      // Whatever failed, the next try starts from a fresh lease: the old one may be gone.
      this.dropLease();
      if (!this.failing) this.options.log?.(`cannot register in etcd ${this.options.url}: ${errorMessage(error)}; retrying every ${this.options.heartbeatMs ?? 1000} ms`);
      this.failing = true;
    }
  }

  private async put(): Promise<void> {
    if (!this.lease || this.leaseLost) {
      this.dropLease();
      const lease = this.client.lease(this.ttlSeconds);
      lease.on('lost', () => {
        if (this.lease === lease) this.leaseLost = true;
      });
      this.lease = lease;
      this.leaseLost = false;
    }
    const self = { ...this.options.describe(), lastHeartbeat: Date.now() };
    await this.lease.put(this.key).value(JSON.stringify(self));
  }

  private dropLease(): void {
    const old = this.lease;
    this.lease = undefined;
    if (old) {
      old.removeAllListeners('lost');
      // Stop its keepalives; revoking may fail on a dead etcd, and then it expires by itself.
      old.revoke().catch(() => undefined);
    }
  }

  /** Deregisters (revokes the lease, so peers see the node leave at once) and disconnects. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.beating;
    try {
      await this.lease?.revoke();
    } catch {
      // etcd unreachable: the lease expires after its TTL.
    }
    this.client.close();
  }
}
