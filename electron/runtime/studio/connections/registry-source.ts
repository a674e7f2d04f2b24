/**
 * A cluster whose nodes join a registry node (a connection of kind `registry`): its listNodes,
 * polled with the runtime's PolledMembership skeleton. Unlike the cluster's own
 * RegistryMembership this one takes the connection's CA for https:// and tcps:// registries, and
 * reports every read, so the studio sees heartbeats and a registry that stopped answering.
 */
import { loadDefinition } from '../../definitions.js';
import type { NodeInfo } from '../../cluster/membership.js';
import { fromValue } from '../../cluster/node-info.js';
import { PolledMembership } from '../../cluster/polled-membership.js';
import type { RpcClient } from '../../rpc/client.js';
import { errorMessage } from '../../rpc/errors.js';
import { clientTo } from './node-access.js';
import type { NodeSource, SourceContext, SourceNode, SourceState } from './node-source.js';
import { HANDSHAKE_TIMEOUT_MS } from './protocol-cache.js';
import { reachProblem } from './reach-errors.js';

/** listNodes of one registry node; each read's outcome goes to `onRead`. */
class RegistryNodes extends PolledMembership {
  private client?: RpcClient;

  constructor(private readonly context: SourceContext, private readonly onRead: (failure?: unknown) => void) {
    super(context.pollMs);
  }

  protected async open(): Promise<void> {
    this.client = clientTo(this.context.url, await loadDefinition('node'), this.context.access);
  }

  protected async read(): Promise<NodeInfo[]> {
    try {
      const answer = (await this.client!.call('listNodes', {}, { timeoutMs: HANDSHAKE_TIMEOUT_MS })) as unknown[];
      const nodes = answer.map(fromValue);
      // After the list is taken in (PolledMembership keeps it on return): report on the next tick.
      queueMicrotask(() => this.onRead());
      return nodes;
    } catch (error) {
      queueMicrotask(() => this.onRead(error));
      throw error;
    }
  }

  protected async release(): Promise<void> {
    await this.client?.channel.close();
  }
}

export class RegistrySource implements NodeSource {
  private readonly members: RegistryNodes;
  private current: SourceState = { state: 'connecting' };
  private closed = false;

  constructor(private readonly context: SourceContext) {
    this.members = new RegistryNodes(context, (failure) => this.read(failure));
  }

  start(): void {
    // A failed first read comes through onRead too, and polling goes on; only a registry that
    // cannot even be set up (a URL no transport takes) ends here.
    this.members.ready().catch((error: unknown) => {
      if (this.current.state === 'connecting') this.read(error);
    });
  }

  private read(failure?: unknown): void {
    if (this.closed) return;
    const { url } = this.context;
    this.current = failure === undefined
      ? { state: 'connected' }
      : { state: 'error', error: `cannot list the cluster's nodes: ${reachProblem(url, failure)}${this.members.nodes().length > 0 ? ' (the nodes are shown as last known)' : ''}` };
    this.context.onUpdate();
  }

  nodes(): SourceNode[] {
    return this.members.nodes().map((node) => ({ ...node, health: 'up' }));
  }

  state(): SourceState {
    return this.current;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.members.close().catch((error: unknown) => this.context.log(`closing the registry connection ${this.context.url}: ${errorMessage(error)}`));
  }
}
