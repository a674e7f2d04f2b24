/**
 * A service implemented by plain JavaScript (`spl.avro.registerService(name, { implementation })`):
 * an object with one method per message, called with the message's parameters in order and plain
 * values (modules/plain-value.ts), returning the plain response. Turned into the engine's
 * handlers: parameters unwrapped on the way in, the result checked against the response schema
 * on the way out (a wrong result fails with its path), declared errors converted back.
 */
import { AvroValueError } from '../../../shared/avro/avro-json.js';
import { isNamed, type Protocol } from '../../../shared/avro/model.js';
import { DeclaredError } from '../rpc/errors.js';
import type { Handler } from '../rpc/server.js';
import { toEngineValue, toPlainValue } from '../modules/plain-value.js';

export type ServiceImplementation = Record<string, unknown>;

export function implementationHandlers(protocol: Protocol, implementation: ServiceImplementation): Record<string, Handler> {
  if (typeof implementation !== 'object' || implementation === null) throw new TypeError(`the implementation of ${protocol.protocol} must be an object with one method per message`);
  const missing = protocol.messages.filter((m) => typeof implementation[m.name] !== 'function').map((m) => m.name);
  if (missing.length > 0) throw new TypeError(`the implementation of ${protocol.protocol} lacks ${missing.join(', ')}: it needs one method per message (${protocol.messages.map((m) => m.name).join(', ')})`);
  const handlers: Record<string, Handler> = {};
  for (const message of protocol.messages) {
    const method = implementation[message.name] as (...parameters: unknown[]) => unknown;
    handlers[message.name] = async (request) => {
      const parameters = message.request.map((p) => toPlainValue(p.type, request[p.name]));
      let result: unknown;
      try {
        result = await method.apply(implementation, parameters);
      } catch (error) {
        if (error instanceof DeclaredError) {
          const declared = message.errors.find((e) => isNamed(e) && (e.fullName === error.type || e.name === error.type));
          if (declared && isNamed(declared)) throw new DeclaredError(declared.fullName, engineValue(declared, error.value, `${protocol.protocol}.${message.name} threw ${declared.fullName} with`));
        }
        throw error;
      }
      if (message.oneWay) return null;
      return engineValue(message.response, result ?? null, `${protocol.protocol}.${message.name} returned`);
    };
  }
  return handlers;
}

function engineValue(schema: Parameters<typeof toEngineValue>[0], value: unknown, what: string): unknown {
  try {
    return toEngineValue(schema, value, 'response');
  } catch (error) {
    if (error instanceof AvroValueError) throw new Error(`${what} a value that does not fit its schema: ${error.message}`, { cause: error });
    throw error;
  }
}
