/**
 * `spl.avro`: the seed's Avro service layer. Local services are called through the engine's
 * in-process transport (values checked against the contract, not serialized); distributed ones
 * through RpcClient over HTTP or TCP. Both take and give plain values, and both check a request
 * before it leaves, so a wrong field fails with its path and expected type either way.
 */
import { requestSchema, type Protocol } from '../../../shared/avro/model.js';
import type { Channel } from '../rpc/channel.js';
import { RpcClient } from '../rpc/client.js';
import { HttpChannel } from '../rpc/http-channel.js';
import { TcpChannel } from '../rpc/tcp.js';
import type { NodeCore } from '../services/node-core.js';
import type { ClientFor, Payload } from '../services/client-types.js';
import { plainServiceProxy } from '../services/service-proxy.js';
import { clientKey, type ClientKey } from './client-key.js';
import { implementationHandlers, type ServiceImplementation } from './implementation.js';
import { decodePayload, encodePayload } from './plain-payload.js';
import { fullNameOf, namesProtocol, protocolOf, type ProtocolInput } from './protocol-input.js';
import { schemaOf, type SchemaInput } from './schema-input.js';
import { inlineSchemas, learnSchemas } from './remote-schemas.js';
import { SplCluster } from '../cluster/routing/spl-cluster.js';
import type { ClusterConfig } from '../cluster/routing/cluster-config.js';

const EXECUTE_SERVICE = 'spl.execute.SPLExecuteService';

export interface ServiceRegistration {
  /** One method per message, taking the parameters in order (plain values), returning the response. */
  implementation: ServiceImplementation;
  /** The protocol: model, `.avpr` JSON or its text. Default: the protocol of that name the node serves already (to replace its implementation). */
  definition?: ProtocolInput;
}

export interface DistributedServiceOptions {
  /** `http` or `tcp`; default: from the endpoint's scheme. */
  transport?: 'http' | 'tcp';
  /** `http(s)://HOST:PORT` (optionally `/avro/<Protocol>`) or `tcp(s)://HOST:PORT`. */
  endpoint: string;
  /** The node's `--token`. */
  token?: string;
  /** Milliseconds per call before it fails (default: none). */
  timeoutMs?: number;
  /** The protocol, when this node does not serve one of that name. */
  definition?: ProtocolInput;
  /** PEM certificate to trust for https:// and tcps://. */
  ca?: Buffer;
}

export type GeneratedClients<N extends readonly string[]> = { [K in N[number] as ClientKey<K>]: ClientFor<K> };

export class SplAvro {
  /** Clusters configured here, closed with the `spl` instance. */
  private readonly clusters = new Set<SplCluster>();

  constructor(
    private readonly core: NodeCore,
    /** Channels opened for distributed services, closed with the `spl` instance. */
    private readonly channels: Set<Channel>,
  ) {}

  /** A client of a service this node serves, in process: `getService('SPLDataService').write({...})`. */
  getService<N extends string>(name: N): ClientFor<N> {
    return this.core.services.service(name);
  }

  /**
   * Serves a service implemented in JavaScript, in process and on the node's transports; replaces
   * the implementation of a protocol of that name. Returns its in-process client.
   */
  registerService<N extends string>(name: N, registration: ServiceRegistration): ClientFor<N> {
    const protocol = registration.definition === undefined ? this.core.protocol(name) : protocolOf(registration.definition, `the definition of ${name}`);
    if (!namesProtocol(name, protocol)) throw new Error(`the definition given for ${name} is protocol ${fullNameOf(protocol)}: register it under that name`);
    this.core.serve(protocol, implementationHandlers(protocol, registration.implementation));
    return this.getService(name);
  }

  /** Typed clients of several services at once, by short name: `generateClients(['SPLDataService']).data`. */
  generateClients<const N extends readonly string[]>(names: N): GeneratedClients<N> {
    const clients: Record<string, unknown> = {};
    for (const name of names) {
      const key = clientKey(name);
      if (key in clients) throw new Error(`two services would both be clients.${key}: ask for them in separate calls`);
      clients[key] = this.getService(name);
    }
    return clients as GeneratedClients<N>;
  }

