/**
 * An RpcClient for one protocol at a node's endpoint (`http://`, `https://`, `tcp://`, `tcps://`):
 * how cluster code reaches a peer it only knows by its NodeInfo.endpoint.
 */
import type { Protocol } from '../../../shared/avro/model.js';
import { RpcClient } from '../rpc/client.js';
import { HttpChannel } from '../rpc/http-channel.js';
import { TcpChannel } from '../rpc/tcp.js';

export interface EndpointOptions {
  token?: string;
}

export function fullNameOf(protocol: Protocol): string {
  return protocol.namespace ? `${protocol.namespace}.${protocol.protocol}` : protocol.protocol;
}

export function clientFor(endpoint: string, protocol: Protocol, options: EndpointOptions = {}): RpcClient {
  const scheme = /^([a-z]+):/i.exec(endpoint)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    // Few connections: cluster traffic between two nodes is control calls and forwarded executes.
    return new RpcClient(protocol, new HttpChannel(endpoint, fullNameOf(protocol), { token: options.token, maxConnections: 4 }), { token: options.token });
  }
  if (scheme === 'tcp' || scheme === 'tcps') return new RpcClient(protocol, TcpChannel.fromUrl(endpoint), { token: options.token, protocolName: fullNameOf(protocol) });
  throw new Error(`not a node endpoint: ${endpoint} (expected http://HOST:PORT or tcp://HOST:PORT)`);
}

/** Clients by endpoint, made on first use and closed together. */
export class EndpointClients {
  private readonly clients = new Map<string, RpcClient>();

  constructor(private readonly protocol: Protocol, private readonly options: EndpointOptions = {}) {}

  get(endpoint: string): RpcClient {
    let client = this.clients.get(endpoint);
    if (!client) this.clients.set(endpoint, (client = clientFor(endpoint, this.protocol, this.options)));
    return client;
  }

  /** Forgets endpoints no member has any more. */
  retain(endpoints: Iterable<string>): void {
    const keep = new Set(endpoints);
    for (const [endpoint, client] of this.clients) {
      if (!keep.has(endpoint)) {
        this.clients.delete(endpoint);
        void client.channel.close();
      }
    }
  }

  async close(): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(all.map((c) => c.channel.close()));
  }
}
