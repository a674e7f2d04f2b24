/**
 * A client of an Avro protocol with plain values (modules/plain-value.ts): one method per
 * message, taking the message's parameters in order (`write(request)`, `getModuleSchema(module)`)
 * and resolving with its plain response. Requests are checked before they leave, so a wrong
 * value fails with its field path and expected type whatever carries the call (the in-process
 * transport or RpcClient over HTTP/TCP); declared errors come back with plain values too.
 */
import { AvroValueError } from '../../../shared/avro/avro-json.js';
import { isNamed, requestSchema, type Message, type Protocol } from '../../../shared/avro/model.js';
import { DeclaredError } from '../rpc/errors.js';
import { toEngineValue, toPlainValue } from '../modules/plain-value.js';

/** Carries one call: the message name and its parameters in the engine's shape. */
export type MessageCaller = (message: string, request: Record<string, unknown>) => Promise<unknown>;

export function plainServiceProxy<T>(protocol: Protocol, call: MessageCaller): T {
  const client: Record<string, (...parameters: unknown[]) => Promise<unknown>> = {};
  for (const message of protocol.messages) client[message.name] = (...parameters) => callPlain(protocol, message, call, parameters);
  return client as T;
}

async function callPlain(protocol: Protocol, message: Message, call: MessageCaller, parameters: unknown[]): Promise<unknown> {
  const label = `${protocol.protocol}.${message.name}`;
  if (parameters.length > message.request.length) {
    throw new TypeError(`${label} takes ${message.request.length} parameter${message.request.length === 1 ? '' : 's'} (${message.request.map((p) => p.name).join(', ') || 'none'}), not ${parameters.length}`);
  }
  const given: Record<string, unknown> = {};
  message.request.forEach((p, i) => (given[p.name] = parameters[i]));
  let request: Record<string, unknown>;
  try {
    request = toEngineValue(requestSchema(message), given) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof AvroValueError) throw new AvroValueError(error.path, error.expected, error.got, `invalid request for ${label}: ${error.message}`);
    throw error;
  }
  let response: unknown;
  try {
    response = await call(message.name, request);
  } catch (error) {
    if (error instanceof DeclaredError) {
      const declared = message.errors.find((e) => isNamed(e) && (e.fullName === error.type || e.name === error.type));
      if (declared) throw new DeclaredError(error.type, toPlainValue(declared, error.value));
    }
    throw error;
  }
  return message.oneWay ? null : toPlainValue(message.response, response);
}
