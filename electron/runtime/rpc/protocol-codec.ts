/**
 * A protocol ready for the wire: its JSON text and MD5 hash, and for each message the avsc types
 * that encode its request (the parameters as a record), its response and its error union
 * (`string` first, for system errors, then the declared errors). Values are avsc values with
 * wrapped unions (`{ "string": "x" }`) and exact longs: the shape of Avro's JSON encoding.
 */
import avsc from 'avsc';
import type { Message, Protocol } from '../../../shared/avro/model.js';
import { protocolToJson } from '../../../shared/avro/schema-writer.js';
import { toJsonText } from '../../../shared/avro/json-text.js';
import { readProtocolJson } from '../../../shared/avro/schema-reader.js';
import { exactLongHook } from './exact-long.js';
import { protocolHash } from './handshake.js';
import { IncompatibleProtocols } from './errors.js';

export interface MessageCodec {
  name: string;
  message: Message;
  request: avsc.Type;
  response: avsc.Type;
  errors: avsc.Type;
  oneWay: boolean;
}

export class ProtocolCodec {
  /** The protocol's full name (`namespace.Name`). */
  readonly fullName: string;
  /** The JSON text sent in handshakes. */
  readonly text: string;
  readonly hash: Buffer;
  /** The hash as hex, for maps. */
  readonly hashKey: string;
  readonly messages = new Map<string, MessageCodec>();
  private readonly resolvers = new Map<string, avsc.Resolver>();

  constructor(readonly protocol: Protocol, text?: string) {
    this.fullName = protocol.namespace ? `${protocol.namespace}.${protocol.protocol}` : protocol.protocol;
    const written = protocolToJson(protocol);
    const json = written as unknown as { types: unknown[]; messages: Record<string, { request: unknown[]; response: unknown; errors?: unknown[] }> };
    this.text = text ?? toJsonText(written, 0);
    this.hash = protocolHash(this.text);
    this.hashKey = this.hash.toString('hex');
    const options = { namespace: protocol.namespace, registry: {}, wrapUnions: true, typeHook: exactLongHook() };
    for (const type of json.types) avsc.Type.forSchema(type as avsc.Schema, options);
    for (const message of protocol.messages) {
      const m = json.messages[message.name];
      this.messages.set(message.name, {
        name: message.name,
        message,
        // The parameters as an anonymous record: no name that could collide with a declared type.
        request: avsc.Type.forSchema({ type: 'record', fields: m.request } as avsc.Schema, options),
        response: avsc.Type.forSchema(m.response as avsc.Schema, options),
        errors: avsc.Type.forSchema(['string', ...(m.errors ?? [])] as avsc.Schema, options),
        oneWay: message.oneWay,
      });
    }
  }

  /** A protocol received in a handshake: its text is kept as sent, since its hash names it. */
  static fromText(text: string, origin = 'handshake'): ProtocolCodec {
    return new ProtocolCodec(readProtocolJson(text, { file: origin }), text);
  }

  /**
   * The resolver to read the `part` of message `name` that `writer`'s protocol wrote, with this
   * protocol's types (Avro schema resolution: added fields with defaults, promotions, aliases).
   * Undefined when no resolution is needed; cached; a clear error when the two cannot be reconciled.
   */
  resolver(part: 'request' | 'response' | 'errors', name: string, writer: ProtocolCodec): avsc.Resolver | undefined {
    if (writer === this || writer.hashKey === this.hashKey) return undefined;
    const key = `${writer.hashKey}/${part}/${name}`;
    const cached = this.resolvers.get(key);
    if (cached) return cached;
    const mine = this.messages.get(name);
    const theirs = writer.messages.get(name);
    if (!mine || !theirs) throw new IncompatibleProtocols(`message '${name}' is not in both ${this.fullName} and the peer's ${writer.fullName}`);
    let resolver: avsc.Resolver;
    try {
      resolver = mine[part].createResolver(theirs[part]);
    } catch (error) {
      throw new IncompatibleProtocols(`the ${part === 'errors' ? 'errors' : part} of '${name}' as the peer's ${writer.fullName} writes them cannot be read as ours: ${(error as Error).message}`);
    }
    this.resolvers.set(key, resolver);
    return resolver;
  }
}
