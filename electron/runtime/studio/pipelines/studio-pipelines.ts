/**
 * The StudioApi's `pipelines` group. Registered pipelines live on a node: list, get and register
 * go to its SPLPipelineService, definitions crossing as Avro JSON text of the node's own
 * PipelineDefinition. A run from the studio goes stage by stage through SPLExecuteService.execute
 * (run-stages.ts), so that every stage's output can be shown and pinned, with a progress event
 * as each stage starts and ends. Studio runs are not recorded in the call history: a run is many
 * calls, and they would flood it.
 */
import { StudioError, type PipelineRunRequest, type PipelineRunResult, type StudioApi, type StudioEvents } from '../../../../shared/studio/api.js';
import type { RpcClient } from '../../rpc/client.js';
import { errorMessage } from '../../rpc/errors.js';
import type { ProtocolCodec } from '../../rpc/protocol-codec.js';
import type { CallTarget, CallTargets } from '../call-target.js';
import { NodeCalls, untilAborted } from '../node-calls.js';
import { EXECUTE_SERVICE, ExecuteContract, PIPELINE_SERVICE, PipelineContract } from './node-contract.js';
import { pipelineRequestError } from './node-failure.js';
import { planRun } from './run-plan.js';
import { runStages, type StageCaller } from './run-stages.js';
import { stageFailure } from './stage-failure.js';

export interface StudioPipelinesOptions {
  targets: CallTargets;
  /** Where a progress listener's failure is reported (default: stderr). */
  log?: (message: string) => void;
}

type ProgressListener = (payload: StudioEvents['pipeline.progress']) => void;

/** A node and the client to one of its protocols. */
interface NodeService<C> {
  target: CallTarget;
  contract: C;
  client: RpcClient;
}

export class StudioPipelines {
  readonly api: Pick<StudioApi, 'pipelines'>;
  private readonly listeners = new Set<ProgressListener>();
  private readonly runs = new Map<string, { cancel: AbortController; done: Promise<unknown> }>();
  private readonly nodes: NodeCalls;
  private readonly pipelineContracts = new WeakMap<ProtocolCodec, PipelineContract>();
  private readonly executeContracts = new WeakMap<ProtocolCodec, ExecuteContract>();
  private readonly log: (message: string) => void;
  private closed = false;

  constructor(private readonly options: StudioPipelinesOptions) {
    this.log = options.log ?? ((message) => process.stderr.write(message + '\n'));
    this.nodes = new NodeCalls(options.targets, 'pipelines');
    this.api = {
      pipelines: {
        list: (connectionId, nodeId) => this.list(connectionId, nodeId),
        get: (connectionId, nodeId, name) => this.get(connectionId, nodeId, name),
        register: (connectionId, nodeId, definition) => this.register(connectionId, nodeId, definition),
        run: (request) => this.run(request),
        cancel: async (runId) => this.cancel(runId),
      },
    };
  }

