/**
 * The server side of Avro RPC, independent of transport: it takes one call's bytes and returns
 * the response's bytes. It serves several protocols at once (a node serves the five SPL
 * services), picks the one a call is for (from the URL, the handshake's server hash, or the
 * client protocol's name), and resolves schemas when the client's protocol differs from ours.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import avsc from 'avsc';
import type { Protocol } from '../../../shared/avro/model.js';
import { DeclaredError, errorMessage, IncompatibleProtocols, ProtocolViolation, Unauthorized } from './errors.js';
import { handshakeRequestType, handshakeResponseType, type HandshakeRequest, type HandshakeResponse } from './handshake.js';
import { ProtocolCodec, type MessageCodec } from './protocol-codec.js';
import { COMPRESSION_META, COMPRESSION_OFFER } from './compression.js';
import { booleanType, encodeMeta, metaType, metaValue, Reader, stringType, type Meta } from './wire.js';

export interface CallContext {
  /** The served protocol's full name. */
  protocol: string;
  message: string;
  /** The request's metadata. */
  meta: Meta;
  /** Metadata to send back with the response. */
  responseMeta: Meta;
  transport: string;
  /** Who is calling (address:port), when the transport knows. */
  peer?: string;
}

/** Handles one message: returns its response, or throws a DeclaredError (or any error: a system error). */
export type Handler = (request: Record<string, unknown>, context: CallContext) => unknown;

/** Runs around every call; call `next()` to go on. */
export type Middleware = (context: CallContext, request: Record<string, unknown>, next: () => Promise<unknown>) => Promise<unknown>;

interface Service {
  codec: ProtocolCodec;
  handlers: Record<string, Handler>;
}

/** What a stateful connection remembers after its handshake; stateless transports start fresh each call. */
export interface Session {
  stateful: boolean;
  transport: string;
  peer?: string;
  /** The protocol a URL path names (`POST /avro/<FullName>`). */
  protocolHint?: string;
  /** When set, the handshake must carry this token in its meta (stateful transports). */
  token?: string;
  /** Negotiated in the handshake: later packet bodies carry a compression flag (compression.ts). */
  compress?: boolean;
  established?: { client: ProtocolCodec; service: Service };
}

const MAX_CACHED_CLIENT_PROTOCOLS = 1024;

/** Handshake meta keys this runtime understands (the spec reserves `meta` for such extensions). */
export const TOKEN_META = 'token';
/** Names the protocol a call is for, when one connection could mean several (`spl call` over TCP). */
export const PROTOCOL_META = 'spl.protocol';

export class RpcServer {
  private readonly services = new Map<string, Service>();
  private readonly byHash = new Map<string, Service>();
  private readonly clientProtocols = new Map<string, ProtocolCodec>();
  private readonly middleware: Middleware[] = [];

  /** Serves a protocol; handlers are looked up by message name at call time. */
  addService(protocol: Protocol | ProtocolCodec, handlers: Record<string, Handler>): ProtocolCodec {
    const codec = protocol instanceof ProtocolCodec ? protocol : new ProtocolCodec(protocol);
    const service = { codec, handlers };
    this.services.set(codec.fullName, service);
    this.byHash.set(codec.hashKey, service);
    return codec;
  }

  use(middleware: Middleware): void {
    this.middleware.push(middleware);
  }

  get protocols(): ProtocolCodec[] {
    return [...this.services.values()].map((s) => s.codec);
  }

  /** A client protocol by the hash its client sent: one we serve, or one a client sent before. */
  private clientProtocol(hashKey: string): ProtocolCodec | undefined {
    const served = this.byHash.get(hashKey);
    if (served) return served.codec;
    const known = this.clientProtocols.get(hashKey);
    if (known) {
      // Most recently used last: the cache forgets the protocols no client sends any more.
      this.clientProtocols.delete(hashKey);
      this.clientProtocols.set(hashKey, known);
    }
    return known;
  }

  private rememberClient(hashKey: string, codec: ProtocolCodec): void {
    if (this.clientProtocols.size >= MAX_CACHED_CLIENT_PROTOCOLS) {
      const oldest = this.clientProtocols.keys().next().value;
      if (oldest !== undefined) this.clientProtocols.delete(oldest);
    }
    this.clientProtocols.set(hashKey, codec);
  }

