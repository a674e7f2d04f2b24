/**
 * Membership read from a registry node: its listNodes, polled. Polling rather than a push
 * stream because Avro RPC has none; at one call a second it costs the registry nothing.
 * While the registry is unreachable the last list is kept: stale members beat no members
 * (routing sets aside the ones that fail).
 */
import type { Protocol } from '../../../shared/avro/model.js';
import type { RpcClient } from '../rpc/client.js';
import { loadDefinition } from '../definitions.js';
import type { Membership, NodeInfo } from './membership.js';
import { MemberList } from './listeners.js';
import { clientFor } from './endpoint-client.js';
import { fromValue } from './node-info.js';

export interface RegistryMembershipOptions {
  /** The registry node: http://HOST:PORT or tcp://HOST:PORT. */
  registry: string;
  pollMs?: number;
  token?: string;
  /** SPLNodeService; loaded from definitions/ when not given. */
  protocol?: Protocol;
}

export class RegistryMembership implements Membership {
  private readonly list = new MemberList();
  private client?: RpcClient;
  private timer?: NodeJS.Timeout;
  private closed = false;
  private first?: Promise<void>;
  private polling?: Promise<void>;
  /** Nodes as last read, with their heartbeat times (the MemberList keeps the ones at the last change). */
  private latest: NodeInfo[] = [];

  constructor(private readonly options: RegistryMembershipOptions) {}

  nodes(): NodeInfo[] {
    return this.latest;
  }

  onChange(listener: (nodes: NodeInfo[]) => void): () => void {
    return this.list.onChange(listener);
  }

  ready(): Promise<void> {
    this.first ??= (async () => {
      const protocol = this.options.protocol ?? (await loadDefinition('node'));
      this.client = clientFor(this.options.registry, protocol, { token: this.options.token });
      // Polling goes on even when the first read fails: the registry may come up later.
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
    }, this.options.pollMs ?? 1000);
  }

  private async poll(strict: boolean): Promise<void> {
    try {
      const answer = (await this.client!.call('listNodes', {}, { timeoutMs: 5000 })) as unknown[];
      this.latest = answer.map(fromValue);
      this.list.set(this.latest);
    } catch (error) {
      if (strict) throw new Error(`cannot list the nodes of registry ${this.options.registry}: ${(error as Error).message}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.polling;
    await this.client?.channel.close();
  }
}
