/**
 * The seed API's cluster handle (`spl.avro.configureCluster(...)`): modules and services run
 * on whichever node of the cluster offers them, with the same plain values as `spl.execute`
 * and `spl.avro.getService`. Payloads sent carry their schema's JSON; the schemas of Payloads
 * received are fetched from the node that sent them, so results decode like local ones.
 */
import { requestSchema, type Protocol } from '../../../../shared/avro/model.js';
import type { NodeCore } from '../../services/node-core.js';
import type { ClientFor, ExecuteStatus, ExecuteValue, Payload } from '../../services/client-types.js';
import { plainServiceProxy } from '../../services/service-proxy.js';
import { decodePayload } from '../../spl/plain-payload.js';
import { inlineSchemas, learnSchemas } from '../../spl/remote-schemas.js';
import type { NodeInfo } from '../membership.js';
import { ClusterClient, type ClusterStats } from './cluster-client.js';
import { membershipFor, type ClusterConfig } from './cluster-config.js';

const EXECUTE_SERVICE = 'spl.execute.SPLExecuteService';

export interface ClusterCallOptions {
  headers?: Record<string, string>;
  /** Safe to run twice: retried on another node after any transport failure. */
  idempotent?: boolean;
  /** Deadline in ms, retries included (default: the cluster's, 10 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ClusterExecuteResult {
  status: ExecuteStatus;
  headers: Record<string, string>;
  /** The module's result as a plain value: a Payload decoded, text or bytes as they are. */
  value: unknown;
  errorMessage: string | null;
  errorCode: string | null;
  /** The node that ran it. */
  nodeId: string;
}

export interface ServiceRouting {
  /** Every message of this service is safe to run twice. */
  idempotent?: boolean;
  timeoutMs?: number;
}

export class SplCluster {
  private readonly client: ClusterClient;

  constructor(
    private readonly core: NodeCore,
    config: ClusterConfig,
  ) {
    this.client = new ClusterClient(membershipFor(config), config);
  }

  /** Resolves once the first membership list is in. */
  ready(): Promise<void> {
    return this.client.membership.ready();
  }

  /** The live nodes. */
  nodes(): NodeInfo[] {
    return this.client.nodes();
  }

  /** A node's breaker: closed (in use), open (set aside after failures) or half-open. */
  health(nodeId: string): 'closed' | 'open' | 'half-open' {
    return this.client.health(nodeId);
  }

  /** Calls, failures and retries so far, and how many calls each node answered. */
  stats(): ClusterStats {
    return this.client.stats();
  }

  /**
   * Runs a module on a node that offers it. `input`: a Payload (`spl.avro.payload(...)`), text,
   * bytes, or a plain value (sent as JSON text, which the node reads into the module's schema).
   */
  async execute(uri: string, input?: unknown, options: ClusterCallOptions = {}): Promise<ClusterExecuteResult> {
    const protocol = this.core.protocol(EXECUTE_SERVICE);
    const message = protocol.messages.find((m) => m.name === 'execute')!;
    let nodeId = '';
    const proxy = plainServiceProxy<ClientFor<'SPLExecuteService'>>(protocol, async (_name, request) => {
      inlineSchemas(requestSchema(message), request, this.core.schemas);
      const routed = await this.client.call(protocol, 'execute', request, { module: uri, idempotent: options.idempotent, timeoutMs: options.timeoutMs, signal: options.signal });
      nodeId = routed.nodeId;
      await learnSchemas(message.response, routed.response, this.core.schemas, (fingerprint) => this.schemaFrom(routed.nodeId, fingerprint));
      return routed.response;
    });
    const response = await proxy.execute({ module: uri, headers: options.headers ?? {}, value: executeValue(input) });
    const value = response.value;
    return {
      status: response.status,
      headers: response.headers,
      value: isPayload(value) ? decodePayload(value, this.core.schemas) : value,
      errorMessage: response.errorMessage ?? null,
      errorCode: response.errorCode ?? null,
      nodeId,
    };
  }

  /**
   * A client of a service, each call routed to a node that serves it (`execute` to one that
   * offers the module): `cluster.getService('SPLDataService').listTopics()`.
   */
  getService<N extends string>(name: N, routing: ServiceRouting = {}): ClientFor<N> {
    const protocol = this.core.protocol(name);
    const messages = new Map(protocol.messages.map((m) => [m.name, m]));
    return plainServiceProxy<ClientFor<N>>(protocol, async (messageName, request) => {
      const message = messages.get(messageName)!;
      inlineSchemas(requestSchema(message), request, this.core.schemas);
      const routed = await this.client.call(protocol, messageName, request, { module: moduleOf(protocol, messageName, request), idempotent: routing.idempotent, timeoutMs: routing.timeoutMs });
      await learnSchemas(message.response, routed.response, this.core.schemas, (fingerprint) => this.schemaFrom(routed.nodeId, fingerprint));
      return routed.response;
    });
  }

  async close(): Promise<void> {
    await this.client.close();
    await this.client.membership.close();
  }

  /** A Payload schema this node lacks, from the node that sent the Payload. */
  private async schemaFrom(nodeId: string, fingerprint: Buffer): Promise<string> {
    const routed = await this.client.call(this.core.protocol(EXECUTE_SERVICE), 'getSchemaByFingerprint', { fingerprint }, { nodeId });
    return routed.response as string;
  }
}

/** The module a call runs, when the message runs one: only nodes offering it can take it. */
function moduleOf(protocol: Protocol, message: string, request: Record<string, unknown>): string | undefined {
  if (protocol.namespace !== 'spl.execute' || message !== 'execute') return undefined;
  return (request.request as { module?: string } | undefined)?.module;
}

function isPayload(value: unknown): value is Payload {
  return typeof value === 'object' && value !== null && 'schema' in value && (value as { value?: unknown }).value instanceof Uint8Array;
}

function executeValue(input: unknown): ExecuteValue {
  if (input === undefined || input === null) return null;
  if (typeof input === 'string' || input instanceof Uint8Array || isPayload(input)) return input;
  // A plain value: the node reads JSON text into the module's input schema.
  return JSON.stringify(input, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
