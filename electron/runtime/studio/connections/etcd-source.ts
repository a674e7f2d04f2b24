/**
 * A cluster whose nodes register in etcd (a connection of kind `etcd`): the runtime's own
 * EtcdMembership reads and watches the members, read-only (the studio registers nothing). Its
 * change events tell of joins and departures; heartbeats refresh members without one, so the
 * view is sampled too. etcd itself is asked for its status every poll, so a dead etcd shows as
 * a connection error (the members stay listed as last known) rather than as silence.
 */
import type { Etcd3 } from 'etcd3';
import { connectEtcd } from '../../cluster/etcd-client.js';
import { EtcdMembership } from '../../cluster/etcd-membership.js';
import { errorMessage } from '../../rpc/errors.js';
import type { NodeSource, SourceContext, SourceNode, SourceState } from './node-source.js';

/** How often the members' heartbeat times are looked at (in memory; no request). */
const SAMPLE_MS = 1000;

/** `http://HOST:PORT` (the studio's form of an etcd client URL) as the runtime's `etcd://HOST:PORT`. */
export function etcdUrlOf(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol === 'https:') {
    throw new Error(`${url}: the studio cannot reach etcd over TLS yet; give etcd an http:// client URL on a trusted network (--listen-client-urls http://HOST:PORT)`);
  }
  if (parsed.protocol !== 'http:' || !parsed.port) throw new Error(`${url} is not an etcd client URL: expected http://HOST:PORT`);
  return `etcd://${parsed.host}`;
}

export class EtcdSource implements NodeSource {
  private membership?: EtcdMembership;
  private unsubscribe?: () => void;
  private watching = false;
  private probe?: Etcd3;
  private current: SourceState = { state: 'connecting' };
  private timer?: NodeJS.Timeout;
  private sampler?: NodeJS.Timeout;
  private checking?: Promise<void>;
  private closed = false;

  constructor(private readonly context: SourceContext) {}

  start(): void {
    let etcd: string;
    try {
      etcd = etcdUrlOf(this.context.url);
    } catch (error) {
      this.current = { state: 'error', error: errorMessage(error) };
      this.context.onUpdate();
      return;
    }
    this.checking = this.check(etcd).finally(() => this.schedule(etcd));
    this.sampler = setInterval(() => this.context.onUpdate(), Math.min(SAMPLE_MS, this.context.pollMs));
  }

  private schedule(etcd: string): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.checking = this.check(etcd).finally(() => this.schedule(etcd));
    }, this.context.pollMs);
  }

  /** Until the first read works: a fresh membership each time. Then: is etcd still there? */
  private async check(etcd: string): Promise<void> {
    const { url } = this.context;
    try {
      if (!this.watching) {
        const membership = new EtcdMembership({ url: etcd });
        this.membership = membership;
        this.unsubscribe = membership.onChange(() => this.context.onUpdate());
        try {
          await membership.ready();
        } catch (error) {
          this.unsubscribe();
          this.membership = undefined;
          await membership.close();
          throw error;
        }
        if (this.closed) return;
        this.watching = true;
      } else {
        this.probe ??= connectEtcd(etcd);
        await this.probe.maintenance.status();
      }
      this.current = { state: 'connected' };
    } catch (error) {
      if (this.closed) return;
      const cause = errorMessage(error);
      this.current = {
        state: 'error',
        error: this.watching
          ? `etcd at ${url} does not answer (${cause}); the nodes are shown as last known. Check that etcd is running there`
          : `cannot read the cluster's members from etcd at ${url}: ${cause}. Check that etcd is running and that this is its client URL (--advertise-client-urls)`,
      };
    }
    this.context.onUpdate();
  }

  nodes(): SourceNode[] {
    return (this.membership?.nodes() ?? []).map((node) => ({ ...node, health: 'up' }));
  }

  state(): SourceState {
    return this.current;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    clearInterval(this.sampler);
    await this.checking?.catch(() => undefined);
    this.unsubscribe?.();
    await this.membership?.close();
    this.probe?.close();
  }
}