  /**
   * A client of a service on another node, over HTTP or TCP. Payloads sent carry their schema's
   * JSON (the other node may not know it); the schemas of Payloads received are fetched from
   * that node when this one does not know them, so `spl.avro.decode` reads them.
   */
  getDistributedService<N extends string>(name: N, options: DistributedServiceOptions): ClientFor<N> {
    const protocol = options.definition === undefined ? this.core.protocol(name) : protocolOf(options.definition, `the definition of ${name}`);
    const fullName = fullNameOf(protocol);
    const scheme = new URL(options.endpoint).protocol.replace(/s?:$/, '');
    const transport = options.transport ?? (scheme === 'tcp' ? 'tcp' : 'http');
    if (transport !== scheme) throw new Error(`transport '${transport}' does not fit endpoint ${options.endpoint}: use ${transport}://HOST:PORT`);
    const connect = (served: Protocol, endpoint: string): RpcClient => {
      const name = fullNameOf(served);
      const channel: Channel = transport === 'http'
        ? new HttpChannel(endpoint, name, { token: options.token, tls: { ca: options.ca } })
        : TcpChannel.fromUrl(endpoint, undefined, { ca: options.ca });
      this.channels.add(channel);
      return new RpcClient(served, channel, { token: options.token, protocolName: name });
    };
    const client = connect(protocol, options.endpoint);
    // Schemas of Payloads the remote node sends are asked of it, through its SPLExecuteService.
    let schemaSource: RpcClient | undefined;
    const fetchSchema = async (fingerprint: Buffer): Promise<string> => {
      schemaSource ??= fullName === EXECUTE_SERVICE ? client : connect(this.core.protocol(EXECUTE_SERVICE), new URL('/', options.endpoint).href.replace(/\/$/, ''));
      return (await schemaSource.call('getSchemaByFingerprint', { fingerprint }, { timeoutMs: options.timeoutMs })) as string;
    };
    const messages = new Map(protocol.messages.map((m) => [m.name, m]));
    return plainServiceProxy<ClientFor<N>>(protocol, async (name, request) => {
      const message = messages.get(name)!;
      inlineSchemas(requestSchema(message), request, this.core.schemas);
      const response = await client.call(name, request, { timeoutMs: options.timeoutMs });
      await learnSchemas(message.response, response, this.core.schemas, fetchSchema);
      return response;
    });
  }

  /**
   * A cluster of nodes, found by etcd, a registry node or a fixed list: its `execute(uri, input)`
   * and `getService(name)` run each call on a node that offers the module, retrying elsewhere
   * when that is safe and setting failing nodes aside (cluster/routing/).
   */
  configureCluster(config: ClusterConfig): SplCluster {
    const cluster = new SplCluster(this.core, config);
    this.clusters.add(cluster);
    const close = cluster.close.bind(cluster);
    cluster.close = () => {
      this.clusters.delete(cluster);
      return close();
    };
    return cluster;
  }

  /** Closes every cluster configured here (`spl.close()` does). */
  async closeClusters(): Promise<void> {
    await Promise.all([...this.clusters].map((c) => c.close()));
  }

  /** Makes a schema known to the node (by name and fingerprint). */
  registerSchema(schema: SchemaInput): { name: string | null; fingerprint: Buffer } {
    const registered = schemaOf(schema, this.core.schemas);
    return { name: registered.fullName ?? null, fingerprint: registered.fingerprint };
  }

  /** A Payload of a plain value: `data: spl.avro.payload('UserSchema', user)`. */
  payload(schema: SchemaInput, value: unknown): Payload {
    return encodePayload(schemaOf(schema, this.core.schemas), value);
  }

  /** A Payload's value, as written or resolved into `reader` (a name or schema). */
  decode(payload: Payload, reader?: SchemaInput): unknown {
    return decodePayload(payload, this.core.schemas, reader === undefined ? undefined : schemaOf(reader, this.core.schemas));
  }
}
