/**
 * The StudioApi's `connections`, `cluster` and `describe` groups, and the call service's targets:
 * the local runtime, the workspace's saved connections (spl-workspace.json, tokens kept apart in
 * the user's SecretsStore), each connection's nodes live from its source (with the SPL nodes in
 * its nodes' containers, container-source.ts), compared with the workspace's definitions, and
 * descriptions of a node's protocols and modules on demand.
 *
 * Changes to connections (save, remove, an edit of spl-workspace.json) run one at a time. Node
 * changes reach listeners as 'cluster.change', at most one per connection per 250 ms.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  LOCAL_CONNECTION_ID,
  StudioError,
  type ClusterNode,
  type ConnectionConfig,
  type ConnectionSecrets,
  type ConnectionStatus,
  type ModuleDescription,
  type NodeDescription,
  type ProtocolDescription,
  type ServedProtocol,
  type StudioApi,
  type StudioEvents,
} from '../../../../shared/studio/api.js';
import { validateCall } from '../../../../shared/studio/methods.js';
import type { NodeInfo } from '../../cluster/membership.js';
import { errorMessage } from '../../rpc/errors.js';
import type { ProtocolCodec } from '../../rpc/protocol-codec.js';
import type { CallTarget, CallTargets } from '../call-target.js';
import { osCode } from '../fs-errors.js';
import type { SecretsStore } from '../user-data.js';
import type { Workspace } from '../workspace.js';
import { Coalescer } from './coalescer.js';
import { WithContainerNodes } from './container-source.js';
import { describeModules, EXECUTE_PROTOCOL } from './describe-modules.js';
import { driftOf, messageDrift } from './drift.js';
import { LiveConnection, sourceFor } from './live-connection.js';
import { LocalSource } from './local-source.js';
import type { NodeAccess } from './node-access.js';
import { ProtocolCache } from './protocol-cache.js';
import { nodeRequestError } from './reach-errors.js';
import { editConnections, mergeEntry, readConnections, WORKSPACE_FILE, type ConnectionEntry } from './workspace-connections.js';
import { isDefinitionFile, loadDefinitions, type Definitions } from './workspace-definitions.js';

export interface ConnectionManagerOptions {
  workspace: Workspace;
  secrets: SecretsStore;
  /** The host's own node, shown as the connection "local" (kind 'local', name 'Local runtime'). */
  local?: { nodeInfo(): NodeInfo };
  log?: (message: string) => void;
  /** How often a lone node is asked describeNode (default 2000 ms); also how often registries and etcd are checked. */
  pollMs?: number;
}

type ManagerEvent = 'connections.change' | 'cluster.change';

/** At most one 'cluster.change' per connection in this window. */
export const CLUSTER_EVENT_WINDOW_MS = 250;
const DEFAULT_POLL_MS = 2000;

export class ConnectionManager implements CallTargets {
  readonly api: Pick<StudioApi, 'connections' | 'cluster' | 'describe'>;
  private readonly connections = new Map<string, LiveConnection>();
  /** Connection ids in the order listed: local first, then the workspace's in saved order. */
  private order: string[] = [];
  private definitions: Definitions = new Map();
  private readonly protocols = new ProtocolCache();
  private readonly listeners = new Map<ManagerEvent, Set<(payload: never) => void>>();
  private readonly clusterEvents: Coalescer<string>;
  private lastConnections = '';
  /** Changes to the connections, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private loadingDefinitions?: Promise<void>;
  /** Connections being closed after they were replaced or removed. */
  private readonly closing = new Set<Promise<void>>();
  private definitionsAgain = false;
  /** While above 0, connections.change waits for the change in progress to finish. */
  private quiet = 0;
  private closed = false;
  private readonly log: (message: string) => void;
  private readonly pollMs: number;
  /** Tokens are kept per workspace by its real path: the same folder reached through a link is the same workspace. */
  private readonly root: string;

