/**
 * What `spl.avro.registerService` and `getDistributedService` accept as a service definition:
 * the protocol model (from `compileIdl`), protocol JSON (`.avpr`, as `require` or `JSON.parse`
 * gives it, or its text). IDL files are compiled first (`compileIdl`, exported beside createSpl),
 * so registration stays synchronous, as the seed writes it.
 */
import type { Protocol } from '../../../shared/avro/model.js';
import { readProtocolJson } from '../../../shared/avro/schema-reader.js';
import { toJsonText } from '../../../shared/avro/json-text.js';

export type ProtocolInput = Protocol | Record<string, unknown> | string;

export function protocolOf(definition: ProtocolInput, origin = 'definition'): Protocol {
  if (typeof definition === 'string') return readProtocolJson(definition, { file: origin });
  if (isModel(definition)) return definition;
  return readProtocolJson(toJsonText(definition as never, 0), { file: origin });
}

function isModel(value: object): value is Protocol {
  return Array.isArray((value as { messages?: unknown }).messages) && Array.isArray((value as { types?: unknown }).types) && typeof (value as { protocol?: unknown }).protocol === 'string';
}

export function fullNameOf(protocol: Protocol): string {
  return protocol.namespace ? `${protocol.namespace}.${protocol.protocol}` : protocol.protocol;
}

/** Whether `name` (simple or full) names `protocol`. */
export function namesProtocol(name: string, protocol: Protocol): boolean {
  return name === protocol.protocol || name === fullNameOf(protocol);
}
