/**
 * Runs one module: turns the input it was given (a Payload, Avro JSON text, a plain value, a
 * typed value from the previous pipeline stage) into what the handler reads, calls it, and turns
 * what it returned into a typed result and a status. Every way in checks the input against the
 * module's input schema and every result against its output schema, saying where a value does
 * not fit. SPLExecuteService, pipelines and the seed's `spl.execute` all run modules here.
 */
import { AvroValueError, parseAvroJsonText } from '../../../shared/avro/avro-json.js';
import type { RegisteredSchema, SchemaRegistry } from '../schemas/schema-registry.js';
import { SchemaProblem } from '../schemas/schema-problem.js';
import { DeclaredError, errorMessage } from '../rpc/errors.js';
import { datumBytes, DatumResult, NONE, type Datum, type EnginePayload } from './datum.js';
import { executionError, invalidValue, schemaError } from './execution-error.js';
import { ModuleFailure, type ModuleContext, type ModuleLogger } from './module.js';
import type { NodeServices } from './node-services.js';
import { fromPayload, toPayload } from './payload.js';
import { toEngineValue, toPlainValue } from './plain-value.js';
import type { LoadedModule, ModuleRegistry } from './registry.js';

export type OutcomeStatus = 'DATA' | 'BLOB' | 'ERROR' | 'COMPLETED';

/** How an execution ended (an execution that could not be carried out throws ExecutionError instead). */
export interface Outcome {
  status: OutcomeStatus;
  headers: Record<string, string>;
  output: Datum;
  /** Set when status is ERROR: the module reported a failure. */
  errorMessage?: string;
  errorCode?: string;
}

export interface RunOptions {
  headers?: Record<string, string>;
  /** ExecuteRequest.schema: the reader schema the caller expects the module to read. */
  readerSchema?: string;
}

export interface ExecutorDependencies {
  modules: ModuleRegistry;
  schemas: SchemaRegistry;
  nodeId: string;
  /** The node's services for module contexts; a function, since they are built around the executor. */
  services: () => NodeServices;
  logger: ModuleLogger;
}

export class ModuleExecutor {
  constructor(private readonly deps: ExecutorDependencies) {}

  get nodeId(): string {
    return this.deps.nodeId;
  }

  /** The module, or ExecutionError MODULE_NOT_FOUND naming the modules there are. */
  module(uri: string): LoadedModule {
    const found = this.deps.modules.get(uri);
    if (found) return found;
    const known = this.deps.modules.list().map((m) => m.uri);
    throw executionError({
      code: 'MODULE_NOT_FOUND',
      message: `no module '${uri}' on node ${this.deps.nodeId}${known.length ? `; it has ${known.join(', ')}` : '; it has no modules'}`,
      module: uri,
      nodeId: this.deps.nodeId,
    });
  }

  /** Runs a module on a datum (from the wire or the previous stage). */
  async run(uri: string, input: Datum, options: RunOptions = {}): Promise<Outcome> {
    const module = this.module(uri);
    return this.invoke(module, this.handlerInput(module, input, options.readerSchema), options.headers ?? {});
  }

  /** Runs a module on a plain value (in process): checked against its input schema, path by path. */
  async runPlain(uri: string, input: unknown, options: RunOptions = {}): Promise<Outcome> {
    return this.run(uri, { kind: 'plain', value: input }, options);
  }

  /** What a typed module's handler reads, from a plain value; untyped modules take it as it is. */
  plainInput(module: LoadedModule, input: unknown): unknown {
    const reader = module.inputSchema;
    if (!reader) return input ?? null;
    try {
      return toPlainValue(reader.schema, toEngineValue(reader.schema, input, 'input'));
    } catch (error) {
      if (error instanceof AvroValueError) throw invalidValue(error, `the input of ${module.uri} does not fit ${reader.fullName}`, module.uri, this.deps.nodeId);
      throw error;
    }
  }

  /** What the handler reads, from a datum: resolved into the module's input schema. */
  handlerInput(module: LoadedModule, input: Datum, readerSchema?: string): unknown {
    if (module.raw) return input;
    if (input.kind === 'plain') return this.plainInput(module, input.value);
    const reader = module.inputSchema;
    const nodeId = this.deps.nodeId;
    if (!reader) {
      // Untyped modules get text, bytes or nothing as they are, and typed data as its Payload.
      switch (input.kind) {
        case 'none':
          return null;
        case 'text':
          return input.text;
        case 'blob':
          return input.bytes;
        case 'typed':
          return plainPayload(toPayload(input));
        case 'payload':
          return plainPayload(input.payload);
      }
    }
    if (readerSchema !== undefined && readerSchema !== reader.fullName) {
      throw executionError({ code: 'SCHEMA_MISMATCH', message: `module ${module.uri} reads ${reader.fullName}, not ${readerSchema}: leave ExecuteRequest.schema null or name ${reader.fullName}`, module: module.uri, nodeId, details: { readerSchema: reader.fullName ?? reader.hex, requested: readerSchema } });
    }
    try {
      return toPlainValue(reader.schema, this.resolve(reader, input, module));
    } catch (error) {
      if (error instanceof SchemaProblem) throw schemaError(error, `the input of ${module.uri} cannot be read as ${reader.fullName}`, module.uri, nodeId);
      if (error instanceof AvroValueError) throw invalidValue(error, `the input of ${module.uri} does not fit ${reader.fullName}`, module.uri, nodeId);
      throw error;
    }
  }

