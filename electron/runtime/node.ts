/**
 * A node: the Avro runtime serving the SPL services over HTTP and TCP. Headless (`spl node`) or
 * inside the studio's main process. It binds 127.0.0.1 unless told otherwise, and refuses any
 * other address without a token.
 */
import { hostname } from 'node:os';
import { RpcServer } from './rpc/server.js';
import { serveHttp, type Listening } from './rpc/http.js';
import { serveTcp } from './rpc/tcp.js';
import { isLoopback } from './rpc/loopback.js';
import type { ServerTls } from './rpc/tls-options.js';
import { loadDefinition } from './definitions.js';
import { executeHandlers } from './services/execute-service.js';
import { StaticModuleRegistry, type ModuleRegistry } from './services/modules.js';

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
  modules?: ModuleRegistry;
}

export interface RunningNode {
  nodeId: string;
  server: RpcServer;
  http?: Listening;
  tcp?: Listening;
  close(): Promise<void>;
}

export async function startNode(options: NodeOptions = {}): Promise<RunningNode> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && !options.token) throw new Error(`refusing to bind ${host} without a token: a node reachable beyond this machine needs --token`);
  const nodeId = options.nodeId ?? `${hostname()}-${process.pid}`;
  const server = new RpcServer();
  server.addService(await loadDefinition('execute'), executeHandlers(options.modules ?? new StaticModuleRegistry(), nodeId));
  const node: RunningNode = {
    nodeId,
    server,
    async close() {
      await Promise.all([node.http?.close(), node.tcp?.close()]);
    },
  };
  try {
    if (options.httpPort !== undefined) node.http = await serveHttp(server, { host, port: options.httpPort, token: options.token, tls: options.tls });
    if (options.tcpPort !== undefined) node.tcp = await serveTcp(server, { host, port: options.tcpPort, token: options.token, tls: options.tls });
  } catch (error) {
    await node.close();
    throw error;
  }
  return node;
}
