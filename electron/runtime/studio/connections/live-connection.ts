/**
 * One connection while the studio holds it: what it is (its config, or the local node), how its
 * nodes are reached (token, CA), where its nodes come from (a NodeSource), and its nodes as the
 * renderer sees them, with drift against the workspace. A connection that cannot start (an
 * unusable entry in spl-workspace.json, an unreadable CA file) is held too, with its problem as
 * its error, so the user sees it and can fix it.
 */
import type { ClusterNode, ConnectionConfig, ConnectionKind, ConnectionStatus } from '../../../../shared/studio/api.js';
import { WithContainerNodes } from './container-source.js';
import { driftsOf } from './drift.js';
import { EtcdSource } from './etcd-source.js';
import { LoneNodeSource } from './lone-node-source.js';
import type { NodeAccess } from './node-access.js';
import type { NodeSource, SourceContext } from './node-source.js';
import { RegistrySource } from './registry-source.js';
import type { Definitions } from './workspace-definitions.js';

export interface ConnectionIdentity {
  id: string;
  name: string;
  kind: ConnectionKind;
  url: string;
  caFile?: string;
  hasToken: boolean;
}

export class LiveConnection {
  /** The nodes as last computed, and their JSON, to tell real changes from repeats. */
  private current: ClusterNode[] = [];
  private currentKey = '[]';

  constructor(
    readonly identity: ConnectionIdentity,
    /** What it was made from, to tell whether an edit of spl-workspace.json changed it. */
    readonly origin: string,
    readonly access: NodeAccess,
    readonly source: NodeSource | undefined,
    /** Why it cannot start, when it cannot. */
    readonly problem?: string,
    /** The URL to show, when it is not the configured one (the local node's). */
    private readonly liveUrl?: () => string,
  ) {}

  get id(): string {
    return this.identity.id;
  }

  status(): ConnectionStatus {
    const { id, name, kind, caFile, hasToken } = this.identity;
    const state = this.problem !== undefined ? { state: 'error' as const, error: this.problem } : (this.source?.state() ?? { state: 'error' as const, error: 'not started' });
    return {
      id,
      name,
      kind,
      url: this.liveUrl?.() ?? this.identity.url,
      ...(caFile !== undefined ? { caFile } : {}),
      hasToken,
      state: state.state,
      ...(state.error !== undefined ? { error: state.error } : {}),
    };
  }

  nodes(): ClusterNode[] {
    return this.current;
  }

  /** Computes the nodes again from the source; true when they changed (heartbeats included). */
  refresh(definitions: Definitions): boolean {
    const next: ClusterNode[] = (this.source?.nodes() ?? []).map((node) => ({
      connectionId: this.identity.id,
      nodeId: node.nodeId,
      endpoint: node.endpoint,
      availableModules: node.availableModules,
      capabilities: node.capabilities,
      lastHeartbeat: node.lastHeartbeat,
      protocols: node.protocols.map((p) => ({ name: p.name, md5: p.md5 })),
      health: node.health,
      ...(node.healthError !== undefined ? { healthError: node.healthError } : {}),
      drift: driftsOf(node.protocols, definitions),
      ...(node.container !== undefined ? { container: { ...node.container } } : {}),
    }));
    const key = JSON.stringify(next);
    if (key === this.currentKey) return false;
    this.current = next;
    this.currentKey = key;
    return true;
  }

  async close(): Promise<void> {
    await this.source?.close();
  }
}

/** The source for a saved connection's kind, with the nodes in its nodes' containers. */
export function sourceFor(config: ConnectionConfig, context: SourceContext): NodeSource {
  return new WithContainerNodes(context, (onUpdate) => {
    const own = { ...context, onUpdate };
    switch (config.kind) {
      case 'node':
        return new LoneNodeSource(own);
      case 'etcd':
        return new EtcdSource(own);
      case 'registry':
        return new RegistrySource(own);
    }
  });
}
