/**
 * A node's containers, through the Engine API: SPL node containers started on a free loopback
 * port with host networking and labelled (labels.ts), listed and stopped by those labels, and
 * executeContainer's workers: one per image, environment and volumes, started on first use,
 * reused while they run, and removed when the node closes; their results carry their schemas
 * inline (inline-schema.ts). Without an engine every operation
 * fails with CONTAINER_ENGINE_UNAVAILABLE saying how to configure one.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Protocol } from '../../../shared/avro/model.js';
import { DeclaredError, TransportError, errorMessage } from '../rpc/errors.js';
import type { Meta } from '../rpc/wire.js';
import { TRACE_META } from '../rpc/middleware/logging.js';
import { clientFor, EndpointClients } from '../cluster/endpoint-client.js';
import type { ModuleLogger } from '../modules/module.js';
import { silentLogger } from '../modules/logger.js';
import type { EngineAddress } from './engine-address.js';
import { EngineClient, type EngineContainer } from './engine-client.js';
import { containerError, engineError, noEngineConfigured } from './container-error.js';
import { ENDPOINT_LABEL, MANAGED_BY_LABEL, SERVICES_LABEL, WORKER_SPEC_LABEL, formatServices, parseServices } from './labels.js';
import { howToGetImage, nodeCommand, nodeImage } from './node-image.js';
import { logLines } from './log-stream.js';
import { freeLoopbackPort } from './free-port.js';
import { waitUntilAnswering } from './wait-ready.js';
import { parseStartConfig } from './start-config.js';
import { checkContainerId, checkEnvironment, checkImage, checkVolumes } from './request-checks.js';
import { summaryOfInspected, summaryOfListed, type ContainerSummary } from './container-summary.js';
import { SchemaInliner } from './inline-schema.js';

export interface NodeContainersOptions {
  nodeId: string;
  /** The engine's socket; undefined: none configured. */
  engine?: EngineAddress;
  /** SPLExecuteService, to wait for a container's node and to run modules in it. */
  executeProtocol: Protocol;
  /** How long a new container's node may take to answer (default 30 s). */
  startTimeoutMs?: number;
  /** How long executeContainer waits for the module's answer (default 5 min). */
  executeTimeoutMs?: number;
  logger?: ModuleLogger;
}

/** ContainerExecuteRequest in the engine's value shape (wrapped unions). */
export interface ContainerExecuteValue {
  image: string;
  request: { module: string } & Record<string, unknown>;
  environment: { map: Record<string, string> } | null;
  volumes: { array: string[] } | null;
}

interface StartSpec {
  image: string;
  name?: string;
  port?: number;
  env: Record<string, string>;
  volumes: string[];
  /** For executeContainer's workers: the hash they are found by. */
  workerSpec?: string;
}

interface Worker {
  containerId: string;
  endpoint: string;
}

const LOG_LINES = 20;
const STOP_GRACE_SECONDS = 5;

export class NodeContainers {
  private readonly engineClient?: EngineClient;
  private readonly clients: EndpointClients;
  private readonly workers = new Map<string, Worker>();
  private readonly startingWorkers = new Map<string, Promise<Worker>>();
  private readonly schemas = new SchemaInliner();

  constructor(private readonly options: NodeContainersOptions) {
    this.engineClient = options.engine ? new EngineClient(options.engine) : undefined;
    this.clients = new EndpointClients(options.executeProtocol);
  }

  /** Whether the engine answers now: undefined if it does, else why not (for a warning at start). */
  async probe(): Promise<string | undefined> {
    if (!this.engineClient) return undefined;
    try {
      await this.engineClient.ping();
      return undefined;
    } catch (error) {
      return (engineError(error, { doing: 'reaching the container engine' }).value as { message: string }).message;
    }
  }

  /** startContainer: a long-running SPL node container, once its node answers. */
  async start(image: string, config: Record<string, string>): Promise<ContainerSummary> {
    checkImage(image);
    const settings = parseStartConfig(config, image);
    return this.run({ image, name: settings.name, port: settings.port, env: settings.env, volumes: [] });
  }

  /** listContainers: every container labelled spl.avro.services, running or not. */
  async list(): Promise<ContainerSummary[]> {
    const engine = this.engine();
    try {
      return (await engine.list({ label: [SERVICES_LABEL] })).map(summaryOfListed);
    } catch (error) {
      throw engineError(error, { doing: `listing the SPL containers on ${engine.address.url}` });
    }
  }

