/**
 * The client side of Avro RPC over any channel: the handshake (with the server's protocol cached
 * by hash, so later calls match BOTH), request encoding, and response decoding with schema
 * resolution when the server's protocol differs from ours.
 */
import avsc from 'avsc';
import type { Protocol } from '../../../shared/avro/model.js';
import type { Channel } from './channel.js';
import { DeclaredError, ProtocolViolation, RemoteSystemError, TransportError } from './errors.js';
import { handshakeRequestType, handshakeResponseType, type HandshakeResponse } from './handshake.js';
import { ProtocolCodec, type MessageCodec } from './protocol-codec.js';
import { booleanType, encodeMeta, metaType, metaValue, Reader, stringType, type Meta } from './wire.js';
import { PROTOCOL_META, TOKEN_META } from './server.js';
import { COMPRESSION_META, COMPRESSION_OFFER } from './compression.js';

export interface ClientOptions {
  /** Sent in the handshake's meta, for servers started with a token (over TCP; HTTP uses a header). */
  token?: string;
  /** Names the served protocol when one endpoint serves several (handshake meta `spl.protocol`). */
  protocolName?: string;
}

function handshakeMetaFor(options: ClientOptions, offerCompression = false): Meta | null {
  const meta: Meta = {};
  if (offerCompression) meta[COMPRESSION_META] = Buffer.from(COMPRESSION_OFFER);
  if (options.token !== undefined) meta[TOKEN_META] = Buffer.from(options.token, 'utf8');
  if (options.protocolName !== undefined) meta[PROTOCOL_META] = Buffer.from(options.protocolName, 'utf8');
  return Object.keys(meta).length > 0 ? meta : null;
}

/**
 * Asks an endpoint for its protocol, through the handshake alone: a client protocol the server
 * cannot know makes it answer NONE with its own protocol. Nothing is called.
 */
export async function discoverProtocol(channel: Channel, options: ClientOptions = {}): Promise<ProtocolCodec> {
  const handshake = handshakeRequestType.toBuffer({
    clientHash: DISCOVERY_HASH,
    clientProtocol: null,
    serverHash: DISCOVERY_HASH,
    meta: handshakeMetaFor(options),
  });
  const ping = Buffer.concat([encodeMeta(undefined), stringType.toBuffer('')]);
  const response = await channel.send(Buffer.concat([handshake, ping]), { expectResponse: true });
  if (!response) throw new ProtocolViolation(`${channel.endpoint} sent no handshake response`);
  const answer = new Reader(response).read<HandshakeResponse>(handshakeResponseType, 'the handshake response');
  if (!answer.serverProtocol) {
    throw new ProtocolViolation(`${channel.endpoint} did not say which protocol it serves (it may serve several: name one, as URL/avro/<Protocol> or Protocol.message)`);
  }
  return ProtocolCodec.fromText(answer.serverProtocol, `the protocol of ${channel.endpoint}`);
}

/** A hash no real protocol has, so that the server answers NONE and sends its protocol. */
const DISCOVERY_HASH = Buffer.alloc(16, 0);

export interface CallOptions {
  meta?: Meta;
  signal?: AbortSignal;
  /** Milliseconds before the call fails with a TransportError. */
  timeoutMs?: number;
  /** Retries of a call whose request certainly never left (connection refused): default 1. */
  retries?: number;
}

/** Everything about one call, for tools that show it (the studio's response panel, `spl call -v`). */
export interface CallOutcome {
  response: unknown;
  meta: Meta;
  /** The handshake's answer, when this call carried a handshake. */
  handshake?: HandshakeResponse;
  requestBytes: number;
  responseBytes: number;
  durationMs: number;
}

const intType = avsc.Type.forSchema('int');

/** Message names as encoded strings, computed once per name. */
const encodedNames = new Map<string, Buffer>();
function nameBytes(name: string): Buffer {
  let bytes = encodedNames.get(name);
  if (!bytes) {
    bytes = stringType.toBuffer(name);
    if (encodedNames.size < 10_000) encodedNames.set(name, bytes);
  }
  return bytes;
}

