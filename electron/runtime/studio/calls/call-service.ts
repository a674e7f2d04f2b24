/**
 * The StudioApi's `call` group: one message of a node, with Avro JSON text in and out, and
 * everything the response panel shows (outcome, timing, sizes, the frames as they crossed the
 * wire, the handshake, the response metadata). A call resolves whatever its outcome; it rejects
 * only for arguments that make no sense (an id already in flight, an unknown connection or
 * node). Every call that resolves is in the history, and its result names the entry.
 */
import { AvroValueError } from '../../../../shared/avro/avro-json.js';
import type { Message } from '../../../../shared/avro/model.js';
import { toJsonText } from '../../../../shared/avro/json-text.js';
import { StudioError, type CallRequest, type CallResult, type HistoryEntry, type StudioApi } from '../../../../shared/studio/api.js';
import type { CallOutcome } from '../../rpc/client.js';
import { errorMessage } from '../../rpc/errors.js';
import type { ProtocolCodec } from '../../rpc/protocol-codec.js';
import type { Meta } from '../../rpc/wire.js';
import type { CallTarget, CallTargets } from '../call-target.js';
import { untilAborted } from '../node-calls.js';
import { findMessage, noSuchMessage, parseRequest, responseJson } from '../../rpc/avro-call.js';
import type { MapEntry } from './byte-cursor.js';
import { CallClients, type CallClient } from './call-clients.js';
import { callFailure, stoppedFailure, transportMessage, type CallFailure } from './call-failure.js';
import { callWire, type CallWire } from './call-frames.js';
import type { HistoryStore } from './history-store.js';
import { CallRecording, recordCall } from './recording-channel.js';

export interface CallServiceOptions {
  targets: CallTargets;
  history: HistoryStore;
  log?: (message: string) => void;
}

/** What is known of a call so far, for its result. */
interface CallStart {
  request: CallRequest;
  connectionName: string;
  endpoint: string;
  startedAt: number;
  /** performance.now() at the start, for the duration. */
  started: number;
}

export class CallService {
  readonly api: Pick<StudioApi, 'call'>;
  private readonly inFlight = new Map<string, AbortController>();
  private readonly clients = new CallClients();
  private readonly log: (message: string) => void;
  private closed = false;

  constructor(private readonly options: CallServiceOptions) {
    this.log = options.log ?? ((message) => process.stderr.write(message + '\n'));
    this.api = {
      call: {
        send: (request) => this.send(request),
        cancel: async (callId) => this.cancel(callId),
      },
    };
  }

  async send(request: CallRequest): Promise<CallResult> {
    if (this.closed) throw new StudioError('internal', 'call.send: the studio is shutting down; calls are no longer taken');
    if (this.inFlight.has(request.callId)) {
      throw new StudioError('invalid-argument', `call.send: a call with id ${JSON.stringify(request.callId)} is already in flight; give each call its own id`);
    }
    const cancel = new AbortController();
    this.inFlight.set(request.callId, cancel);
    try {
      return await this.run(request, cancel.signal);
    } finally {
      this.inFlight.delete(request.callId);
    }
  }

  /** Ends a call in flight (it resolves as `cancelled`); an unknown or finished id is ignored. */
  cancel(callId: string): void {
    this.inFlight.get(callId)?.abort();
  }

  /** Cancels the calls in flight and closes every connection. */
  async close(): Promise<void> {
    this.closed = true;
    for (const call of this.inFlight.values()) call.abort();
    await this.clients.close();
  }

