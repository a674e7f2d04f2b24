/**
 * The server side of Avro RPC, independent of transport: it takes one call's bytes and returns
 * the response's bytes. It serves several protocols at once (a node serves the five SPL
 * services), picks the one a call is for (from the URL, the handshake's server hash, or the
 * client protocol's name), and resolves schemas when the client's protocol differs from ours.
 */
import avsc from 'avsc';
import type { Protocol } from '../../../shared/avro/model.js';
import { DeclaredError, ProtocolViolation } from './errors.js';
import { handshakeRequestType, handshakeResponseType, type HandshakeRequest, type HandshakeResponse } from './handshake.js';
import { ProtocolCodec, type MessageCodec } from './protocol-codec.js';
import { booleanType, encodeMeta, metaType, Reader, stringType, type Meta } from './wire.js';

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
  established?: { client: ProtocolCodec; service: Service };
}

const MAX_CACHED_CLIENT_PROTOCOLS = 1024;

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
    this.rememberClient(codec);
    return codec;
  }

  use(middleware: Middleware): void {
    this.middleware.push(middleware);
  }

  get protocols(): ProtocolCodec[] {
    return [...this.services.values()].map((s) => s.codec);
  }

  private rememberClient(codec: ProtocolCodec): void {
    if (this.clientProtocols.size >= MAX_CACHED_CLIENT_PROTOCOLS) {
      const oldest = this.clientProtocols.keys().next().value;
      if (oldest !== undefined) this.clientProtocols.delete(oldest);
    }
    this.clientProtocols.set(codec.hashKey, codec);
  }

  /** The served protocol a call is for, or undefined when it cannot be told yet. */
  private pick(session: Session, serverHash: Buffer, client?: ProtocolCodec): Service | undefined {
    if (session.protocolHint) return this.services.get(session.protocolHint);
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
      let known = this.clientProtocols.get(request.clientHash.toString('hex'));
      if (!known && request.clientProtocol !== null) {
        try {
          known = ProtocolCodec.fromText(request.clientProtocol, 'the client protocol');
        } catch (error) {
          throw new ProtocolViolation(`the client protocol in the handshake cannot be read: ${(error as Error).message}`);
        }
        // The client names its protocol by the hash it sent, whatever text we would hash.
        this.clientProtocols.set(request.clientHash.toString('hex'), known);
      }
      const picked = this.pick(session, request.serverHash, known);
      if (session.protocolHint && !picked) throw new ProtocolViolation(`this node does not serve protocol ${session.protocolHint}; it serves ${[...this.services.keys()].join(', ')}`);
      if (!known || !picked) {
        // NONE: the client must send its protocol again, with the text this time.
        const none: HandshakeResponse = { match: 'NONE', serverProtocol: picked?.codec.text ?? null, serverHash: picked?.codec.hash ?? null, meta: null };
        return handshakeResponseType.toBuffer(none);
      }
      client = known;
      service = picked;
      const both = request.serverHash.equals(service.codec.hash);
      const response: HandshakeResponse = both
        ? { match: 'BOTH', serverProtocol: null, serverHash: null, meta: null }
        : { match: 'CLIENT', serverProtocol: service.codec.text, serverHash: service.codec.hash, meta: null };
      handshake = handshakeResponseType.toBuffer(response);
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
    const resolvers = service.codec.resolversFor(name, client);
    if (!resolvers) return this.respond(handshake, context, encodeSystemError(`message '${name}' is not in the client's protocol ${client.fullName}`));
    const request = reader.read<Record<string, unknown>>(local.request, `the parameters of '${name}'`, resolvers.request);

    let outcome: Buffer;
    try {
      const result = await this.run(local, request, context, service.handlers[name]);
      if (local.oneWay && session.stateful) return null;
      outcome = encodeResult(local, local.oneWay ? null : result);
    } catch (error) {
      if (local.oneWay && session.stateful) return null;
      outcome = encodeError(local, error);
    }
    return this.respond(handshake, context, outcome);
  }

  private respond(handshake: Buffer | undefined, context: CallContext, outcome: Buffer): Buffer {
    const meta = encodeMeta(context.responseMeta);
    return handshake ? Buffer.concat([handshake, meta, outcome]) : Buffer.concat([meta, outcome]);
  }

  private async run(local: MessageCodec, request: Record<string, unknown>, context: CallContext, handler: Handler | undefined): Promise<unknown> {
    if (!handler) throw new Error(`message '${local.name}' of ${context.protocol} has no handler on this node`);
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
  const problems: string[] = [];
  if (!local.response.isValid(result, { errorHook: (path: string[]) => problems.push(path.join('.') || '(the response)') })) {
    return encodeSystemError(`the handler of '${local.name}' returned an invalid response at ${problems.slice(0, 3).join(', ')}`);
  }
  return encodeOk(local.response, result);
}

function encodeSystemError(message: string): Buffer {
  return Buffer.concat([booleanType.toBuffer(true), UNION_STRING_BRANCH, stringType.toBuffer(message)]);
}

/** The union index of the `string` branch (0) in an error union. */
const UNION_STRING_BRANCH = Buffer.from([0]);
/** A ping's response: null. */
const NULL_TYPE = avsc.Type.forSchema('null');

function encodeError(local: MessageCodec, error: unknown): Buffer {
  if (error instanceof DeclaredError) {
    const declared = local.message.errors.find((e) => 'fullName' in e && (e.fullName === error.type || e.name === error.type));
    if (declared && 'fullName' in declared) {
      const value = { [declared.fullName]: error.value };
      if (local.errors.isValid(value)) return Buffer.concat([booleanType.toBuffer(true), local.errors.toBuffer(value)]);
      return encodeSystemError(`the handler of '${local.name}' threw ${declared.fullName} with an invalid value`);
    }
    return encodeSystemError(`${error.type} is not declared by '${local.name}': ${error.message}`);
  }
  return encodeSystemError(error instanceof Error ? error.message : String(error));
}
