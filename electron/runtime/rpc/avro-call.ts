/**
 * One message's values between Avro JSON text and the engine, for tools where people type the
 * request and read the answer: the studio's composer and `spl call`. Longs stay exact both ways
 * (bigints beyond 2^53), and a request that does not fit says where (line:col and field path).
 */
import { isNamed, requestSchema, type JsonValue, type Message } from '../../../shared/avro/model.js';
import { parseAvroJsonText, toAvroJson, type RuntimeValue } from '../../../shared/avro/avro-json.js';
import { asEngineValue } from './engine-value.js';
import type { ProtocolCodec } from './protocol-codec.js';
import type { DeclaredError } from './errors.js';

/** A protocol's message by name, or undefined; see `noSuchMessage` for what to tell people. */
export function findMessage(codec: ProtocolCodec, name: string): Message | undefined {
  return codec.protocol.messages.find((m) => m.name === name);
}

/** "P has no message 'x'; it has a, b": what exists, so the user can pick. */
export function noSuchMessage(codec: ProtocolCodec, name: string): string {
  const names = codec.protocol.messages.map((m) => m.name);
  return `${codec.fullName} has no message '${name}'; it has ${names.length > 0 ? names.join(', ') : 'none'}`;
}

/**
 * The request text (an object with one member per parameter) as the engine's value. Throws
 * AvroValueError, whose message starts with `line:col:` and names the field path.
 */
export function parseRequest(message: Message, text: string): Record<string, unknown> {
  return asEngineValue(parseAvroJsonText(requestSchema(message), text)) as Record<string, unknown>;
}

/** The response as Avro JSON. */
export function responseJson(message: Message, value: unknown): JsonValue {
  return toAvroJson(message.response, value as RuntimeValue);
}

/** A declared error's value as Avro JSON (null when the message does not declare that type). */
export function declaredErrorJson(message: Message | undefined, error: DeclaredError): JsonValue {
  const schema = message?.errors.find((e) => isNamed(e) && e.fullName === error.type);
  return schema ? toAvroJson(schema, error.value as RuntimeValue) : null;
}