  private constructor(private readonly options: ConnectionManagerOptions) {
    this.log = options.log ?? ((message) => process.stderr.write(`studio: ${message}\n`));
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.root = options.workspace.realRoot;
    this.clusterEvents = new Coalescer(CLUSTER_EVENT_WINDOW_MS, (id) => {
      const live = this.connections.get(id);
      if (live) this.emit('cluster.change', { connectionId: id, nodes: live.nodes() });
    });
    this.api = {
      connections: {
        list: async () => this.list(),
        save: (config, secrets) => this.save(config, secrets),
        remove: (id) => this.remove(id),
      },
      cluster: {
        nodes: async (connectionId) => this.nodes(connectionId),
      },
      describe: {
        node: (connectionId, nodeId) => this.describeNode(connectionId, nodeId),
        modules: (connectionId, nodeId) => this.describeModules(connectionId, nodeId),
      },
    };
  }

  static async open(options: ConnectionManagerOptions): Promise<ConnectionManager> {
    const manager = new ConnectionManager(options);
    manager.definitions = await loadDefinitions(options.workspace, manager.log);
    if (options.local) {
      const { local } = options;
      const context = { access: {}, pollMs: manager.pollMs, log: (message: string) => manager.log(`connection '${LOCAL_CONNECTION_ID}': ${message}`), onUpdate: () => manager.updated(live) };
      const source = new WithContainerNodes(context, (onUpdate) => new LocalSource(local, manager.pollMs, onUpdate));
      const identity = { id: LOCAL_CONNECTION_ID, name: 'Local runtime', kind: 'local' as const, url: '', hasToken: false };
      const live: LiveConnection = new LiveConnection(identity, LOCAL_CONNECTION_ID, {}, source, undefined, () => source.inner.url());
      manager.connections.set(live.id, live);
      manager.order.push(live.id);
      source.start();
    }
    const saved = await readConnections(options.workspace);
    saved.problems.forEach((problem) => manager.log(problem));
    for (const entry of saved.entries) {
      const live = await manager.connect(entry);
      manager.connections.set(live.id, live);
      manager.order.push(live.id);
      // Whatever its source said before it was listed.
      manager.updated(live);
    }
    return manager;
  }