  /** The input as a value of `reader` (engine shape). */
  private resolve(reader: RegisteredSchema, input: Datum, module: LoadedModule): unknown {
    switch (input.kind) {
      case 'typed':
        if (input.schema.hex === reader.hex) return input.value;
        return this.deps.schemas.decode(datumBytes(input), input.schema, reader);
      case 'payload':
        return fromPayload(input.payload, this.deps.schemas, reader).value;
      case 'text':
        // Avro JSON of the input schema: what a person types into `spl call` or the composer.
        return toEngineValue(reader.schema, parseAvroJsonText(reader.schema, input.text), 'input');
      default:
        throw executionError({
          code: 'INVALID_REQUEST',
          message: `module ${module.uri} reads ${reader.fullName}: send a Payload of it (or its Avro JSON as text), not ${input.kind === 'none' ? 'no value' : 'bytes'}`,
          module: module.uri,
          nodeId: this.deps.nodeId,
          details: { expected: reader.fullName ?? reader.hex },
        });
    }
  }

  /** Calls the handler and interprets what it returned. */
  async invoke(module: LoadedModule, input: unknown, headers: Record<string, string>): Promise<Outcome> {
    const logger = this.deps.logger;
    const context: ModuleContext = {
      module: module.uri,
      headers: { ...headers },
      services: this.deps.services(),
      nodeId: this.deps.nodeId,
      fail: (message, code) => new ModuleFailure(message, code),
      logger: {
        debug: (message) => logger.debug(`${module.uri}: ${message}`),
        info: (message) => logger.info(`${module.uri}: ${message}`),
        warn: (message) => logger.warn(`${module.uri}: ${message}`),
        error: (message) => logger.error(`${module.uri}: ${message}`),
      },
    };
    let returned: unknown;
    try {
      returned = await module.handler(input, context);
    } catch (error) {
      if (error instanceof ModuleFailure) return { status: 'ERROR', headers: this.headersOf(module, context), output: NONE, errorMessage: error.message, errorCode: error.code };
      // An ExecutionError from a nested execution (a module calling another) keeps its code.
      if (error instanceof DeclaredError) throw error;
      logger.error(`${module.uri} failed: ${error instanceof Error && error.stack ? error.stack : errorMessage(error)}`);
      throw executionError({ code: 'MODULE_FAILED', message: `module ${module.uri} failed: ${errorMessage(error)}`, module: module.uri, nodeId: this.deps.nodeId, details: { error: errorMessage(error) } });
    }
    const out = this.headersOf(module, context);
    if (returned instanceof DatumResult) {
      if (returned.failure) return { status: 'ERROR', headers: out, output: NONE, errorMessage: returned.failure.message, errorCode: returned.failure.code };
      return { status: statusOf(returned.output), headers: out, output: returned.output };
    }
    const output = this.outputOf(module, returned);
    return { status: statusOf(output), headers: out, output };
  }

  private outputOf(module: LoadedModule, returned: unknown): Datum {
    if (returned === undefined) return NONE;
    const writer = module.outputSchema;
    if (writer) {
      try {
        return { kind: 'typed', schema: writer, value: toEngineValue(writer.schema, returned, 'output') };
      } catch (error) {
        if (!(error instanceof AvroValueError)) throw error;
        throw executionError({
          code: 'MODULE_FAILED',
          message: `module ${module.uri} returned a value that does not fit its output schema ${writer.fullName}: ${error.message}`,
          module: module.uri,
          nodeId: this.deps.nodeId,
          details: { path: error.path, expected: error.expected, got: error.got },
        });
      }
    }
    if (returned === null) return NONE;
    if (typeof returned === 'string') return { kind: 'text', text: returned };
    if (returned instanceof Uint8Array) return { kind: 'blob', bytes: Buffer.isBuffer(returned) ? returned : Buffer.from(returned) };
    throw executionError({
      code: 'MODULE_FAILED',
      message: `module ${module.uri} has no output schema, so it returns a string, a Buffer or nothing; it returned ${typeof returned === 'object' ? 'an object' : typeof returned}. Give it an output schema to return records`,
      module: module.uri,
      nodeId: this.deps.nodeId,
    });
  }

  /** The headers a module left, as strings (a map<string> on the wire). */
  private headersOf(module: LoadedModule, context: ModuleContext): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(context.headers ?? {})) {
      if (value === undefined || value === null) continue;
      if (typeof value === 'string') out[key] = value;
      else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') out[key] = String(value);
      else throw executionError({ code: 'MODULE_FAILED', message: `module ${module.uri} left header '${key}' as ${typeof value}: headers are strings`, module: module.uri, nodeId: this.deps.nodeId, details: { header: key } });
    }
    return out;
  }
}

export function statusOf(datum: Datum): OutcomeStatus {
  switch (datum.kind) {
    case 'none':
      return 'COMPLETED';
    case 'blob':
      return 'BLOB';
    default:
      return 'DATA';
  }
}

/** A Payload as an untyped module sees it: plain (its SchemaRef's unions unwrapped). */
function plainPayload(payload: EnginePayload): { schema: { name: string | null; fingerprint: Buffer | null; json: string | null }; value: Buffer } {
  return {
    schema: {
      name: payload.schema.name?.string ?? null,
      fingerprint: payload.schema.fingerprint?.['spl.common.SchemaFingerprint'] ?? null,
      json: payload.schema.json?.string ?? null,
    },
    value: payload.value,
  };
}
