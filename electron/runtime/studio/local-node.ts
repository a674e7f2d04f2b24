/**
 * The studio's own node: the runtime every host (the Electron main process, the web host) runs
 * beside the workspace, so the studio has a node to call from its first start. It serves the SPL
 * services over HTTP and TCP on loopback, on free ports.
 */
import type { HostInfo } from '../../../shared/studio/api.js';
import type { NodeInfo } from '../cluster/membership.js';
import { startNode, type RunningNode } from '../node.js';

export interface LocalNodeOptions {
  /** The node's data folder (default: the per-user one). */
  dataDir?: string;
  /** Folders of user modules. */
  moduleDirs?: string[];
}

export interface LocalNode {
  running: RunningNode;
  /** What the status bar and host.info say about it. */
  info: NonNullable<HostInfo['node']>;
  /** The node as it describes itself to the cluster: the studio's "Local runtime" connection. */
  nodeInfo(): NodeInfo;
  close(): Promise<void>;
}

export async function startLocalNode(options: LocalNodeOptions = {}): Promise<LocalNode> {
  const running = await startNode({ host: '127.0.0.1', httpPort: 0, tcpPort: 0, dataDir: options.dataDir, moduleDirs: options.moduleDirs });
  return {
    running,
    info: { url: running.http!.url, protocols: running.server.protocols.map((codec) => codec.fullName).sort() },
    nodeInfo: () => running.cluster.self(),
    close: () => running.close(),
  };
}
