/**
 * Everything a node is, short of its sockets: the schema registry, the data service on SQLite,
 * the modules (built-in and from folders, reloaded when they change), the pipelines, and the
 * RPC server with SPLExecuteService, SPLDataService and SPLPipelineService on it. `spl node`
 * puts transports in front of it (node.ts); the seed's `createSpl()` uses it in process.
 */
import path from 'node:path';
import type { Protocol, RecordSchema } from '../../../shared/avro/model.js';
import { RpcServer, type Handler } from '../rpc/server.js';
import { InProcessClient } from '../rpc/in-process.js';
import { loadDefinition } from '../definitions.js';
import { SchemaRegistry } from '../schemas/schema-registry.js';
import { ModuleRegistry, type ModuleProblem } from '../modules/registry.js';
import { ModuleExecutor } from '../modules/executor.js';
import { ModuleFolder } from '../modules/module-folder.js';
import { watchFolder, type FolderWatcher } from '../modules/folder-watcher.js';
import type { ModuleLogger } from '../modules/module.js';
import type { NodeServices } from '../modules/node-services.js';
import { silentLogger } from '../modules/logger.js';
import { plainResult } from '../modules/plain-result.js';
import { builtinModules, BUILTIN_SOURCE } from '../modules/builtin/index.js';
import { builtinSchemas } from '../modules/builtin/builtin-schemas.js';
import { PipelineDefinitions, PIPELINE_DEFINITION } from '../pipeline/definition.js';
import { PipelineStore } from '../pipeline/store.js';
import { PipelineRunner } from '../pipeline/runner.js';
import { Pipelines } from '../pipeline/pipelines.js';
import { createDataService } from './data-service.js';
import { executeHandlers } from './execute-service.js';
import { pipelineHandlers } from './pipeline-service.js';
import { plainServiceProxy } from './service-proxy.js';
import type { ClientFor } from './client-types.js';

export interface NodeCoreOptions {
  nodeId: string;
  /** Where the node keeps its data (the SQLite store, pipelines). Created if missing. */
  dataDir: string;
  /** Folders of user modules (`--modules`), in order: the first to define a URI keeps it. */
  moduleDirs?: string[];
  /** Reload module folders when their files change (default true). */
  watchModules?: boolean;
  logger?: ModuleLogger;
}

export interface NodeCore {
  readonly nodeId: string;
  readonly dataDir: string;
  readonly server: RpcServer;
  readonly schemas: SchemaRegistry;
  readonly modules: ModuleRegistry;
  readonly executor: ModuleExecutor;
  readonly pipelines: Pipelines;
  /** The node's services in process, with plain values (what modules get as `context.services`). */
  readonly services: NodeServices;
  /** The protocols served, by full name. */
  readonly protocols: Map<string, Protocol>;
  /** Serves a protocol (or replaces the handlers of one served under the same name). */
  serve(protocol: Protocol, handlers: Record<string, Handler>): void;
  /** The served protocol a name means: full name, or simple name when only one has it. */
  protocol(name: string): Protocol;
  /** An in-process client of a served protocol (the engine's transport: values checked, not serialized). */
  client(name: string): InProcessClient;
  /** Reloads every module folder now (they also reload by themselves when files change). */
  reloadModules(): Promise<void>;
  close(): Promise<void>;
}