const PING: MessageCodec = {
  name: '',
  message: { name: '', props: {}, request: [], response: { type: 'null', props: {} }, errors: [], oneWay: false },
  request: avsc.Type.forSchema({ type: 'record', fields: [] } as unknown as avsc.Schema),
  response: avsc.Type.forSchema('null'),
  errors: avsc.Type.forSchema(['string'], { wrapUnions: true }),
  oneWay: false,
};

export class RpcClient {
  readonly codec: ProtocolCodec;
  /** The server's protocol, once it told us it differs from ours. */
  private server?: ProtocolCodec;
  private serverHash: Buffer;
  private established = false;
  private handshaking?: Promise<unknown>;

  private readonly handshakeMeta: Meta | null;
  private handshakeBytes?: { key: string; bytes: Buffer };

  constructor(protocol: Protocol | ProtocolCodec, readonly channel: Channel, options: ClientOptions = {}) {
    this.codec = protocol instanceof ProtocolCodec ? protocol : new ProtocolCodec(protocol);
    this.handshakeMeta = handshakeMetaFor(options, channel.compressionOffer === true);
    this.serverHash = this.codec.hash;
    channel.onReset = () => {
      this.established = false;
    };
  }

  /** The server's protocol as we know it (ours until a handshake says otherwise). */
  get serverProtocol(): ProtocolCodec {
    return this.server ?? this.codec;
  }

  call(name: string, request: Record<string, unknown>, options: CallOptions = {}): Promise<unknown> {
    return this.callDetailed(name, request, options).then(responseOf);
  }

  /** Handshakes only: resolves when the server answered. */
  async ping(options: CallOptions = {}): Promise<CallOutcome> {
    return this.callDetailed('', {}, options);
  }

  /**
   * A proxy with one method per message: `proxy.hello({ greeting: 'hi' })`. Give it the protocol's
   * TypeScript interface (generated from the IDL) for typed calls.
   */
  proxy<Api = Record<string, (request: Record<string, unknown>, options?: CallOptions) => Promise<unknown>>>(): Api {
    const methods: Record<string, (request: Record<string, unknown>, options?: CallOptions) => Promise<unknown>> = {};
    for (const name of this.codec.messages.keys()) methods[name] = (request = {}, options) => this.call(name, request, options);
    return methods as Api;
  }

  callDetailed(name: string, request: Record<string, unknown>, options: CallOptions = {}): Promise<CallOutcome> {
    // Chained rather than awaited in a loop: every call pays for each promise on its way.
    return this.retried(this.callOnce(name, request, options), name, request, options, 0);
  }

  /** Retries only what certainly never reached the server: a call must not run twice. */
  private retried(outcome: Promise<CallOutcome>, name: string, request: Record<string, unknown>, options: CallOptions, attempt: number): Promise<CallOutcome> {
    return outcome.catch((error: unknown) => {
      if (!(error instanceof TransportError && error.notSent) || attempt >= (options.retries ?? 1) || options.signal?.aborted) throw error;
      return this.retried(this.callOnce(name, request, options), name, request, options, attempt + 1);
    });
  }

