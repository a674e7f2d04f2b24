/**
 * A node's service as the studio's tools reach it: where the node is (CallTargets, with the
 * token and CA its connection gives it), the protocol as that node serves it (from its
 * handshake, cached), and a client kept for the next request (CallClients), each failure said
 * as a StudioError that names the request. The pipelines and containers groups stand on it;
 * the call service takes its own steps (it answers failures as results, not errors) but waits
 * on the node the same way (`untilAborted`).
 */
import type { Message } from '../../../shared/avro/model.js';
import { StudioError } from '../../../shared/studio/api.js';
import type { RpcClient } from '../rpc/client.js';
import { errorMessage } from '../rpc/errors.js';
import type { ProtocolCodec } from '../rpc/protocol-codec.js';
import type { CallTarget, CallTargets } from './call-target.js';
import { findMessage, noSuchMessage } from '../rpc/avro-call.js';
import { CallClients } from './calls/call-clients.js';
import { nodeRequestError } from './connections/reach-errors.js';

export interface NodeService {
  target: CallTarget;
  codec: ProtocolCodec;
  client: RpcClient;
}

export class NodeCalls {
  private readonly clients = new CallClients();
  private closed = false;

  /** `group`: the API group, for the message when the studio is closing ("containers"). */
  constructor(private readonly targets: CallTargets, private readonly group: string) {}

  /** The node's `protocol`, its target and a client to it; `what` names the request in every failure. */
  async open(what: string, connectionId: string, nodeId: string, protocol: string): Promise<NodeService> {
    const target = await this.target(connectionId, nodeId, what);
    const codec = await this.protocol(what, target, protocol);
    return { target, codec, client: this.client(what, target, codec) };
  }

  /** Where the node answers; `what`, when given, names the request in the failure. */
  async target(connectionId: string, nodeId: string, what?: string): Promise<CallTarget> {
    if (this.closed) throw new StudioError('internal', `${this.group}: the studio is shutting down; requests are no longer taken`);
    try {
      return await this.targets.resolveTarget(connectionId, nodeId);
    } catch (error) {
      if (error instanceof StudioError) throw error;
      const prefix = what !== undefined ? `${what}: ` : '';
      throw new StudioError('io', `${prefix}cannot find where node '${nodeId}' of connection '${connectionId}' answers: ${errorMessage(error)}`);
    }
  }

  /** The protocol `fullName` as the node serves it (its handshake, cached by the target). */
  async protocol(what: string, target: CallTarget, fullName: string): Promise<ProtocolCodec> {
    try {
      return await target.protocol(fullName);
    } catch (error) {
      throw nodeRequestError(`${what}: cannot learn ${fullName}`, target.endpoint, error);
    }
  }

  /** The client kept for this target's protocol. */
  client(what: string, target: CallTarget, codec: ProtocolCodec): RpcClient {
    try {
      return this.clients.get(target, codec).client;
    } catch (error) {
      // The endpoint is no node URL (the connection manager checks them; a stale one may slip by).
      throw new StudioError('io', `${what}: ${errorMessage(error)}`);
    }
  }

  /** The node's message `name`, or a StudioError saying the node speaks another version. */
  message(service: NodeService, name: string, what: string): Message {
    const found = findMessage(service.codec, name);
    if (!found) throw new StudioError('io', `${what}: ${noSuchMessage(service.codec, name)}: update the node or the studio so that both speak the same SPL version`);
    return found;
  }

  /** Takes no more requests; the clients stay open for the work in progress until `close`. */
  refuse(): void {
    this.closed = true;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.clients.close();
  }
}

/** `work`, or a rejection (with `reason()`, else the signal's reason) as soon as `signal` aborts; the work itself goes on, unheard. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal, reason: () => unknown = () => signal.reason): Promise<T> {
  if (signal.aborted) return Promise.reject(reason());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(reason());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
