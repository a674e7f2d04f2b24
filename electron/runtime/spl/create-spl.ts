/**
 * The seed's JavaScript API (../shared/seed/avro-service-definitions.md):
 *
 *     const spl = await createSpl();
 *     const result = await spl.execute('spl/data/write', input);          // the legacy path
 *     const data = spl.avro.getService('SPLDataService');                 // Avro services
 *     const analytics = spl.pipeline.define({ name, stages });            // typed pipelines
 *     await spl.close();
 *
 * With no options it is an in-process node with the built-in modules and the per-user data
 * directory; `modules` adds module folders, `http`/`tcp` also serve it over the network.
 * Everything takes and gives plain values (modules/plain-value.ts); a value that does not fit
 * its schema fails with the field path and the expected type, whichever way it came in.
 */
import type { Channel } from '../rpc/channel.js';
import type { Listening } from '../rpc/http.js';
import type { ServerTls } from '../rpc/tls-options.js';
import { hostname } from 'node:os';
import { startNode } from '../node.js';
import { createNodeCore, type NodeCore } from '../services/node-core.js';
import { defaultDataDir } from '../services/data-dir.js';
import type { ModuleInfo } from '../services/client-types.js';
import { streamLogger } from '../modules/logger.js';
import type { ModuleDefinition, ModuleLogger } from '../modules/module.js';
import { plainResult } from '../modules/plain-result.js';
import type { Outcome } from '../modules/executor.js';
import { SplAvro } from './avro-api.js';
import { SplPipelines } from './pipeline-api.js';
import { loadModule, type LoadModuleOptions, type ModuleHandle } from './load-module.js';
import { moduleSpec, type ModuleSpec } from './module-spec.js';

export interface SplOptions {
  /** Where records and pipelines are kept; default: the per-user data folder (`~/.local/share/spl-studio/node`...). */
  dataDir?: string;
  /** Folders of user modules (DIR/<namespace...>/<name>/ with index.js and its schemas). */
  modules?: string[];
  /** Reload module folders when they change (default true). */
  watchModules?: boolean;
  nodeId?: string;
  /** Where messages go; default: warnings and errors to stderr. */
  logger?: ModuleLogger;
  /** Also serve the node over HTTP / TCP on this port (0: any free one). */
  http?: number;
  tcp?: number;
  host?: string;
  token?: string;
  tls?: ServerTls;
}

export interface ExecuteResult {
  status: Outcome['status'];
  headers: Record<string, string>;
  /** The module's result as a plain value (undefined for none). */
  value: unknown;
}

export interface Spl {
  readonly nodeId: string;
  readonly dataDir: string;
  /** Runs a module on a plain input and resolves with its plain result (the seed's legacy path). */
  execute(uri: string, input?: unknown, options?: { headers?: Record<string, string> }): Promise<unknown>;
  /** The same, with the status and the headers the module left. */
  executeDetailed(uri: string, input?: unknown, options?: { headers?: Record<string, string> }): Promise<ExecuteResult>;
  readonly avro: SplAvro;
  readonly pipeline: SplPipelines;
  loadModule<S extends string = ''>(uri: string, options?: LoadModuleOptions<S>): Promise<ModuleHandle<S>>;
  /** Adds a module written in code (schemas as names, Avro JSON or the model). */
  registerModule(spec: ModuleSpec): ModuleInfo;
  /** Every module, sorted. */
  modules(): ModuleInfo[];
  /** Where the node listens, when asked to (`http`, `tcp`). */
  readonly http?: Listening;
  readonly tcp?: Listening;
  /** The node behind it. */
  readonly core: NodeCore;
  /** Releases the node: its data store, watchers, sockets and remote connections. */
  close(): Promise<void>;
}

export async function createSpl(options: SplOptions = {}): Promise<Spl> {
  const nodeId = options.nodeId ?? `${hostname()}-${process.pid}-spl`;
  const logger = options.logger ?? streamLogger((line) => process.stderr.write(line), 'warn');
  const base = { nodeId, dataDir: options.dataDir ?? defaultDataDir(), moduleDirs: options.modules, watchModules: options.watchModules, logger };
  const serving = options.http !== undefined || options.tcp !== undefined;
  const node = serving ? await startNode({ ...base, httpPort: options.http, tcpPort: options.tcp, host: options.host, token: options.token, tls: options.tls }) : undefined;
  const core = node ? node.core : await createNodeCore(base);
  const channels = new Set<Channel>();
  const info = (uri: string): ModuleInfo => {
    const m = core.executor.module(uri);
    return { module: m.uri, description: m.description ?? null, inputSchema: m.inputSchema?.fullName ?? null, outputSchema: m.outputSchema?.fullName ?? null };
  };
  let closing: Promise<void> | undefined;
  const spl: Spl = {
    nodeId,
    dataDir: core.dataDir,
    execute: async (uri, input, call = {}) => plainResult(await core.executor.runPlain(uri, input, { headers: call.headers }), core.schemas),
    executeDetailed: async (uri, input, call = {}) => {
      const outcome = await core.executor.runPlain(uri, input, { headers: call.headers });
      return { status: outcome.status, headers: outcome.headers, value: outcome.status === 'ERROR' ? undefined : plainResult(outcome, core.schemas) };
    },
    avro: new SplAvro(core, channels),
    pipeline: new SplPipelines(core),
    loadModule: (uri, loadOptions) => loadModule(core, uri, loadOptions),
    registerModule: (spec) => info(core.modules.register(moduleSpec(spec, core.schemas) as ModuleDefinition).uri),
    modules: () => core.modules.list().map((m) => info(m.uri)),
    http: node?.http,
    tcp: node?.tcp,
    core,
    close() {
      closing ??= (async () => {
        await spl.avro.closeClusters();
        await Promise.all([...channels].map((c) => c.close()));
        await (node ? node.close() : core.close());
      })();
      return closing;
    },
  };
  return spl;
}