  on<E extends ManagerEvent>(event: E, listener: (payload: StudioEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const l = listener as (payload: never) => void;
    set.add(l);
    return () => set.delete(l);
  }

  private emit<E extends ManagerEvent>(event: E, payload: StudioEvents[E]): void {
    if (this.closed) return;
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        (listener as (payload: StudioEvents[E]) => void)(payload);
      } catch (error) {
        this.log(`a '${event}' listener failed: ${errorMessage(error)}`);
      }
    }
  }

  /** Tells of the connections' list when it changed (or always, after a save or remove). */
  private publishConnections(always = false): void {
    if (this.quiet > 0) return;
    const list = this.list();
    const key = JSON.stringify(list);
    if (!always && key === this.lastConnections) return;
    this.lastConnections = key;
    this.emit('connections.change', list);
  }

  /** A source said something may have changed. */
  private updated(live: LiveConnection): void {
    if (this.closed || this.connections.get(live.id) !== live) return;
    if (live.refresh(this.definitions)) this.clusterEvents.touch(live.id);
    this.publishConnections();
  }

  // --- connections ------------------------------------------------------------------------

  private list(): ConnectionStatus[] {
    return this.order.map((id) => this.connections.get(id)!.status());
  }

  /** Makes the connection an entry of spl-workspace.json describes, and starts it. */
  private async connect(entry: ConnectionEntry): Promise<LiveConnection> {
    const origin = JSON.stringify(entry);
    if (!entry.ok) {
      const { id, name, kind, url, caFile, problem } = entry;
      return new LiveConnection({ id, name, kind, url, ...(caFile !== undefined ? { caFile } : {}), hasToken: this.options.secrets.get(this.root, id) !== undefined }, origin, {}, undefined, problem);
    }
    const { config } = entry;
    const token = this.options.secrets.get(this.root, config.id);
    const identity = { id: config.id, name: config.name, kind: config.kind, url: config.url, ...(config.caFile !== undefined ? { caFile: config.caFile } : {}), hasToken: token !== undefined };
    const access: NodeAccess = token !== undefined ? { token } : {};
    if (config.caFile !== undefined) {
      // Relative to the workspace: a workspace in git may carry its cluster's CA beside it.
      const file = path.resolve(this.options.workspace.root, config.caFile);
      try {
        access.ca = await fs.readFile(file);
      } catch (error) {
        const problem = `cannot read the CA certificate ${file} (caFile of connection '${config.id}'): ${osCode(error) ?? errorMessage(error)}; check the path (absolute, or relative to the workspace) and its permissions`;
        return new LiveConnection(identity, origin, access, undefined, problem);
      }
    }
    // The source is made before the connection that holds it, and may report only after.
    const made: { live?: LiveConnection } = {};
    const source = sourceFor(config, {
      url: config.url,
      access,
      pollMs: this.pollMs,
      protocols: this.protocols,
      log: (message) => this.log(`connection '${config.id}': ${message}`),
      onUpdate: () => {
        if (made.live) this.updated(made.live);
      },
    });
    const live = (made.live = new LiveConnection(identity, origin, access, source));
    source.start();
    return live;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.catch(() => undefined).then(() => {
      if (this.closed) throw new StudioError('io', 'the studio is closing; try again once it has reopened');
      return work();
    });
    this.queue = run;
    return run;
  }

  private async save(config: ConnectionConfig, secrets?: ConnectionSecrets): Promise<ConnectionStatus> {
    // Checked again here: the runtime is also called directly, not only through a host.
    const [checked, checkedSecrets] = validateCall('connections.save', secrets === undefined ? [config] : [config, secrets]).args as [ConnectionConfig, ConnectionSecrets?];
    return this.enqueue(async () => {
      await editConnections(this.options.workspace, (entries) => {
        const at = entries.findIndex((entry) => idOf(entry) === checked.id);
        const merged = mergeEntry(at >= 0 ? entries[at] : undefined, checked);
        if (at >= 0) entries[at] = merged;
        else entries.push(merged);
        return entries;
      });
      if (typeof checkedSecrets?.token === 'string') await this.options.secrets.set(this.root, checked.id, checkedSecrets.token);
      else if (checkedSecrets?.token === null) await this.options.secrets.delete(this.root, checked.id);
      const next = await this.connect({ ok: true, config: checked });
      const live = this.quietly(() => this.replace(checked.id, next));
      this.publishConnections(true);
      return live.status();
    });
  }

  /** Puts `next` in place of the connection with its id (or last), closing the old one. */
  private replace(id: string, next: LiveConnection): LiveConnection {
    const previous = this.connections.get(id);
    this.connections.set(id, next);
    if (!this.order.includes(id)) this.order.push(id);
    // Its nodes start over: say so now rather than show the old ones until the new source answers.
    if (previous) this.clusterEvents.touch(id);
    this.updated(next);
    if (previous) this.retire(previous);
    return next;
  }

  private async remove(id: string): Promise<void> {
    const [checked] = validateCall('connections.remove', [id]).args as [string];
    return this.enqueue(async () => {
      const live = this.connections.get(checked);
      if (!live) throw new StudioError('not-found', `connections.remove: no connection '${checked}' in this workspace; the connections are ${this.order.join(', ') || 'none'}`);
      await editConnections(this.options.workspace, (entries) => entries.filter((entry) => idOf(entry) !== checked));
      await this.options.secrets.delete(this.root, checked);
      this.drop(live);
      this.publishConnections(true);
      this.emit('cluster.change', { connectionId: checked, nodes: [] });
    });
  }

  /** Forgets a connection and stops it; the caller tells listeners its nodes are gone, after the new list. */
  private drop(live: LiveConnection): void {
    this.connections.delete(live.id);
    this.order = this.order.filter((id) => id !== live.id);
    this.clusterEvents.cancel(live.id);
    this.retire(live);
  }

  /** Runs `change` without telling of the intermediate lists: the caller publishes the final one. */
  private quietly<T>(change: () => T): T {
    this.quiet++;
    try {
      return change();
    } finally {
      this.quiet--;
    }
  }

  /**
   * Closes a connection no longer listed, without waiting for it: a call in flight to a node
   * that hangs ends only at its deadline, and saving or removing must not wait that long.
   */
  private retire(live: LiveConnection): void {
    const closing = live.close().catch((error: unknown) => this.log(`closing connection '${live.id}': ${errorMessage(error)}`));
    this.closing.add(closing);
    void closing.finally(() => this.closing.delete(closing));
  }

  /** spl-workspace.json changed on disk: connections added, changed or removed there follow. */
  private async reload(): Promise<void> {
    const saved = await readConnections(this.options.workspace);
    saved.problems.forEach((problem) => this.log(problem));
    const wanted = new Map(saved.entries.map((entry) => [entry.ok ? entry.config.id : entry.id, entry]));
    const gone = this.order.filter((id) => id !== LOCAL_CONNECTION_ID && !wanted.has(id));
    const fresh = new Map<string, LiveConnection>();
    for (const [id, entry] of wanted) {
      if (this.connections.get(id)?.origin !== JSON.stringify(entry)) fresh.set(id, await this.connect(entry));
    }
    const order = [...this.order.filter((id) => id === LOCAL_CONNECTION_ID), ...wanted.keys()];
    if (gone.length === 0 && fresh.size === 0 && order.join('\n') === this.order.join('\n')) return;
    this.quietly(() => {
      for (const id of gone) this.drop(this.connections.get(id)!);
      for (const [id, live] of fresh) this.replace(id, live);
      this.order = order;
    });
    this.publishConnections(true);
    for (const id of gone) this.emit('cluster.change', { connectionId: id, nodes: [] });
  }

  /** The host calls this for every workspace.change. */
  workspaceChanged(changedPath: string): void {
    if (this.closed) return;
    if (changedPath === WORKSPACE_FILE) {
      this.enqueue(() => this.reload()).catch((error: unknown) => this.log(`cannot reload the connections from ${WORKSPACE_FILE}: ${errorMessage(error)}`));
    } else if (isDefinitionFile(changedPath)) {
      this.reloadDefinitions();
    }
  }

  /** Compiles the definitions again (once more if they change meanwhile), then every node's drift. */
  private reloadDefinitions(): void {
    if (this.loadingDefinitions) {
      this.definitionsAgain = true;
      return;
    }
    this.loadingDefinitions = (async () => {
      do {
        this.definitionsAgain = false;
        const definitions = await loadDefinitions(this.options.workspace, this.log);
        if (this.closed) return;
        this.definitions = definitions;
        for (const live of this.connections.values()) this.updated(live);
      } while (this.definitionsAgain);
    })()
      .catch((error: unknown) => this.log(`cannot compare nodes with the workspace's definitions: ${errorMessage(error)}`))
      .finally(() => {
        this.loadingDefinitions = undefined;
      });
  }

  // --- nodes --------------------------------------------------------------------------------

  private nodes(connectionId?: string): ClusterNode[] {
    if (connectionId !== undefined) return this.connection('cluster.nodes', connectionId).nodes();
    return this.order.flatMap((id) => this.connections.get(id)!.nodes());
  }

  private connection(method: string, connectionId: string): LiveConnection {
    const live = this.connections.get(connectionId);
    if (!live) throw new StudioError('not-found', `${method ? `${method}: ` : ''}no connection '${connectionId}' in this workspace; the connections are ${this.order.join(', ') || 'none'}`);
    return live;
  }

  private node(method: string, connectionId: string, nodeId: string): { live: LiveConnection; node: ClusterNode } {
    const live = this.connection(method, connectionId);
    const node = live.nodes().find((n) => n.nodeId === nodeId);
    if (!node) {
      const known = live.nodes().map((n) => n.nodeId);
      const why = known.length > 0 ? `its nodes are ${known.join(', ')}` : `it has no nodes${live.status().error ? ` (${live.status().error})` : ' yet'}`;
      throw new StudioError('not-found', `${method ? `${method}: ` : ''}connection '${connectionId}' has no node '${nodeId}'; ${why}`);
    }
    return { live, node };
  }

  /**
   * How the studio reaches a node: with the connection's token and CA, except a container's node,
   * which is not the connection's (its host's token is not its own, and it answers on plain HTTP).
   */
  private accessTo(live: LiveConnection, node: ClusterNode): NodeAccess {
    return node.container ? {} : live.access;
  }

  /** The protocols a node serves; for one that does not say (a registry of older nodes), what its handshake names. */
  private async servedBy(node: ClusterNode, access: NodeAccess): Promise<ServedProtocol[]> {
    if (node.protocols.length > 0) return node.protocols;
    const codec = await this.protocols.fetch(node.endpoint, access, undefined);
    return [{ name: codec.fullName, md5: codec.hashKey }];
  }

  private async describeNode(connectionId: string, nodeId: string): Promise<NodeDescription> {
    const { live, node } = this.node('describe.node', connectionId, nodeId);
    const what = `describe.node: node '${nodeId}' of connection '${connectionId}'`;
    const access = this.accessTo(live, node);
    try {
      const served = await this.servedBy(node, access);
      const protocols = await Promise.all(served.map((p) => this.protocols.fetch(node.endpoint, access, p.name, p.md5).then((codec) => this.describeProtocol(p.name, codec))));
      return { connectionId, nodeId, endpoint: node.endpoint, protocols };
    } catch (error) {
      throw nodeRequestError(what, node.endpoint, error);
    }
  }

  private describeProtocol(name: string, codec: ProtocolCodec): ProtocolDescription {
    const drift = driftOf(name, codec.hashKey, this.definitions);
    const definition = this.definitions.get(name);
    const description: ProtocolDescription = { name, md5: codec.hashKey, text: codec.text, drift };
    if (definition) description.definitionFile = definition.file;
    if (drift === 'differs' && definition) description.messages = messageDrift(definition.protocol, codec.protocol);
    return description;
  }

  private async describeModules(connectionId: string, nodeId: string): Promise<ModuleDescription[]> {
    const { live, node } = this.node('describe.modules', connectionId, nodeId);
    // A node that lists its protocols without SPLExecuteService has no modules to describe.
    if (node.protocols.length > 0 && !node.protocols.some((p) => p.name === EXECUTE_PROTOCOL)) return [];
    try {
      return await describeModules(node.endpoint, this.accessTo(live, node), (message) => this.log(`connection '${connectionId}': ${message}`));
    } catch (error) {
      throw nodeRequestError(`describe.modules: node '${nodeId}' of connection '${connectionId}'`, node.endpoint, error);
    }
  }

  async resolveTarget(connectionId: string, nodeId: string): Promise<CallTarget> {
    // Calls and pipeline runs both resolve here: the message names no method.
    const { live, node } = this.node('', connectionId, nodeId);
    const access = this.accessTo(live, node);
    return {
      connectionName: live.identity.name,
      endpoint: node.endpoint,
      ...(access.token !== undefined ? { token: access.token } : {}),
      ...(access.ca !== undefined ? { ca: access.ca } : {}),
      protocol: async (fullName) => {
        const served = node.protocols.find((p) => p.name === fullName);
        if (!served && node.protocols.length > 0) {
          throw new StudioError('not-found', `node '${nodeId}' of connection '${connectionId}' does not serve ${fullName}; it serves ${node.protocols.map((p) => p.name).join(', ')}`);
        }
        try {
          return await this.protocols.fetch(node.endpoint, access, fullName, served?.md5);
        } catch (error) {
          throw nodeRequestError(`the protocol ${fullName} of node '${nodeId}'`, node.endpoint, error);
        }
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.clusterEvents.close();
    await this.queue.catch(() => undefined);
    await Promise.all([...this.connections.values()].map((live) => live.close().catch(() => undefined)));
    await Promise.all(this.closing);
    await this.loadingDefinitions;
    this.listeners.clear();
  }
}

function idOf(entry: unknown): unknown {
  return typeof entry === 'object' && entry !== null ? (entry as { id?: unknown }).id : undefined;
}