  on(_event: 'pipeline.progress', listener: ProgressListener): () => void {
    if (this.closed) return () => {};
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async list(connectionId: string, nodeId: string): Promise<string[]> {
    const what = `pipelines.list: node '${nodeId}' of connection '${connectionId}'`;
    const node = await this.pipelineService(what, connectionId, nodeId);
    try {
      return (await node.client.call('listPipelines', {})) as string[];
    } catch (error) {
      throw pipelineRequestError(what, node.target.endpoint, error);
    }
  }

  async get(connectionId: string, nodeId: string, name: string): Promise<string> {
    const what = `pipelines.get: pipeline '${name}' on node '${nodeId}' of connection '${connectionId}'`;
    const node = await this.pipelineService(what, connectionId, nodeId);
    let definition: unknown;
    try {
      definition = await node.client.call('getPipeline', { name });
    } catch (error) {
      throw pipelineRequestError(what, node.target.endpoint, error);
    }
    return node.contract.printDefinition(definition);
  }

  async register(connectionId: string, nodeId: string, definition: string): Promise<void> {
    const at = `node '${nodeId}' of connection '${connectionId}'`;
    const node = await this.pipelineService(`pipelines.register: ${at}`, connectionId, nodeId);
    const { engine, plain } = node.contract.parseDefinition(definition, 'pipelines.register: the definition');
    const what = `pipelines.register: pipeline '${plain.name}' on ${at}`;
    try {
      await node.client.call('registerPipeline', { pipeline: engine });
    } catch (error) {
      throw pipelineRequestError(what, node.target.endpoint, error);
    }
  }

  async run(request: PipelineRunRequest): Promise<PipelineRunResult> {
    if (this.closed) throw new StudioError('internal', 'pipelines.run: the studio is shutting down; runs are no longer taken');
    if (this.runs.has(request.runId)) {
      throw new StudioError('invalid-argument', `pipelines.run: a run with id ${JSON.stringify(request.runId)} is in progress; give each run its own id`);
    }
    const cancel = new AbortController();
    const done = this.runOn(request, cancel.signal);
    this.runs.set(request.runId, { cancel, done });
    try {
      return await done;
    } finally {
      this.runs.delete(request.runId);
    }
  }

  /** Stops a run after the stage running now (its call is aborted); an unknown or finished id is ignored. */
  cancel(runId: string): void {
    this.runs.get(runId)?.cancel.abort();
  }

  /** Cancels the runs in progress, waits for them to settle, and closes every connection. */
  async close(): Promise<void> {
    this.closed = true;
    this.nodes.refuse();
    this.listeners.clear();
    const running = [...this.runs.values()];
    for (const run of running) run.cancel.abort();
    await Promise.allSettled(running.map((run) => run.done));
    await this.nodes.close();
  }

  private async runOn(request: PipelineRunRequest, cancelled: AbortSignal): Promise<PipelineRunResult> {
    const started = performance.now();
    const { runId, connectionId, nodeId, deadlineMs } = request;
    const signal = deadlineMs !== undefined ? AbortSignal.any([cancelled, AbortSignal.timeout(deadlineMs)]) : cancelled;
    const stopped = (): 'cancelled' | 'timeout' | undefined => (cancelled.aborted ? 'cancelled' : signal.aborted ? 'timeout' : undefined);
    const what = `pipelines.run: node '${nodeId}' of connection '${connectionId}'`;

    const target = await this.nodes.target(connectionId, nodeId);
    // The node's contract first (a handshake each, cached): nothing can be read or run without it.
    const [pipelineCodec, executeCodec] = await untilAborted(
      Promise.all([this.nodes.protocol(what, target, PIPELINE_SERVICE), this.nodes.protocol(what, target, EXECUTE_SERVICE)]),
      signal,
      () => new StudioError('io', `${what}: ${stopped() === 'cancelled' ? 'cancelled' : `the run's deadline of ${deadlineMs} ms passed`} before ${target.endpoint} told its protocols; nothing ran`),
    );
    const execute = this.executeContract(executeCodec);
    const plan = planRun(request, this.pipelineContract(pipelineCodec), execute);
    const client = this.nodes.client(what, target, executeCodec);

    const caller: StageCaller = {
      endpoint: target.endpoint,
      execute: (executeRequest, callSignal) => client.call('execute', { request: executeRequest }, { signal: callSignal }) as Promise<Record<string, unknown>>,
      failure: (error) => stageFailure(error, target.endpoint, execute.execute),
      printResponse: (response) => execute.printResponse(response),
    };
    const outcome = await runStages(plan, caller, { signal, stopped, deadlineMs }, (stage) => this.emit({ runId, stage }));
    return { runId, ...outcome, durationMs: performance.now() - started };
  }

  private emit(payload: StudioEvents['pipeline.progress']): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(payload);
      } catch (error) {
        // A broken listener must not stop the run, nor keep the others from hearing of it.
        this.log(`studio: a pipeline.progress listener failed: ${errorMessage(error)}`);
      }
    }
  }

  private async pipelineService(what: string, connectionId: string, nodeId: string): Promise<NodeService<PipelineContract>> {
    // Not nodes.open: a target that cannot be found is said without `what`, as pipelines always have.
    const target = await this.nodes.target(connectionId, nodeId);
    const codec = await this.nodes.protocol(what, target, PIPELINE_SERVICE);
    return { target, contract: this.pipelineContract(codec), client: this.nodes.client(what, target, codec) };
  }

  private pipelineContract(codec: ProtocolCodec): PipelineContract {
    let contract = this.pipelineContracts.get(codec);
    if (!contract) this.pipelineContracts.set(codec, (contract = new PipelineContract(codec)));
    return contract;
  }

  private executeContract(codec: ProtocolCodec): ExecuteContract {
    let contract = this.executeContracts.get(codec);
    if (!contract) this.executeContracts.set(codec, (contract = new ExecuteContract(codec)));
    return contract;
  }
}