  /** A served protocol by full name, or by simple name when that is unambiguous. */
  private byName(name: string): Service | undefined {
    const exact = this.services.get(name);
    if (exact) return exact;
    const matches = [...this.services.values()].filter((s) => s.codec.protocol.protocol === name);
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** The served protocol a call is for, or undefined when it cannot be told yet. */
  private pick(session: Session, serverHash: Buffer, client?: ProtocolCodec, metaHint?: string): Service | undefined {
    const hint = session.protocolHint ?? metaHint;
    if (hint) return this.byName(hint);
    const byHash = this.byHash.get(serverHash.toString('hex'));
    if (byHash) return byHash;
    if (client) {
      const byName = this.services.get(client.fullName);
      if (byName) return byName;
    }
    return this.services.size === 1 ? this.services.values().next().value : undefined;
  }

  /**
   * Handles one call. Returns the response body, or null when none is due (a one-way message on
   * an established stateful connection). Throws ProtocolViolation on bytes it cannot read.
   */
  async handle(body: Buffer, session: Session): Promise<Buffer | null> {
    const reader = new Reader(body);
    let handshake: Buffer | undefined;
    let client: ProtocolCodec;
    let service: Service;
    if (session.established) {
      ({ client, service } = session.established);
    } else {
      const request = reader.read<HandshakeRequest>(handshakeRequestType, 'the handshake request');
      // Before anything costs us work (parsing a client protocol, caching it).
      if (session.token !== undefined) {
        const token = metaValue(request.meta, TOKEN_META);
        if (!tokenMatches(token, session.token)) throw new Unauthorized(`${token ? 'wrong' : 'missing'} token: this server requires one, sent in the handshake meta as "${TOKEN_META}"`);
      }
      const clientHash = request.clientHash.toString('hex');
      let known = this.clientProtocol(clientHash);
      if (!known && request.clientProtocol !== null) {
        try {
          known = ProtocolCodec.fromText(request.clientProtocol, 'the client protocol');
        } catch (error) {
          throw new ProtocolViolation(`the client protocol in the handshake cannot be read: ${errorMessage(error)}`);
        }
        // The client names its protocol by the hash it sent, whatever text we would hash.
        this.rememberClient(clientHash, known);
      }
      const metaHint = metaValue(request.meta, PROTOCOL_META)?.toString('utf8');
      const picked = this.pick(session, request.serverHash, known, metaHint);
      const hint = session.protocolHint ?? metaHint;
      if (hint && !picked) throw new ProtocolViolation(`this node does not serve protocol ${hint}; it serves ${[...this.services.keys()].join(', ')}`);
      if (!known || !picked) {
        // NONE: the client must send its protocol again, with the text this time.
        const none: HandshakeResponse = { match: 'NONE', serverProtocol: picked?.codec.text ?? null, serverHash: picked?.codec.hash ?? null, meta: null };
        return handshakeResponseType.toBuffer(none);
      }
      client = known;
      service = picked;
      const both = request.serverHash.equals(service.codec.hash);
      // A stateful client may offer compression; accepting it is echoing the offer.
      const compress = session.stateful && metaValue(request.meta, COMPRESSION_META)?.toString('utf8') === COMPRESSION_OFFER;
      const answerMeta = compress ? { [COMPRESSION_META]: Buffer.from(COMPRESSION_OFFER) } : null;
      const response: HandshakeResponse = both
        ? { match: 'BOTH', serverProtocol: null, serverHash: null, meta: answerMeta }
        : { match: 'CLIENT', serverProtocol: service.codec.text, serverHash: service.codec.hash, meta: answerMeta };
      if (compress) session.compress = true;
      // The common answer (BOTH, nothing more) is the same bytes every time.
      handshake = both && !answerMeta ? BOTH_BYTES : handshakeResponseType.toBuffer(response);
      if (session.stateful) session.established = { client, service };
    }

    const meta = reader.read<Meta>(metaType, 'the request metadata');
    const name = reader.read<string>(stringType, 'the message name');
    const context: CallContext = { protocol: service.codec.fullName, message: name, meta, responseMeta: {}, transport: session.transport, peer: session.peer };
    if (name === '') return this.respond(handshake, context, encodeOk(NULL_TYPE, null));

    const local = service.codec.messages.get(name);
    if (!local) {
      const known = [...service.codec.messages.keys()].join(', ') || 'none';
      return this.respond(handshake, context, encodeSystemError(`unknown message '${name}': protocol ${service.codec.fullName} has ${known}`));
    }
    const theirs = client.messages.get(name);
    if (!theirs) return this.respond(handshake, context, encodeSystemError(`message '${name}' is not in the client's protocol ${client.fullName}`));
    let resolver: avsc.Resolver | undefined;
    try {
      resolver = service.codec.resolver('request', name, client);
    } catch (error) {
      const why = error instanceof IncompatibleProtocols ? errorMessage(error) : `the parameters of '${name}' as the client's protocol ${client.fullName} writes them cannot be read as ${service.codec.fullName} declares them: ${errorMessage(error)}`;
      return this.respond(handshake, context, encodeSystemError(why));
    }
    const request = reader.read<Record<string, unknown>>(local.request, `the parameters of '${name}'`, resolver);
    if (!reader.atEnd) throw new ProtocolViolation(`${reader.buf.length - reader.pos} unexpected bytes after the parameters of '${name}' (from byte ${reader.pos})`);

    // A one-way call on an established connection gets no answer; one that carried the handshake
    // does (as Java's Responder does), or its client would never learn the handshake's outcome.
    const silent = local.oneWay && session.stateful && !handshake;
    let outcome: Buffer;
    try {
      const handler = Object.prototype.hasOwnProperty.call(service.handlers, name) ? service.handlers[name] : undefined;
      const result = await this.run(local, request, context, handler);
      if (silent) return null;
      outcome = encodeResult(local, local.oneWay ? null : result);
    } catch (error) {
      if (silent) return null;
      outcome = encodeError(local, error);
    }
    return this.respond(handshake, context, outcome);
  }

  /**
   * Runs one message's handler (through the middleware) with a value as it is, no bytes involved:
   * in-process calls. Resolves with what the handler returned; rejects with what it threw (a
   * DeclaredError as it is). The caller checks values against the schemas.
   */
  async invoke(protocol: string, name: string, request: Record<string, unknown>, call: { meta?: Meta; transport?: string; peer?: string } = {}): Promise<unknown> {
    const service = this.byName(protocol);
    if (!service) throw new Error(`this node does not serve protocol ${protocol}; it serves ${[...this.services.keys()].join(', ') || 'nothing'}`);
    const local = service.codec.messages.get(name);
    if (!local) throw new Error(`unknown message '${name}': protocol ${service.codec.fullName} has ${[...service.codec.messages.keys()].join(', ') || 'none'}`);
    const context: CallContext = { protocol: service.codec.fullName, message: name, meta: call.meta ?? {}, responseMeta: {}, transport: call.transport ?? 'in-process', peer: call.peer };
    const handler = Object.prototype.hasOwnProperty.call(service.handlers, name) ? service.handlers[name] : undefined;
    return this.run(local, request, context, handler);
  }

  private respond(handshake: Buffer | undefined, context: CallContext, outcome: Buffer): Buffer {
    let meta: Buffer;
    try {
      meta = encodeMeta(context.responseMeta);
    } catch (error) {
      meta = encodeMeta(undefined);
      outcome = encodeSystemError(`the response metadata of '${context.message}' cannot be encoded (values must be bytes): ${errorMessage(error)}`);
    }
    return handshake ? Buffer.concat([handshake, meta, outcome]) : Buffer.concat([meta, outcome]);
  }

  private async run(local: MessageCodec, request: Record<string, unknown>, context: CallContext, handler: Handler | undefined): Promise<unknown> {
    if (!handler) throw new Error(`message '${local.name}' of ${context.protocol} has no handler on this node`);
    if (typeof handler !== 'function') throw new Error(`the handler of '${local.name}' of ${context.protocol} is not a function`);
    if (this.middleware.length === 0) return handler(request, context);
    let index = 0;
    const next = async (): Promise<unknown> => {
      const middleware = this.middleware[index++];
      return middleware ? middleware(context, request, next) : handler(request, context);
    };
    return next();
  }
}

function encodeOk(type: avsc.Type, value: unknown): Buffer {
  return Buffer.concat([booleanType.toBuffer(false), type.toBuffer(value)]);
}

function encodeResult(local: MessageCodec, result: unknown): Buffer {
  // Encoding checks the value as it goes: validate separately only to explain a failure.
  try {
    return encodeOk(local.response, result);
  } catch (error) {
    const problems: string[] = [];
    if (!local.response.isValid(result, { errorHook: (path: string[]) => problems.push(path.join('.') || '(the response)') })) {
      return encodeSystemError(`the handler of '${local.name}' returned an invalid response at ${problems.slice(0, 3).join(', ')}`);
    }
    return encodeSystemError(`the handler of '${local.name}' returned a response that cannot be encoded: ${errorMessage(error)}`);
  }
}

/**
 * A whole response (no handshake) carrying a system error: what a stateful transport answers to a
 * call it could not read on an established connection, whose framing says where the next begins.
 */
export function systemErrorResponse(message: string): Buffer {
  return Buffer.concat([encodeMeta(undefined), encodeSystemError(message)]);
}

function encodeSystemError(message: string): Buffer {
  return Buffer.concat([booleanType.toBuffer(true), UNION_STRING_BRANCH, stringType.toBuffer(message)]);
}

const BOTH_BYTES = handshakeResponseType.toBuffer({ match: 'BOTH', serverProtocol: null, serverHash: null, meta: null });

/** The union index of the `string` branch (0) in an error union. */
const UNION_STRING_BRANCH = Buffer.from([0]);
/** A ping's response: null. */
const NULL_TYPE = avsc.Type.forSchema('null');

function encodeError(local: MessageCodec, error: unknown): Buffer {
  if (error instanceof DeclaredError) {
    const declared = local.message.errors.find((e) => 'fullName' in e && (e.fullName === error.type || e.name === error.type));
    if (declared && 'fullName' in declared) {
      try {
        const value = { [declared.fullName]: error.value };
        if (local.errors.isValid(value)) return Buffer.concat([booleanType.toBuffer(true), local.errors.toBuffer(value)]);
      } catch {
        // Not encodable: said below.
      }
      return encodeSystemError(`the handler of '${local.name}' threw ${declared.fullName} with an invalid value`);
    }
    return encodeSystemError(`${error.type} is not declared by '${local.name}': ${errorMessage(error)}`);
  }
  if (error instanceof Error || typeof error === 'string') return encodeSystemError(errorMessage(error));
  return encodeSystemError(`the handler of '${local.name}' failed, throwing ${errorMessage(error)} (not an Error)`);
}

/** Whether a presented token is the expected one, in time that does not depend on where they differ. */
export function tokenMatches(given: Buffer | string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
