/**
 * One node's containers as nodes of its connection. The node has a container engine (its
 * `containers` capability); it is asked SPLContainerService.listContainers every poll, and each
 * running container whose node answers Avro RPC (it has an endpoint) becomes a node of its own,
 * `<host>/<first 12 of the container id>`, as its own describeNode tells it. Descriptions are
 * kept by container id and asked again only when the container's status changes, or until one
 * answers, so a steady host costs one listing a poll. A container that stops is gone with the
 * next listing.
 *
 * A listing that fails keeps the containers as last known (the engine may be restarting, and
 * the containers outlive their host node), and is logged once until a listing works again.
 * Container nodes are asked without the connection's token: it is their host's, not theirs.
 */
import { loadDefinition } from '../../definitions.js';
import type { NodeInfo } from '../../cluster/membership.js';
import { fromValue } from '../../cluster/node-info.js';
import type { RpcClient } from '../../rpc/client.js';
import { containerNodeId, containerSummary, type ContainerInfoValue } from '../containers/container-info.js';
import { clientTo, type NodeAccess } from './node-access.js';
import type { SourceNode } from './node-source.js';
import { HANDSHAKE_TIMEOUT_MS } from './protocol-cache.js';
import { reachProblem } from './reach-errors.js';
import { PollLoop } from './poll-loop.js';

export interface ContainerHostOptions {
  hostNodeId: string;
  /** Where the host node answers, and how the connection reaches it. */
  endpoint: string;
  access: NodeAccess;
  pollMs: number;
  log: (message: string) => void;
  /** The container nodes may have changed. */
  onUpdate: () => void;
}

/** A running container with a node in it, as last listed. */
interface Known {
  containerId: string;
  image: string;
  status: string;
  endpoint: string;
  /** When a listing last showed it. */
  seenAt: number;
  /** Its node's answer to describeNode; undefined until one comes. */
  described?: NodeInfo;
  /** Why its node did not answer, when it did not. */
  failure?: string;
}

/** Its node's own description: the SPL node protocol, with no token. */
const NO_ACCESS: NodeAccess = {};

export class ContainerHost {
  private client?: Promise<RpcClient>;
  private known = new Map<string, Known>();
  /** Whether the last listing failed (logged once per run of failures). */
  private failing = false;
  private readonly loop: PollLoop;
  private closed = false;

  constructor(private readonly options: ContainerHostOptions) {
    this.loop = new PollLoop(() => this.poll(), options.pollMs);
  }

  get endpoint(): string {
    return this.options.endpoint;
  }

  start(): void {
    this.loop.start();
  }

  private async poll(): Promise<void> {
    const { hostNodeId, endpoint } = this.options;
    let listed: ContainerInfoValue[];
    try {
      listed = await this.list();
    } catch (error) {
      if (this.closed || this.failing) return;
      this.failing = true;
      this.options.log(`cannot list the containers of node '${hostNodeId}' (${reachProblem(endpoint, error)}); its container nodes are shown as last known`);
      return;
    }
    if (this.closed) return;
    if (this.failing) this.options.log(`listing the containers of node '${hostNodeId}' works again`);
    this.failing = false;
    const now = Date.now();
    const running = listed.map(containerSummary).filter((c) => c.status === 'running' && c.endpoint !== null);
    const next = await Promise.all(
      running.map(async (c): Promise<Known> => {
        const before = this.known.get(c.containerId);
        const same = before !== undefined && before.described !== undefined && before.status === c.status && before.endpoint === c.endpoint;
        const fresh = same ? { described: before.described } : await describe(c.endpoint!);
        return { containerId: c.containerId, image: c.image, status: c.status, endpoint: c.endpoint!, seenAt: now, ...fresh };
      }),
    );
    if (this.closed) return;
    this.known = new Map(next.map((k) => [k.containerId, k]));
    this.options.onUpdate();
  }

  private async list(): Promise<ContainerInfoValue[]> {
    if (this.closed) throw new Error('the connection was closed');
    this.client ??= loadDefinition('container').then((protocol) => clientTo(this.options.endpoint, protocol, this.options.access));
    const client = await this.client;
    return (await client.call('listContainers', {}, { timeoutMs: HANDSHAKE_TIMEOUT_MS })) as ContainerInfoValue[];
  }

  /** The container nodes, by node id. */
  nodes(): SourceNode[] {
    const { hostNodeId } = this.options;
    return [...this.known.values()]
      .map((k): SourceNode => ({
        nodeId: containerNodeId(hostNodeId, k.containerId),
        endpoint: k.endpoint,
        availableModules: k.described?.availableModules ?? [],
        capabilities: k.described?.capabilities ?? {},
        lastHeartbeat: k.seenAt,
        protocols: k.described?.protocols ?? [],
        health: k.described ? 'up' : 'unreachable',
        ...(k.failure !== undefined ? { healthError: k.failure } : {}),
        container: { hostNodeId, containerId: k.containerId, image: k.image, status: k.status },
      }))
      .sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0));
  }

  async close(): Promise<void> {
    this.closed = true;
    const stopping = this.loop.stop();
    // Closing the channel first ends a listing in flight instead of waiting out its deadline.
    const client = await this.client?.catch(() => undefined);
    await client?.channel.close();
    await stopping;
  }
}

/** A container's node as it describes itself, or why it did not. */
async function describe(endpoint: string): Promise<{ described?: NodeInfo; failure?: string }> {
  let client: RpcClient | undefined;
  try {
    client = clientTo(endpoint, await loadDefinition('node'), NO_ACCESS);
    return { described: fromValue(await client.call('describeNode', {}, { timeoutMs: HANDSHAKE_TIMEOUT_MS })) };
  } catch (error) {
    return { failure: reachProblem(endpoint, error) };
  } finally {
    await client?.channel.close().catch(() => undefined);
  }
}
