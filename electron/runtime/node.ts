/**
 * A node: the Avro runtime serving the SPL services (SPLExecuteService, SPLDataService,
 * SPLPipelineService, SPLNodeService, SPLContainerService) over HTTP and TCP. Headless
 * (`spl node`) or inside the studio's main process. It binds 127.0.0.1 unless told otherwise, and
 * refuses any other address without a token. What it serves is its core (services/node-core.ts);
 * this adds the sockets, its place in the cluster (cluster/), its containers (containers/) and
 * `GET /metrics`.
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
import { loadDefinition } from './definitions.js';
import { CallMetrics } from './rpc/middleware/metrics.js';
import { loggingMiddleware, type CallLogEntry } from './rpc/middleware/logging.js';
import { ClusterNode } from './cluster/cluster-node.js';
import { RemoteExecutor } from './cluster/remote-execute.js';
import { nodeMetricsText, PROMETHEUS_TEXT } from './cluster/node-metrics.js';
import { nodeHandlers } from './services/node-service.js';
import { fullNameOf } from './cluster/endpoint-client.js';
import type { NodeInfo } from './cluster/membership.js';
import { parseEngineAddress } from './containers/engine-address.js';
import { NodeContainers } from './containers/node-containers.js';
import { containerHandlers } from './services/container-service.js';

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
  /** Register with this registry node (`--join`): http://HOST:PORT or tcp://HOST:PORT. */
  join?: string;
  /** Register in etcd (`--discovery etcd://HOST:PORT`). */
  discovery?: string;
  /** Heartbeat interval toward the registry or etcd (default 1000 ms). */
  heartbeatMs?: number;
  /** A member not heard of for this long is dropped (registry), or its etcd lease ends (default 3000 ms). */
  ttlMs?: number;
  /** Writes one JSON line per call handled (loggingMiddleware); none when absent. */
  logCalls?: (entry: CallLogEntry) => void;
  /** Told of cluster events: registrations, lost registry or etcd (a line each). */
  clusterLog?: (line: string) => void;
  /**
   * The container engine's socket (`--container-engine`): unix:///PATH.sock or a path. Without
   * it SPLContainerService answers every call with CONTAINER_ENGINE_UNAVAILABLE.
   */
  containerEngine?: string;
}

export interface RunningNode {
  nodeId: string;
  server: RpcServer;
  core: NodeCore;
  /** Its view of the cluster (a Membership), its registry and discovery. */
  cluster: ClusterNode;
  metrics: CallMetrics;
  /** Its containers (SPLContainerService), through the container engine if one was given. */
  containers: NodeContainers;
  http?: Listening;
  tcp?: Listening;
  close(): Promise<void>;
}

export async function startNode(options: NodeOptions = {}): Promise<RunningNode> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host) && !options.token) throw new Error(`refusing to bind ${host} without a token: a node reachable beyond this machine needs --token`);
  const nodeId = options.nodeId ?? `${hostname()}-${process.pid}`;
  const engine = options.containerEngine === undefined ? undefined : parseEngineAddress(options.containerEngine);
  const core = await createNodeCore({ nodeId, dataDir: options.dataDir ?? defaultDataDir(), moduleDirs: options.moduleDirs, watchModules: options.watchModules, logger: options.logger });
  const [nodeProtocol, containerProtocol, executeProtocol] = [await loadDefinition('node'), await loadDefinition('container'), core.protocol('spl.execute.SPLExecuteService')];
  const metrics = new CallMetrics();
  core.server.use(metrics.middleware);
  if (options.logCalls) core.server.use(loggingMiddleware(options.logCalls));

  let http: Listening | undefined;
  let tcp: Listening | undefined;
  const describeSelf = (): NodeInfo => ({
    nodeId,
    endpoint: http?.url ?? tcp?.url ?? 'in-process:',
    availableModules: core.modules.list().map((m) => m.uri),
    // `containers` (the engine's socket) tells the studio this node can list and start containers.
    capabilities: { runtime: `node ${process.version}`, ...(http ? { http: http.url } : {}), ...(tcp ? { tcp: tcp.url } : {}), ...(engine ? { containers: engine.url } : {}) },
    lastHeartbeat: Date.now(),
    protocols: core.server.protocols.map((p) => ({ name: p.fullName, md5: p.hashKey })),
  });
  const cluster = new ClusterNode(describeSelf, { join: options.join, etcd: options.discovery, heartbeatMs: options.heartbeatMs, ttlMs: options.ttlMs, token: options.token, log: options.clusterLog });
  const executeName = fullNameOf(executeProtocol);
  const remote = new RemoteExecutor({ cluster, executeProtocol, token: options.token, local: (request, meta) => core.server.invoke(executeName, 'execute', request, { meta }) });
  const unprune = cluster.onChange(() => remote.prune());
  core.serve(nodeProtocol, nodeHandlers(cluster, remote));
  const containers = new NodeContainers({ nodeId, engine, executeProtocol, logger: options.logger });
  core.serve(containerProtocol, containerHandlers(containers));
  // Say so at once if the engine is not there (calls still answer CONTAINER_ENGINE_UNAVAILABLE until it is).
  if (engine) void containers.probe().then((problem) => problem && options.logger?.warn(problem));

  let closing: Promise<void> | undefined;
  const node: RunningNode = {
    nodeId,
    server: core.server,
    core,
    cluster,
    metrics,
    containers,
    close() {
      closing ??= (async () => {
        // Leave the cluster first (etcd: revoke the lease, so peers see it go at once), then
        // stop taking calls, then let the core finish its writes and close the store.
        unprune();
        await cluster.close();
        await remote.close();
        await Promise.all([node.http?.close(), node.tcp?.close()]);
        await containers.close();
        await core.close();
      })();
      return closing;
    },
  };
  try {
    const routes = { '/metrics': () => ({ contentType: PROMETHEUS_TEXT, body: nodeMetricsText({ nodeId, calls: metrics, cluster, transports: [{ transport: 'http', listening: http }, { transport: 'tcp', listening: tcp }] }) }) };
    if (options.httpPort !== undefined) node.http = http = await serveHttp(core.server, { host, port: options.httpPort, token: options.token, tls: options.tls, routes });
    if (options.tcpPort !== undefined) node.tcp = tcp = await serveTcp(core.server, { host, port: options.tcpPort, token: options.token, tls: options.tls });
    await cluster.start(nodeProtocol);
  } catch (error) {
    await node.close();
    throw error;
  }
  return node;
}
