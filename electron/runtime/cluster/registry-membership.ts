/**
 * Membership read from a registry node: its listNodes, polled. Polling rather than a push
 * stream because Avro RPC has none; at one call a second it costs the registry nothing.
 * While the registry is unreachable the last list is kept: stale members beat no members
 * (routing sets aside the ones that fail).
 */
import type { Protocol } from '../../../shared/avro/model.js';
import type { RpcClient } from '../rpc/client.js';
import { loadDefinition } from '../definitions.js';
import type { NodeInfo } from './membership.js';
import { PolledMembership } from './polled-membership.js';
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

export class RegistryMembership extends PolledMembership {
  private client?: RpcClient;

  constructor(private readonly options: RegistryMembershipOptions) {
    super(options.pollMs ?? 1000);
  }

  protected async open(): Promise<void> {
    const protocol = this.options.protocol ?? (await loadDefinition('node'));
    this.client = clientFor(this.options.registry, protocol, { token: this.options.token });
  }

  protected async read(): Promise<NodeInfo[]> {
    try {
      const answer = (await this.client!.call('listNodes', {}, { timeoutMs: 5000 })) as unknown[];
      return answer.map(fromValue);
    } catch (error) {
      throw new Error(`cannot list the nodes of registry ${this.options.registry}: ${(error as Error).message}`, { cause: error });
    }
  }

  protected async release(): Promise<void> {
    await this.client?.channel.close();
  }
}