  private async callOnce(name: string, request: Record<string, unknown>, options: CallOptions): Promise<CallOutcome> {
    const local = name === '' ? PING : this.codec.messages.get(name);
    if (!local) throw new Error(`unknown message '${name}': protocol ${this.codec.fullName} has ${[...this.codec.messages.keys()].join(', ') || 'none'}`);
    // Encoding checks the value as it goes: validate separately only to explain a failure.
    let params: Buffer;
    try {
      params = local.request.toBuffer(request);
    } catch (error) {
      const problems: string[] = [];
      local.request.isValid(request, { errorHook: (path: string[]) => problems.push(path.join('.')) });
      throw new TypeError(`invalid request for '${name}': ${problems.length ? `bad value at ${problems.slice(0, 5).join(', ')}` : (error as Error).message}`, { cause: error });
    }
    const started = performance.now();
    const body = Buffer.concat([encodeMeta(options.meta), nameBytes(name), params]);
    const signal = deadline(options);
    let result: { reader: Reader; handshake?: HandshakeResponse; requestBytes: number };
    if (this.channel.stateful && this.established) {
      const response = await this.channel.send(body, { expectResponse: !local.oneWay, signal });
      result = { reader: new Reader(response ?? Buffer.alloc(0)), requestBytes: body.length };
    } else if (this.channel.stateful && this.handshaking) {
      await this.handshaking.catch(() => undefined);
      return this.callOnce(name, request, options);
    } else {
      const exchange = this.sendWithHandshake(body, signal, false);
      if (this.channel.stateful) this.handshaking = exchange;
      try {
        result = await exchange;
      } finally {
        this.handshaking = undefined;
      }
    }
    const { reader } = result;
    if (reader.buf.length === 0 && local.oneWay) {
      return { response: null, meta: {}, handshake: result.handshake, requestBytes: result.requestBytes, responseBytes: 0, durationMs: performance.now() - started };
    }
    const meta = reader.read<Meta>(metaType, 'the response metadata');
    const failed = reader.read<boolean>(booleanType, 'the error flag');
    if (!failed) {
      let response: unknown = null;
      if (local !== PING) {
        response = reader.read(local.response, `the response of '${name}'`, this.codec.resolver('response', name, this.serverProtocol));
      }
      // An explicit object: spreading one here cost more than the rest of the call's bookkeeping.
      return { response, meta, handshake: result.handshake, requestBytes: result.requestBytes, responseBytes: reader.buf.length, durationMs: performance.now() - started };
    }
    // Branch 0 of every error union is the system error string: read it without resolution, since
    // the server may not even have this message ("unknown message").
    const branchAt = reader.pos;
    if (reader.read<number>(intType, 'the error branch') === 0) throw new RemoteSystemError(reader.read<string>(stringType, 'the system error'));
    reader.pos = branchAt;
    const error = reader.read<Record<string, unknown>>(local.errors, `the error of '${name}'`, this.codec.resolver('errors', name, this.serverProtocol));
    const [type, value] = Object.entries(error)[0];
    throw new DeclaredError(type, value);
  }

  private async sendWithHandshake(body: Buffer, signal: AbortSignal | undefined, withProtocol: boolean): Promise<{ reader: Reader; handshake: HandshakeResponse; requestBytes: number }> {
    // The same bytes on every call of a stateless channel until the server's hash changes: encode once.
    const key = `${withProtocol}/${this.serverHash.toString('hex')}`;
    let handshake = this.handshakeBytes?.key === key ? this.handshakeBytes.bytes : undefined;
    if (!handshake) {
      handshake = handshakeRequestType.toBuffer({
        clientHash: this.codec.hash,
        clientProtocol: withProtocol ? this.codec.text : null,
        serverHash: this.serverHash,
        meta: this.handshakeMeta,
      });
      this.handshakeBytes = { key, bytes: handshake };
    }
    const request = Buffer.concat([handshake, body]);
    let response: Buffer | null;
    try {
      response = await this.channel.send(request, { expectResponse: true, signal });
    } catch (error) {
      // The server may have taken the handshake without our hearing back: the connection's state
      // is unknown, so start over on a fresh one.
      if (this.channel.stateful) this.channel.reset?.();
      throw error;
    }
    if (!response) throw new ProtocolViolation('the server sent no handshake response');
    const reader = new Reader(response);
    const answer = reader.read<HandshakeResponse>(handshakeResponseType, 'the handshake response');
    if (answer.serverHash && answer.serverProtocol) {
      this.serverHash = answer.serverHash;
      this.server = answer.serverHash.equals(this.codec.hash) ? undefined : ProtocolCodec.fromText(answer.serverProtocol, `the protocol of ${this.channel.endpoint}`);
    }
    if (answer.match === 'NONE') {
      if (withProtocol) throw new ProtocolViolation(`${this.channel.endpoint} does not accept protocol ${this.codec.fullName} (handshake answered NONE twice)`);
      return this.sendWithHandshake(body, signal, true);
    }
    if (this.channel.stateful) {
      this.established = true;
      if (metaValue(answer.meta, COMPRESSION_META)?.toString('utf8') === COMPRESSION_OFFER) this.channel.enableCompression?.();
    }
    return { reader, handshake: answer, requestBytes: request.length };
  }

  async close(): Promise<void> {
    await this.channel.close();
  }
}

function responseOf(outcome: CallOutcome): unknown {
  return outcome.response;
}

function deadline(options: CallOptions): AbortSignal | undefined {
  if (options.timeoutMs === undefined) return options.signal;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  return options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
}

export { TransportError };
