/**
 * The schemas of a module folder, in one of two forms (assets/modules/README.md):
 *
 * - `schema.avdl`: an Avro IDL protocol with exactly one message. Its parameter is the input
 *   (none, or `string`/`bytes`: untyped), its result the output (`void`, `string` or `bytes`:
 *   untyped). A message is what a module is: a typed input to a typed output. The protocol's or
 *   the message's documentation comment is the module's description.
 * - `input.avsc` and/or `output.avsc`: Avro JSON schemas; `output.avsc` may use the named types
 *   `input.avsc` defines. A missing file means that side is untyped.
 *
 * Typed sides must be named types (record, enum or fixed): a Payload's SchemaRef names them.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { compileIdl, formatDiagnostics } from '../../../shared/idl/compile.js';
import { isNamed, type NamedSchema, type Schema } from '../../../shared/avro/model.js';
import { readSchemaJson } from '../../../shared/avro/schema-reader.js';
import { describeSchema } from '../../../shared/avro/describe.js';
import { nodeSourceReader } from '../fs-reader.js';

export interface ModuleSchemas {
  input?: NamedSchema;
  output?: NamedSchema;
  description?: string;
  /** The files read, for messages and change detection. */
  files: string[];
}

export const SCHEMA_FILES = ['schema.avdl', 'input.avsc', 'output.avsc'];

/** A module folder's schemas; throws an Error saying which file is wrong and why. */
export async function readModuleSchemas(dir: string, present: Set<string>): Promise<ModuleSchemas> {
  const idl = present.has('schema.avdl');
  const json = present.has('input.avsc') || present.has('output.avsc');
  if (idl && json) throw new Error('has both schema.avdl and input.avsc/output.avsc: keep one form');
  if (idl) return fromIdl(path.join(dir, 'schema.avdl'));
  if (json) return fromJson(dir, present);
  return { files: [] };
}

async function fromIdl(file: string): Promise<ModuleSchemas> {
  const compiled = await compileIdl(file, { reader: nodeSourceReader });
  if (!compiled.ok) throw new Error(`${path.basename(file)} does not compile:\n${formatDiagnostics(compiled).join('\n')}`);
  const protocol = compiled.protocol;
  if (!protocol) throw new Error(`${path.basename(file)} must be a protocol with one message (input -> output), not a schema file`);
  if (protocol.messages.length !== 1) {
    throw new Error(`${path.basename(file)}: protocol ${protocol.protocol} has ${protocol.messages.length} messages; a module's protocol has exactly one (its input -> its output)`);
  }
  const message = protocol.messages[0];
  if (message.request.length > 1) throw new Error(`${path.basename(file)}: message ${message.name} takes ${message.request.length} parameters; a module reads one (wrap them in a record)`);
  const input = message.request.length === 1 ? typedSide(message.request[0].type, `the parameter of ${message.name}`, file) : undefined;
  const output = typedSide(message.response, `the result of ${message.name}`, file);
  return { input, output, description: message.doc ?? protocol.doc, files: [...compiled.files.keys()] };
}

async function fromJson(dir: string, present: Set<string>): Promise<ModuleSchemas> {
  const names = new Map<string, NamedSchema>();
  const files: string[] = [];
  const read = async (name: string): Promise<NamedSchema | undefined> => {
    if (!present.has(name)) return undefined;
    const file = path.join(dir, name);
    files.push(file);
    const text = await readFile(file, 'utf8');
    // SchemaReadError messages carry file:line:col.
    const schema = readSchemaJson(text, { file, names }).schema;
    return typedSide(schema, name, file);
  };
  const input = await read('input.avsc');
  const output = await read('output.avsc');
  return { input, output, files };
}

/** A named schema, or undefined for the untyped forms; anything else is an error. */
function typedSide(schema: Schema, what: string, file: string): NamedSchema | undefined {
  if (isNamed(schema)) return schema;
  if (schema.type === 'null' || schema.type === 'string' || schema.type === 'bytes') return undefined;
  throw new Error(`${path.basename(file)}: ${what} is ${describeSchema(schema)}; a module reads and writes a named type (record, enum or fixed), or nothing, string or bytes when untyped`);
}
