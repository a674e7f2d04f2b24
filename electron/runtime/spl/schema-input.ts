/**
 * Schemas as the seed's API takes them: a full name the node knows (`'UserSchema'`,
 * `'tools.text.Text'`), Avro JSON (an object, as `require('x.avsc')` gives it, or its text), or the
 * schema model. Registering one makes it known to the node by name and fingerprint, so Payloads
 * written with it can be read by every service.
 */
import type { Schema } from '../../../shared/avro/model.js';
import { toJsonText } from '../../../shared/avro/json-text.js';
import type { RegisteredSchema, SchemaRegistry } from '../schemas/schema-registry.js';

export type SchemaInput = string | Schema | Record<string, unknown>;

/** A schema by name (the registry's current version), or registered from JSON or the model. */
export function schemaOf(input: SchemaInput, registry: SchemaRegistry): RegisteredSchema {
  if (typeof input === 'string') {
    const trimmed = input.trimStart();
    if (!trimmed.startsWith('{') && !trimmed.startsWith('[') && !trimmed.startsWith('"')) {
      const found = registry.byName(input);
      if (!found) throw new Error(`no schema named ${input} is known: register it first (spl.avro.registerSchema) or pass the schema itself`);
      return found;
    }
    return registry.register(input, { origin: 'the schema given' });
  }
  if (isModel(input)) return registry.register(input);
  return registry.register(toJsonText(input as never, 0), { origin: 'the schema given' });
}

function isModel(value: object): value is Schema {
  const props = (value as { props?: unknown }).props;
  return (typeof props === 'object' && props !== null) || (value as { type?: unknown }).type === 'union';
}
