/**
 * Membership from a fixed list of endpoints: each node is described by asking it
 * (SPLExecuteService.listAvailableModules; the handshake gives its protocol hash), again every
 * poll. A node that does not answer is left out until it does: the list says where nodes may
 * be, not that they are up. Its nodeId is its endpoint, since nothing else names it.
 */
import type { Protocol } from '../../../shared/avro/model.js';
import { loadDefinition } from '../definitions.js';
import type { Membership, NodeInfo } from './membership.js';
import { MemberList } from './listeners.js';
import { EndpointClients, fullNameOf } from './endpoint-client.js';

export interface StaticMembershipOptions {
  endpoints: string[];
  pollMs?: number;
  token?: string;
}

export class StaticMembership implements Membership {
  private readonly list = new MemberList();
  private latest: NodeInfo[] = [];
  private clients?: EndpointClients;
  private protocol?: Protocol;
  private timer?: NodeJS.Timeout;
  private first?: Promise<void>;
  private polling?: Promise<void>;
  private closed = false;

  constructor(private readonly options: StaticMembershipOptions) {}

  nodes(): NodeInfo[] {
    return this.latest;
  }

  onChange(listener: (nodes: NodeInfo[]) => void): () => void {
    return this.list.onChange(listener);
  }

  ready(): Promise<void> {
    this.first ??= (async () => {
      this.protocol = await loadDefinition('execute');
      this.clients = new EndpointClients(this.protocol, { token: this.options.token });
      await this.poll();
      const tick = () => {
        if (this.closed) return;
        this.timer = setTimeout(() => {
          this.polling = this.poll().finally(tick);
        }, this.options.pollMs ?? 5000);
      };
      tick();
    })();
    return this.first;
  }

  private async poll(): Promise<void> {
    const described = await Promise.all(this.options.endpoints.map((endpoint) => this.describe(endpoint)));
    this.latest = described.filter((n): n is NodeInfo => n !== undefined);
    this.list.set(this.latest);
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

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.polling;
    await this.clients?.close();
  }
}
