/**
 * Membership from a fixed list of endpoints: each node is described by asking it
 * (SPLExecuteService.listAvailableModules; the handshake gives its protocol hash), again every
 * poll. A node that does not answer is left out until it does: the list says where nodes may
 * be, not that they are up. Its nodeId is its endpoint, since nothing else names it.
 */
import type { Protocol } from '../../../shared/avro/model.js';
import { loadDefinition } from '../definitions.js';
import type { NodeInfo } from './membership.js';
import { PolledMembership } from './polled-membership.js';
import { EndpointClients, fullNameOf } from './endpoint-client.js';

export interface StaticMembershipOptions {
  endpoints: string[];
  pollMs?: number;
  token?: string;
}

export class StaticMembership extends PolledMembership {
  private clients?: EndpointClients;
  private protocol?: Protocol;

  constructor(private readonly options: StaticMembershipOptions) {
    super(options.pollMs ?? 5000);
  }

  protected async open(): Promise<void> {
    this.protocol = await loadDefinition('execute');
    this.clients = new EndpointClients(this.protocol, { token: this.options.token });
  }

  protected async read(): Promise<NodeInfo[]> {
    const described = await Promise.all(this.options.endpoints.map((endpoint) => this.describe(endpoint)));
    return described.filter((n): n is NodeInfo => n !== undefined);
  }

  private async describe(endpoint: string): Promise<NodeInfo | undefined> {
    try {
      const client = this.clients!.get(endpoint);
      const modules = (await client.call('listAvailableModules', {}, { timeoutMs: 3000 })) as string[];
      const served = client.serverProtocol;
      return { nodeId: endpoint, endpoint, availableModules: modules, capabilities: {}, lastHeartbeat: Date.now(), protocols: [{ name: fullNameOf(this.protocol!), md5: served.hashKey }] };
    } catch {
      return undefined;
    }
  }

  protected async release(): Promise<void> {
    await this.clients?.close();
  }
}