  /** stopContainer: stops and removes an SPL container (and only those). */
  async stop(id: string): Promise<void> {
    checkContainerId(id);
    const engine = this.engine();
    const doing = `stopping container ${id}`;
    try {
      const found = await engine.container(id);
      if (!found) throw this.notFound(id);
      if (!found.Config.Labels?.[SERVICES_LABEL]) {
        throw containerError({ code: 'CONTAINER_NOT_FOUND', message: `container ${id} is not an SPL container (it has no ${SERVICES_LABEL} label): this node stops only SPL containers; stop others with podman or docker`, containerId: id });
      }
      if (!(await engine.stop(found.Id, STOP_GRACE_SECONDS))) throw this.notFound(id);
      await engine.remove(found.Id);
      this.forgetWorker(found.Id);
    } catch (error) {
      throw engineError(error, { doing, containerId: id });
    }
  }

  /**
   * executeContainer: runs the request in a worker container for this image, environment and
   * volumes (reused, or started now) and answers its node's ExecuteResponse. The node's own
   * ExecutionError passes through as it is.
   */
  async execute(call: ContainerExecuteValue, incoming: Meta = {}): Promise<unknown> {
    const image = checkImage(call.image);
    const env = checkEnvironment(call.environment?.map ?? {}, 'environment');
    const volumes = checkVolumes(call.volumes?.array ?? []);
    const spec = workerSpec(image, env, volumes);
    const meta: Meta = { [TRACE_META]: incoming[TRACE_META] ?? Buffer.from(randomUUID()) };
    for (let attempt = 1; ; attempt++) {
      const worker = await this.worker(spec, { image, env, volumes, workerSpec: spec });
      try {
        const client = this.clients.get(worker.endpoint);
        const response = await client.call('execute', { request: call.request }, { meta, timeoutMs: this.options.executeTimeoutMs ?? 300_000, retries: 0 });
        return await this.schemas.complete(response, client);
      } catch (error) {
        if (error instanceof DeclaredError) throw error;
        // Refused: the worker is gone (stopped by someone, or its node died). The request never left, so start another.
        if (attempt === 1 && error instanceof TransportError && error.notSent) {
          this.forgetWorker(worker.containerId);
          continue;
        }
        throw await this.withLogs(worker.containerId, containerError({
          code: 'CONTAINER_FAILED',
          message: `container ${short(worker.containerId)} (${image}) at ${worker.endpoint} did not answer ${call.request.module}: ${errorMessage(error)}`,
          image,
          containerId: worker.containerId,
          details: { endpoint: worker.endpoint, module: call.request.module },
        }));
      }
    }
  }

  /** Removes this node's workers (startContainer's containers stay: they are the caller's). */
  async close(): Promise<void> {
    const engine = this.engineClient;
    this.workers.clear();
    await this.clients.close();
    if (!engine) return;
    try {
      const mine = await engine.list({ label: [`${MANAGED_BY_LABEL}=${this.options.nodeId}`, WORKER_SPEC_LABEL] });
      await Promise.all(mine.map((c) => engine.remove(c.Id)));
    } catch (error) {
      (this.options.logger ?? silentLogger).warn(`could not remove the worker containers of node ${this.options.nodeId} from ${engine.address.url}: ${errorMessage(error)}; remove them with \`podman rm -f\` (label ${MANAGED_BY_LABEL}=${this.options.nodeId})`);
    }
  }

  private engine(): EngineClient {
    if (!this.engineClient) throw noEngineConfigured(this.options.nodeId);
    return this.engineClient;
  }

  private notFound(id: string): DeclaredError {
    return containerError({ code: 'CONTAINER_NOT_FOUND', message: `no container '${id}' on the engine at ${this.engine().address.url}: see listContainers for the SPL containers`, containerId: id });
  }

  private async worker(spec: string, start: StartSpec): Promise<Worker> {
    const known = this.workers.get(spec);
    if (known) return known;
    let starting = this.startingWorkers.get(spec);
    if (!starting) {
      starting = this.findOrStartWorker(spec, start).finally(() => this.startingWorkers.delete(spec));
      this.startingWorkers.set(spec, starting);
    }
    return starting;
  }

  private async findOrStartWorker(spec: string, start: StartSpec): Promise<Worker> {
    const engine = this.engine();
    let running;
    try {
      running = await engine.list({ label: [`${MANAGED_BY_LABEL}=${this.options.nodeId}`, `${WORKER_SPEC_LABEL}=${spec}`], status: ['running'] });
    } catch (error) {
      throw engineError(error, { doing: `looking for a container of ${start.image} to run in`, image: start.image });
    }
    const found = running.map(summaryOfListed).find((c) => c.endpoint);
    const summary = found ?? (await this.run(start));
    const worker = { containerId: summary.containerId, endpoint: summary.endpoint! };
    this.workers.set(spec, worker);
    return worker;
  }

