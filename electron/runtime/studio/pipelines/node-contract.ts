/**
 * The parts of a node's own contract that the studio's pipeline tools stand on: the messages of
 * SPLPipelineService and SPLExecuteService, and the schemas of PipelineDefinition,
 * ExecuteRequest.value and ExecuteResponse, all taken from the protocols the node sent in its
 * handshake. Texts are read against them, so a node of another version gets definitions and
 * values in its own terms, and a text that does not fit is refused with line:col and field path.
 */
import { AvroValueError, findField, parseAvroJsonText, toAvroJson, type RuntimeValue } from '../../../../shared/avro/avro-json.js';
import { toJsonText } from '../../../../shared/avro/json-text.js';
import type { Message, RecordSchema, Schema } from '../../../../shared/avro/model.js';
import { StudioError } from '../../../../shared/studio/api.js';
import { PipelineDefinitions, type PipelineDef } from '../../pipeline/definition.js';
import { asEngineValue } from '../../rpc/engine-value.js';
import type { ProtocolCodec } from '../../rpc/protocol-codec.js';

export const PIPELINE_SERVICE = 'spl.pipeline.SPLPipelineService';
export const EXECUTE_SERVICE = 'spl.execute.SPLExecuteService';

/** SPLPipelineService as a node serves it. */
export class PipelineContract {
  readonly listPipelines: Message;
  readonly getPipeline: Message;
  readonly registerPipeline: Message;
  readonly definitionSchema: RecordSchema;
  private readonly definitions: PipelineDefinitions;

  constructor(readonly codec: ProtocolCodec) {
    this.listPipelines = message(codec, 'listPipelines');
    this.getPipeline = message(codec, 'getPipeline');
    this.registerPipeline = message(codec, 'registerPipeline');
    const parameter = this.registerPipeline.request[0]?.type;
    if (parameter?.type !== 'record') throw unlike(codec, 'registerPipeline takes no PipelineDefinition record');
    this.definitionSchema = parameter;
    this.definitions = new PipelineDefinitions(parameter);
  }

  /** A definition's text as the engine's value and as the runtime's plain definition. */
  parseDefinition(text: string, what: string): { engine: Record<string, unknown>; plain: PipelineDef } {
    const engine = parseText(this.definitionSchema, text, what, this.definitionSchema.fullName) as Record<string, unknown>;
    return { engine, plain: this.definitions.fromEngine(engine) };
  }

  printDefinition(engine: unknown): string {
    return print(this.definitionSchema, engine);
  }
}

/** SPLExecuteService as a node serves it. */
export class ExecuteContract {
  readonly execute: Message;
  /** ExecuteRequest.value: null, bytes, string or Payload. */
  readonly valueSchema: Schema;
  readonly responseSchema: Schema;

  constructor(readonly codec: ProtocolCodec) {
    this.execute = message(codec, 'execute');
    const request = this.execute.request[0]?.type;
    const value = request?.type === 'record' ? findField(request, 'value') : undefined;
    if (!value) throw unlike(codec, 'execute takes no ExecuteRequest with a value');
    this.valueSchema = value.type;
    this.responseSchema = this.execute.response;
  }

  parseValue(text: string, what: string): unknown {
    return parseText(this.valueSchema, text, what, 'spl.common.ExecuteRequest.value (null, bytes, string or Payload)');
  }

  parseResponse(text: string, what: string): Record<string, unknown> {
    return parseText(this.responseSchema, text, what, 'spl.common.ExecuteResponse') as Record<string, unknown>;
  }

  printResponse(engine: unknown): string {
    return print(this.responseSchema, engine);
  }
}

/** Avro JSON text as the engine's value (Buffers, exact longs); refuses with line:col and field path. */
function parseText(schema: Schema, text: string, what: string, typeName: string): unknown {
  try {
    return asEngineValue(parseAvroJsonText(schema, text));
  } catch (error) {
    if (!(error instanceof AvroValueError)) throw error;
    throw new StudioError('invalid-argument', `${what} is not ${typeName} in Avro JSON: ${error.message}`);
  }
}

function print(schema: Schema, engine: unknown): string {
  return toJsonText(toAvroJson(schema, engine as RuntimeValue));
}

function message(codec: ProtocolCodec, name: string): Message {
  const found = codec.protocol.messages.find((m) => m.name === name);
  if (!found) throw unlike(codec, `it has no message '${name}'`);
  return found;
}

function unlike(codec: ProtocolCodec, why: string): StudioError {
  return new StudioError('io', `the node's ${codec.fullName} is not one the studio knows (${why}): update the node or the studio so that both speak the same SPL version`);
}
