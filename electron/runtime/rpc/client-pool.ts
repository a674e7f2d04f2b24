/**
 * A pool of clients to one server, each over its own connection (and so its own handshake):
 * calls go to the client with the fewest calls in flight. TCP multiplexes any number of calls on
 * one connection, so a pool is for spreading load over several connections (several server
 * processes behind one address, or one slow connection not holding up the rest), not for
 * concurrency. HTTP channels pool their connections themselves.
 */
import type { Protocol } from '../../../shared/avro/model.js';
import type { Channel } from './channel.js';
import { RpcClient, type CallOptions, type CallOutcome, type ClientOptions } from './client.js';
import { ProtocolCodec } from './protocol-codec.js';

export class RpcClientPool {
  readonly codec: ProtocolCodec;
  private readonly clients: { client: RpcClient; inFlight: number }[];

  constructor(protocol: Protocol | ProtocolCodec, openChannel: () => Channel, size: number, options: ClientOptions = {}) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`a client pool needs at least one connection, not ${size}`);
    this.codec = protocol instanceof ProtocolCodec ? protocol : new ProtocolCodec(protocol);
    this.clients = Array.from({ length: size }, () => ({ client: new RpcClient(this.codec, openChannel(), options), inFlight: 0 }));
  }

  get size(): number {
    return this.clients.length;
  }

  async call(name: string, request: Record<string, unknown>, options: CallOptions = {}): Promise<unknown> {
    return (await this.callDetailed(name, request, options)).response;
  }

  async callDetailed(name: string, request: Record<string, unknown>, options: CallOptions = {}): Promise<CallOutcome> {
    let least = this.clients[0];
    for (const entry of this.clients) if (entry.inFlight < least.inFlight) least = entry;
    least.inFlight++;
    try {
      return await least.client.callDetailed(name, request, options);
    } finally {
      least.inFlight--;
    }
  }

  /** One method per message, as RpcClient.proxy. */
  proxy<Api = Record<string, (request: Record<string, unknown>, options?: CallOptions) => Promise<unknown>>>(): Api {
    const methods: Record<string, (request: Record<string, unknown>, options?: CallOptions) => Promise<unknown>> = {};
    for (const name of this.codec.messages.keys()) methods[name] = (request = {}, options) => this.call(name, request, options);
    return methods as Api;
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map(({ client }) => client.close()));
  }
}