  private forgetWorker(containerId: string): void {
    for (const [spec, worker] of this.workers) if (worker.containerId === containerId) this.workers.delete(spec);
    this.clients.retain([...this.workers.values()].map((w) => w.endpoint));
  }

  private async run(spec: StartSpec): Promise<ContainerSummary> {
    const engine = this.engine();
    const { image } = spec;
    const doing = `starting a container from ${image}`;
    let services: string[];
    try {
      const found = await engine.image(image);
      if (!found) {
        throw containerError({ code: 'IMAGE_NOT_FOUND', message: `the container engine at ${engine.address.url} has no image ${image}: ${howToGetImage(image)}`, image });
      }
      services = parseServices(found.Config?.Labels?.[SERVICES_LABEL] ?? undefined);
    } catch (error) {
      throw engineError(error, { doing, image });
    }
    if (services.length === 0) {
      throw containerError({ code: 'INVALID_REQUEST', message: `image ${image} has no ${SERVICES_LABEL} label, so it is not an SPL node image: use ${nodeImage()} (${howToGetImage(nodeImage())}), or label yours with the protocols its node serves`, image });
    }
    const port = spec.port ?? (await freeLoopbackPort());
    const name = spec.name ?? `spl-${randomBytes(4).toString('hex')}`;
    const endpoint = `http://127.0.0.1:${port}`;
    let id: string;
    try {
      id = await engine.create(name, {
        Image: image,
        Cmd: nodeCommand(port, name),
        Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
        Labels: {
          [SERVICES_LABEL]: formatServices(services),
          [ENDPOINT_LABEL]: endpoint,
          [MANAGED_BY_LABEL]: this.options.nodeId,
          ...(spec.workerSpec ? { [WORKER_SPEC_LABEL]: spec.workerSpec } : {}),
        },
        // Host networking: the node inside listens on the host's loopback, never on a container address.
        HostConfig: { NetworkMode: 'host', Binds: spec.volumes },
      });
    } catch (error) {
      throw engineError(error, { doing, image });
    }
    try {
      await engine.start(id);
      const client = clientFor(endpoint, this.options.executeProtocol);
      try {
        const readiness = await waitUntilAnswering({ client, timeoutMs: this.options.startTimeoutMs ?? 30_000, state: async () => stateOf(await engine.container(id)) });
        if (!readiness.ready) {
          throw await this.withLogs(id, containerError({ code: 'CONTAINER_FAILED', message: `container ${name} (${image}) did not start an SPL node at ${endpoint}: ${readiness.why}; it has been removed`, image, containerId: id, details: { endpoint } }));
        }
      } finally {
        await client.channel.close();
      }
      const started = await engine.container(id);
      if (!started) throw containerError({ code: 'CONTAINER_FAILED', message: `container ${name} (${image}) vanished right after it started: something else removed it`, image, containerId: id });
      return summaryOfInspected(started);
    } catch (error) {
      await engine.remove(id).catch(() => undefined);
      throw engineError(error, { doing, image, containerId: id });
    }
  }

  /** The error, with the container's last log lines added to its message and details (best effort). */
  private async withLogs(id: string, error: DeclaredError): Promise<DeclaredError> {
    let lines: string[];
    try {
      lines = logLines(await this.engine().logs(id, LOG_LINES), LOG_LINES);
    } catch (problem) {
      lines = [`(its logs could not be read: ${errorMessage(problem)})`];
    }
    const value = error.value as { message: string; details: Record<string, string> };
    const logs = lines.length > 0 ? lines.join('\n') : '(no output)';
    return new DeclaredError(error.type, { ...value, message: `${value.message}. Its last log lines:\n${logs}`, details: { ...value.details, logs } });
  }
}

function stateOf(container: EngineContainer | undefined): { running: boolean; exitCode?: number; status: string } {
  if (!container) return { running: false, status: 'removed' };
  return { running: container.State.Running, exitCode: container.State.Running ? undefined : container.State.ExitCode, status: container.State.Status };
}

/** Image, environment and volumes, hashed: a worker serves calls asking for the same. */
function workerSpec(image: string, env: Record<string, string>, volumes: string[]): string {
  const canonical = JSON.stringify([image, Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), volumes]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

function short(id: string): string {
  return id.slice(0, 12);
}