  private async run(request: CallRequest, cancelled: AbortSignal): Promise<CallResult> {
    const startedAt = Date.now();
    const started = performance.now();
    const signal = request.deadlineMs !== undefined ? AbortSignal.any([cancelled, AbortSignal.timeout(request.deadlineMs)]) : cancelled;
    const stopped = (): 'cancelled' | 'timeout' | undefined => (cancelled.aborted ? 'cancelled' : signal.aborted ? 'timeout' : undefined);

    let target: CallTarget;
    try {
      target = await this.options.targets.resolveTarget(request.connectionId, request.nodeId);
    } catch (error) {
      if (error instanceof StudioError) throw error;
      const start: CallStart = { request, connectionName: request.connectionId, endpoint: `${request.connectionId}/${request.nodeId}`, startedAt, started };
      return this.finish(start, { outcome: 'transport-error', message: `cannot find where node ${request.nodeId} of ${request.connectionId} answers: ${errorMessage(error)}` });
    }
    const start: CallStart = { request, connectionName: target.connectionName, endpoint: target.endpoint, startedAt, started };

    let codec: ProtocolCodec;
    try {
      codec = await untilAborted(target.protocol(request.protocol), signal);
    } catch (error) {
      const why = stopped();
      if (why) return this.finish(start, stoppedFailure(why, target.endpoint, request.deadlineMs));
      if (error instanceof StudioError && (error.code === 'not-found' || error.code === 'invalid-argument')) return this.finish(start, { outcome: 'invalid-request', message: error.message });
      return this.finish(start, { outcome: 'transport-error', message: `cannot learn ${request.protocol} from ${transportMessage(error, target.endpoint)}` });
    }
    const message = findMessage(codec, request.message);
    if (!message) return this.finish(start, { outcome: 'invalid-request', message: noSuchMessage(codec, request.message) });
    let params: Record<string, unknown>;
    try {
      params = parseRequest(message, request.body);
    } catch (error) {
      if (!(error instanceof AvroValueError)) throw error;
      return this.finish(start, { outcome: 'invalid-request', message: `the request does not fit the parameters of ${request.message}: ${error.message}` });
    }
    let client: CallClient;
    try {
      client = this.clients.get(target, codec);
    } catch (error) {
      return this.finish(start, { outcome: 'transport-error', message: errorMessage(error) });
    }

    const recording = new CallRecording();
    let outcome: CallOutcome | undefined;
    let failure: unknown;
    try {
      outcome = await recordCall(recording, () => client.client.callDetailed(request.message, params, { meta: metaOf(request.metadata), signal }));
    } catch (error) {
      failure = error;
    }
    const wire = callWire(recording, client.channel.stateful, codec);
    if (wire.handshake) client.lastHandshake = wire.handshake;
    // A TCP call that went out without a handshake rode an established connection: show the one it stands on.
    const reused = client.channel.stateful && recording.exchanges.length > 0 && !wire.handshakeSent;
    const handshake = wire.handshake ?? (reused && client.lastHandshake ? { ...client.lastHandshake, onThisCall: false } : undefined);
    const result = outcome ? answer(message, outcome, target.endpoint) : callFailure(failure, { endpoint: target.endpoint, message, stopped: stopped(), deadlineMs: request.deadlineMs });
    const responseMetadata = outcome ? metaText(Object.entries(outcome.meta)) : metaText((wire.responseMeta ?? []).map((e: MapEntry) => [e.key, e.value] as const));
    return this.finish(start, result, wire, handshake, responseMetadata);
  }

  /** The result, recorded in the history. */
  private async finish(start: CallStart, failureOrAnswer: CallFailure, wire?: CallWire, handshake?: CallResult['handshake'], responseMetadata: Record<string, string> = {}): Promise<CallResult> {
    const { request } = start;
    const result: Omit<CallResult, 'callId' | 'historyId'> = {
      ...failureOrAnswer,
      endpoint: start.endpoint,
      startedAt: start.startedAt,
      durationMs: performance.now() - start.started,
      requestBytes: wire?.requestBytes ?? 0,
      responseBytes: wire?.responseBytes ?? 0,
      frames: wire?.frames ?? [],
      ...(handshake ? { handshake } : {}),
      responseMetadata,
    };
    const { callId: _callId, ...sent } = request;
    let entry: HistoryEntry | undefined;
    try {
      entry = await this.options.history.record({ at: start.startedAt, request: sent, connectionName: start.connectionName, result });
    } catch (error) {
      // The store keeps disk trouble to itself; anything else must not cost the user the result.
      this.log(`studio: a call could not be recorded in the history: ${errorMessage(error)}`);
    }
    return { callId: request.callId, historyId: entry?.id ?? '', ...result };
  }
}

/** An ok outcome as Avro JSON text. */
function answer(message: Message, outcome: CallOutcome, endpoint: string): CallFailure {
  try {
    return { outcome: 'ok', body: toJsonText(responseJson(message, outcome.response)) };
  } catch (error) {
    return { outcome: 'transport-error', message: `${endpoint} answered, but its response cannot be shown as ${message.name}'s response: ${errorMessage(error)}` };
  }
}

function metaOf(metadata: Record<string, string> | undefined): Meta | undefined {
  if (!metadata) return undefined;
  const meta: Meta = {};
  for (const [key, value] of Object.entries(metadata)) meta[key] = Buffer.from(value, 'utf8');
  return meta;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Metadata values as UTF-8 text where they are, else `0x` and hex. */
function metaText(entries: Iterable<readonly [string, Uint8Array]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of entries) {
    let text: string;
    try {
      text = utf8.decode(value);
    } catch {
      text = '0x' + Buffer.from(value).toString('hex');
    }
    Object.defineProperty(out, key, { value: text, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
