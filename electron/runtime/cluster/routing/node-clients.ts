/**
 * One RpcClient per node and protocol, opened on first use and reused: TCP keeps its
 * connection and handshake, HTTP its connection pool. Clients of nodes that left the
 * membership (or moved to another endpoint) are closed.
 */
import type { Protocol } from '../../../../shared/avro/model.js';
import type { Channel } from '../../rpc/channel.js';
import { RpcClient } from '../../rpc/client.js';
import { HttpChannel } from '../../rpc/http-channel.js';
import { TcpChannel } from '../../rpc/tcp.js';
import type { NodeInfo } from '../membership.js';

export interface NodeClientOptions {
  /** The nodes' `--token`. */
  token?: string;
  /** Prefer this transport when a node advertises both (capabilities.http / capabilities.tcp). */
  transport?: 'http' | 'tcp';
}

const fullNameOf = (p: Protocol): string => (p.namespace ? `${p.namespace}.${p.protocol}` : p.protocol);

export class NodeClients {
  private readonly clients = new Map<string, { endpoint: string; client: RpcClient }>();

  constructor(private readonly options: NodeClientOptions = {}) {}

  /** The endpoint calls to this node use. */
  endpointOf(node: NodeInfo): string {
    const preferred = this.options.transport && node.capabilities[this.options.transport];
    return preferred && /^(https?|tcps?):\/\//.test(preferred) ? preferred : node.endpoint;
  }

  client(node: NodeInfo, protocol: Protocol): RpcClient {
    const name = fullNameOf(protocol);
    const key = `${node.nodeId}\u0000${name}`;
    const endpoint = this.endpointOf(node);
    const known = this.clients.get(key);
    if (known && known.endpoint === endpoint) return known.client;
    if (known) void known.client.close();
    const client = new RpcClient(protocol, this.channel(endpoint, name), { token: this.options.token, protocolName: name });
    this.clients.set(key, { endpoint, client });
    return client;
  }

  /** Closes the clients of nodes no longer in `nodes`. */
  retain(nodes: NodeInfo[]): void {
    const live = new Set(nodes.map((n) => n.nodeId));
    for (const [key, { client }] of this.clients) {
      if (!live.has(key.slice(0, key.indexOf('\u0000')))) {
        this.clients.delete(key);
        void client.close();
      }
    }
  }

  async close(): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(all.map(({ client }) => client.close().catch(() => undefined)));
  }

  private channel(endpoint: string, protocolName: string): Channel {
    const scheme = new URL(endpoint).protocol;
    if (scheme === 'http:' || scheme === 'https:') return new HttpChannel(new URL('/', endpoint).href, protocolName, { token: this.options.token });
    if (scheme === 'tcp:' || scheme === 'tcps:') return TcpChannel.fromUrl(endpoint);
    throw new Error(`node endpoint ${endpoint} is neither http(s):// nor tcp(s)://`);
  }
}
