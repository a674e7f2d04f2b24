/**
 * A node: the Avro runtime serving the SPL services (SPLExecuteService, SPLDataService,
 * SPLPipelineService) over HTTP and TCP. Headless (`spl node`) or inside the studio's main
 * process. It binds 127.0.0.1 unless told otherwise, and refuses any other address without a
 * token. What it serves is its core (services/node-core.ts); this adds the sockets.
 */
import { hostname } from 'node:os';
import type { RpcServer } from './rpc/server.js';
import { serveHttp, type Listening } from './rpc/http.js';
import { serveTcp } from './rpc/tcp.js';
import { isLoopback } from './rpc/loopback.js';
import type { ServerTls } from './rpc/tls-options.js';
import type { ModuleLogger } from './modules/module.js';
import { createNodeCore, type NodeCore } from './services/node-core.js';
import { defaultDataDir } from './services/data-dir.js';

export interface NodeOptions {
  host?: string;
  /** HTTP port (0: any free one; undefined: no HTTP). */
  httpPort?: number;
  /** TCP port (0: any free one; undefined: no TCP). */
  tcpPort?: number;
  token?: string;
  /** Serve https:// and tcps:// with this certificate. */
  tls?: ServerTls;
  nodeId?: string;
  /** The node's data (SQLite store, pipelines); default: the per-user data folder (services/data-dir.ts). */
  dataDir?: string;
  /** Folders of user modules, reloaded when they change. */
  moduleDirs?: string[];
  /** Reload module folders when their files change (default true). */
  watchModules?: boolean;
  logger?: ModuleLogger;
}

export interface RunningNode {
  nodeId: string;
  server: RpcServer;
  core: NodeCore;
  http?: Listening;
  tcp?: Listening;
  close(): Promise<void>;
}

export async function startNode(options: NodeOptions = {}): Promise<RunningNode> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && !options.token) throw new Error(`refusing to bind ${host} without a token: a node reachable beyond this machine needs --token`);
  const nodeId = options.nodeId ?? `${hostname()}-${process.pid}`;
  const core = await createNodeCore({ nodeId, dataDir: options.dataDir ?? defaultDataDir(), moduleDirs: options.moduleDirs, watchModules: options.watchModules, logger: options.logger });
  let closing: Promise<void> | undefined;
  const node: RunningNode = {
    nodeId,
    server: core.server,
    core,
    close() {
      closing ??= (async () => {
        // Stop taking calls first, then let the core finish its writes and close the store.
        await Promise.all([node.http?.close(), node.tcp?.close()]);
        await core.close();
      })();
      return closing;
    },
  };
  try {
    if (options.httpPort !== undefined) node.http = await serveHttp(core.server, { host, port: options.httpPort, token: options.token, tls: options.tls });
    if (options.tcpPort !== undefined) node.tcp = await serveTcp(core.server, { host, port: options.tcpPort, token: options.token, tls: options.tls });
  } catch (error) {
    await node.close();
    throw error;
  }
  return node;
}
