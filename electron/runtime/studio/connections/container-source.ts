/**
 * A connection's nodes with the SPL nodes running in their containers: the connection's own
 * source, and for each of its nodes that has a container engine (capability `containers`) a
 * ContainerHost listing that node's containers. Only those nodes are asked, so a cluster
 * without engines costs nothing more. Container nodes follow their host in the list; one whose
 * endpoint is already a node of the source (it joined the cluster itself) is not listed twice.
 */
import type { NodeSource, SourceContext, SourceNode, SourceState } from './node-source.js';
import { ContainerHost } from './container-host.js';
import { errorMessage } from '../../rpc/errors.js';

/** What the container hosts need of the connection. */
export type ContainerSourceContext = Pick<SourceContext, 'access' | 'pollMs' | 'log' | 'onUpdate'>;

/** The capability a node with a container engine announces (its engine's URL). */
export const CONTAINERS_CAPABILITY = 'containers';

export class WithContainerNodes<S extends NodeSource = NodeSource> implements NodeSource {
  /** The connection's own source, told to report to this one. */
  readonly inner: S;
  private readonly hosts = new Map<string, ContainerHost>();
  /** Hosts being closed after their node left or moved. */
  private readonly closing = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly context: ContainerSourceContext, makeInner: (onUpdate: () => void) => S) {
    this.inner = makeInner(() => this.innerUpdated());
  }

  start(): void {
    this.inner.start();
  }

  private innerUpdated(): void {
    if (this.closed) return;
    this.followHosts();
    this.context.onUpdate();
  }

  /** A host for each node with an engine, and none for the others. */
  private followHosts(): void {
    const wanted = new Map(this.inner.nodes().filter((node) => node.capabilities[CONTAINERS_CAPABILITY] !== undefined).map((node) => [node.nodeId, node]));
    for (const [nodeId, host] of this.hosts) {
      if (wanted.get(nodeId)?.endpoint === host.endpoint) continue;
      this.hosts.delete(nodeId);
      this.retire(nodeId, host);
    }
    for (const [nodeId, node] of wanted) {
      if (this.hosts.has(nodeId)) continue;
      const host = new ContainerHost({
        hostNodeId: nodeId,
        endpoint: node.endpoint,
        access: this.context.access,
        pollMs: this.context.pollMs,
        log: this.context.log,
        onUpdate: () => {
          if (!this.closed && this.hosts.get(nodeId) === host) this.context.onUpdate();
        },
      });
      this.hosts.set(nodeId, host);
      host.start();
    }
  }

  private retire(nodeId: string, host: ContainerHost): void {
    const closing = host.close().catch((error: unknown) => this.context.log(`closing the container listing of node '${nodeId}': ${errorMessage(error)}`));
    this.closing.add(closing);
    void closing.finally(() => this.closing.delete(closing));
  }

  nodes(): SourceNode[] {
    const own = this.inner.nodes();
    if (this.hosts.size === 0) return own;
    const endpoints = new Set(own.map((node) => node.endpoint));
    return own.flatMap((node) => [node, ...(this.hosts.get(node.nodeId)?.nodes().filter((c) => !endpoints.has(c.endpoint)) ?? [])]);
  }

  state(): SourceState {
    return this.inner.state();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const [nodeId, host] of this.hosts) this.retire(nodeId, host);
    this.hosts.clear();
    await Promise.all([this.inner.close(), ...this.closing]);
  }
}