export async function createNodeCore(options: NodeCoreOptions): Promise<NodeCore> {
  const logger = options.logger ?? silentLogger;
  const { nodeId, dataDir } = options;
  const [executeProtocol, dataProtocol, pipelineProtocol] = await Promise.all([loadDefinition('execute'), loadDefinition('data'), loadDefinition('pipeline')]);

  const schemas = new SchemaRegistry();
  const data = createDataService({ dataDir, registry: schemas });
  if (data.problem) logger.warn(`the data store in ${dataDir} cannot be used yet: ${data.problem}`);
  const closers: (() => unknown)[] = [() => data.close()];
  const closeAll = async () => {
    while (closers.length > 0) await closers.pop()!();
  };
  try {
    const modules = new ModuleRegistry(schemas);
    const server = new RpcServer();
    const protocols = new Map<string, Protocol>();
    const clients = new Map<string, InProcessClient>();
    const proxies = new Map<string, unknown>();

    const protocol = (name: string): Protocol => {
      const exact = protocols.get(name);
      if (exact) return exact;
      const matches = [...protocols.values()].filter((p) => p.protocol === name);
      if (matches.length === 1) return matches[0];
      throw new Error(`node ${nodeId} serves no protocol '${name}'; it serves ${[...protocols.keys()].join(', ')}`);
    };
    const client = (name: string): InProcessClient => {
      const served = protocol(name);
      const key = fullNameOf(served);
      let found = clients.get(key);
      if (!found) clients.set(key, (found = new InProcessClient(server, served)));
      return found;
    };
    const services: NodeServices = {
      execute: async (uri, input, headers) => plainResult(await executor.runPlain(uri, input, { headers }), schemas),
      service: <N extends string>(name: N): ClientFor<N> => {
        const key = fullNameOf(protocol(name));
        let proxy = proxies.get(key);
        if (!proxy) {
          const inProcess = client(key);
          proxies.set(key, (proxy = plainServiceProxy(protocol(key), (message, request) => inProcess.call(message, request))));
        }
        return proxy as ClientFor<N>;
      },
      get data() {
        return services.service('SPLDataService');
      },
      get pipeline() {
        return services.service('SPLPipelineService');
      },
    };
    const executor = new ModuleExecutor({ modules, schemas, nodeId, services: () => services, logger });

    const definitions = new PipelineDefinitions(pipelineProtocol.types.find((t) => t.fullName === PIPELINE_DEFINITION) as RecordSchema);
    const store = await PipelineStore.open(path.join(dataDir, 'pipelines'), definitions);
    for (const problem of store.problems) logger.warn(`pipeline ${problem.file} is not loaded: ${problem.message}`);
    const pipelines = new Pipelines(store, definitions, new PipelineRunner(executor), modules, schemas);

    modules.setSource(BUILTIN_SOURCE, builtinModules(await builtinSchemas(dataProtocol, pipelineProtocol), pipelines));
    report(modules.problems(BUILTIN_SOURCE), logger);

    const serve = (served: Protocol, handlers: Record<string, Handler>): void => {
      const key = fullNameOf(served);
      server.addService(served, handlers);
      protocols.set(key, served);
      clients.delete(key);
      proxies.delete(key);
    };
    serve(executeProtocol, executeHandlers({ modules, schemas, executor, nodeId }));
    serve(dataProtocol, data.handlers);
    serve(pipelineProtocol, pipelineHandlers(pipelines));

    const folders = (options.moduleDirs ?? []).map((dir) => new ModuleFolder(path.resolve(dir)));
    const reload = async (folder: ModuleFolder): Promise<void> => {
      const loaded = await folder.load();
      modules.setSource(folder.root, loaded.modules, loaded.problems);
      report(modules.problems(folder.root), logger);
      logger.info(`modules from ${folder.root}: ${loaded.modules.map((m) => m.uri).join(', ') || 'none'}`);
    };
    for (const folder of folders) await reload(folder);
    const watchers: FolderWatcher[] = options.watchModules === false ? [] : folders.map((folder) => watchFolder(folder.root, () => reload(folder), { onError: (error) => logger.warn(`cannot watch ${folder.root} for changes: ${error.message}`) }));
    closers.push(() => watchers.forEach((w) => w.close()));

    return {
      nodeId,
      dataDir,
      server,
      schemas,
      modules,
      executor,
      pipelines,
      services,
      protocols,
      serve,
      protocol,
      client,
      reloadModules: async () => {
        for (const folder of folders) await reload(folder);
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

function fullNameOf(protocol: Protocol): string {
  return protocol.namespace ? `${protocol.namespace}.${protocol.protocol}` : protocol.protocol;
}

function report(problems: ModuleProblem[], logger: ModuleLogger): void {
  for (const problem of problems) logger.warn(`module ${problem.path}: ${problem.message}`);
}
