/**
 * A module written in code for `spl.registerModule`: its schemas given as the seed's API takes
 * schemas (a known name, Avro JSON, or the model), turned into a ModuleDefinition. Typed sides
 * must be named schemas, as for folder modules.
 */
import { isNamed, type NamedSchema } from '../../../shared/avro/model.js';
import type { SchemaRegistry } from '../schemas/schema-registry.js';
import type { ModuleDefinition, ModuleHandler } from '../modules/module.js';
import { schemaOf, type SchemaInput } from './schema-input.js';

export interface ModuleSpec {
  uri: string;
  description?: string;
  /** Omit for an untyped input (nothing, bytes or text). */
  input?: SchemaInput;
  /** Omit for an untyped output. */
  output?: SchemaInput;
  handler: ModuleHandler;
}

export function moduleSpec(spec: ModuleSpec, registry: SchemaRegistry): ModuleDefinition {
  const named = (input: SchemaInput | undefined, side: string): NamedSchema | undefined => {
    if (input === undefined) return undefined;
    const schema = schemaOf(input, registry).schema;
    if (!isNamed(schema)) throw new TypeError(`the ${side} schema of ${spec.uri} must be a named type (record, enum or fixed); leave it out for an untyped ${side}`);
    return schema;
  };
  return { uri: spec.uri, description: spec.description, input: named(spec.input, 'input'), output: named(spec.output, 'output'), handler: spec.handler };
}
