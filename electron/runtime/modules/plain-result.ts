/**
 * An outcome as the seed's `spl.execute(uri, input)` returns it: the module's result as a plain
 * value (a typed result decoded, text as a string, a blob as a Buffer, nothing as undefined).
 * A module that reported a failure (status ERROR) throws it, as a ModuleFailure with its code.
 */
import type { SchemaRegistry } from '../schemas/schema-registry.js';
import type { Outcome } from './executor.js';
import { ModuleFailure } from './module.js';
import { fromPayload } from './payload.js';
import { toPlainValue } from './plain-value.js';

export function plainResult(outcome: Outcome, schemas: SchemaRegistry): unknown {
  if (outcome.status === 'ERROR') throw new ModuleFailure(outcome.errorMessage ?? 'the module failed', outcome.errorCode ?? 'MODULE_FAILED');
  const output = outcome.output;
  switch (output.kind) {
    case 'typed':
      return toPlainValue(output.schema.schema, output.value);
    case 'payload': {
      const typed = fromPayload(output.payload, schemas);
      return toPlainValue(typed.schema.schema, typed.value);
    }
    case 'text':
      return output.text;
    case 'blob':
      return output.bytes;
    default:
      return undefined;
  }
}
