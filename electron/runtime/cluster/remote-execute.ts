/**
 * executeRemote: runs an ExecuteRequest on a named node or, with no name, on a node that
 * offers the module (round-robin among them, this node included). The trace id of the
 * incoming call (meta `spl.trace`) goes along, or a new one is made, so each hop's call log
 * shows the same id. Failures become ExecutionError: NODE_NOT_FOUND, NODE_UNAVAILABLE (tried
 * the next candidate only when the request certainly never left), TIMEOUT, MODULE_NOT_FOUND;
 * the target's own ExecutionError passes through as it is.
 */
import { randomUUID } from 'node:crypto';
import type { Protocol } from '../../../shared/avro/model.js';
import type { Meta } from '../rpc/wire.js';
import { DeclaredError, RemoteSystemError, TransportError, errorMessage } from '../rpc/errors.js';
import { TRACE_META } from '../rpc/middleware/logging.js';
import { executionError } from '../modules/execution-error.js';
import type { NodeInfo } from './membership.js';
import type { ClusterNode } from './cluster-node.js';
import { EndpointClients } from './endpoint-client.js';

export interface RemoteExecuteRequest {
  targetNode: { string: string } | null;
  request: { module: string } & Record<string, unknown>;
  timeout: { int: number } | null;
}

export interface RemoteExecutorOptions {
  cluster: ClusterNode;
  executeProtocol: Protocol;
  /** Runs `execute` on this node itself, with the call's meta (so its call log has the trace). */
  local: (request: Record<string, unknown>, meta: Meta) => Promise<unknown>;
  token?: string;
  defaultTimeoutMs?: number;
}

export class RemoteExecutor {
  private readonly clients: EndpointClients;
  private turn = 0;

  constructor(private readonly options: RemoteExecutorOptions) {
    this.clients = new EndpointClients(options.executeProtocol, { token: options.token });
  }

  async execute(call: RemoteExecuteRequest, incoming: Meta): Promise<unknown> {
    const { cluster } = this.options;
    const nodeId = cluster.nodeId;
    const module = call.request.module;
    const timeoutMs = call.timeout?.int ?? this.options.defaultTimeoutMs ?? 30_000;
    const meta: Meta = { [TRACE_META]: incoming[TRACE_META] ?? Buffer.from(randomUUID()) };
    const members = cluster.nodes();
    let candidates: NodeInfo[];
    if (call.targetNode) {
      const target = members.find((n) => n.nodeId === call.targetNode!.string);
      if (!target) throw executionError({ code: 'NODE_NOT_FOUND', message: `node ${nodeId} knows no node '${call.targetNode.string}' in the cluster; pick one from listNodes (${members.map((n) => n.nodeId).join(', ')})`, module, nodeId, details: { targetNode: call.targetNode.string } });
      candidates = [target];
    } else {
      const offering = members.filter((n) => n.availableModules.includes(module));
      if (offering.length === 0) throw executionError({ code: 'MODULE_NOT_FOUND', message: `no node of the cluster (${members.length} known to ${nodeId}) offers module ${module}; check listAvailableModules on the nodes`, module, nodeId });
      const start = this.turn++ % offering.length;
      candidates = [...offering.slice(start), ...offering.slice(0, start)];
    }
    const deadline = Date.now() + timeoutMs;
    let lastFailure: unknown;
    for (const target of candidates) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      try {
        return await this.runOn(target, call.request, meta, left);
      } catch (error) {
        // Only a request that never left may go elsewhere: execute is not known to be idempotent.
        if (!(error instanceof TransportError && error.notSent)) throw this.explain(error, target, module, timeoutMs);
        lastFailure = error;
      }
    }
    if (lastFailure) throw this.explain(lastFailure, candidates[candidates.length - 1], module, timeoutMs);
    throw executionError({ code: 'TIMEOUT', message: `no answer for ${module} within ${timeoutMs} ms; retry, or raise timeout`, module, nodeId, retryable: true });
  }

  private async runOn(target: NodeInfo, request: Record<string, unknown>, meta: Meta, timeoutMs: number): Promise<unknown> {
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(new TimedOut()), timeoutMs);
    try {
      if (target.nodeId === this.options.cluster.nodeId) {
        return await Promise.race([this.options.local({ request }, meta), new Promise((_, reject) => timer.signal.addEventListener('abort', () => reject(timer.signal.reason as Error)))]);
      }
      return await this.clients.get(target.endpoint).call('execute', { request }, { meta, signal: timer.signal, retries: 1 });
    } catch (error) {
      throw timer.signal.aborted ? timer.signal.reason : error;
    } finally {
      clearTimeout(timeout);
    }
  }

  private explain(error: unknown, target: NodeInfo, module: string, timeoutMs: number): unknown {
    const nodeId = this.options.cluster.nodeId;
    if (error instanceof DeclaredError) return error;
    if (error instanceof TimedOut) return executionError({ code: 'TIMEOUT', message: `node ${target.nodeId} did not answer ${module} within ${timeoutMs} ms; retry, or raise timeout`, module, nodeId: target.nodeId, retryable: true });
    if (error instanceof TransportError) return executionError({ code: 'NODE_UNAVAILABLE', message: `node ${target.nodeId} at ${target.endpoint} cannot be reached from ${nodeId}: ${error.message}; retry, or let the cluster route`, module, nodeId: target.nodeId, retryable: true });
    if (error instanceof RemoteSystemError) return executionError({ code: 'INTERNAL', message: `node ${target.nodeId} failed running ${module}: ${error.message}`, module, nodeId: target.nodeId });
    return executionError({ code: 'INTERNAL', message: `executeRemote on ${nodeId} failed: ${errorMessage(error)}`, module, nodeId });
  }

  /** Drops clients of endpoints that left the cluster. */
  prune(): void {
    this.clients.retain(this.options.cluster.nodes().map((n) => n.endpoint));
  }

  close(): Promise<void> {
    return this.clients.close();
  }
}

class TimedOut extends Error {
  override name = 'TimedOut';
  constructor() {
    super('deadline exceeded');
  }
}
