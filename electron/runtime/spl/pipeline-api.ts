/**
 * `spl.pipeline`: type-safe pipelines, as the seed writes them. `define` checks a definition
 * at once (every stage's module exists and reads what the previous one writes, by Avro schema
 * resolution) and throws the PipelineError explaining every mismatch by field path; `run` and
 * `register` go through SPLPipelineService in process, so they behave as remote calls would.
 */
import { AvroValueError } from '../../../shared/avro/avro-json.js';
import type { RecordSchema } from '../../../shared/avro/model.js';
import { DeclaredError } from '../rpc/errors.js';
import { toPlainValue } from '../modules/plain-value.js';
import type { PipelineDef } from '../pipeline/definition.js';
import { invalidPipeline, PIPELINE_ERROR } from '../pipeline/pipeline-error.js';
import type { NodeCore } from '../services/node-core.js';
import type { ExecuteStatus, Payload, PipelineDefinition, PipelineStageResult, StoredPipelineDefinition } from '../services/client-types.js';
import { decodePayload, encodePayload, isPayload } from './plain-payload.js';

export interface PipelineRunOptions {
  /** The SPL headers of the run. */
  context?: Record<string, string>;
}

export interface PipelineResult {
  status: ExecuteStatus;
  /** The last stage's result: decoded when typed, a string for text, a Buffer for a blob, undefined for none. */
  value: unknown;
  headers: Record<string, string>;
  stages: PipelineStageResult[];
  errorMessage: string | null;
  errorCode: string | null;
}

export interface DefinedPipeline {
  readonly name: string;
  readonly definition: StoredPipelineDefinition;
  /** Each stage's module and the schemas it reads and writes (null: untyped). */
  readonly stages: { module: string; inputSchema: string | null; outputSchema: string | null }[];
  /** Runs it inline (it need not be registered). */
  run(input: unknown, options?: PipelineRunOptions): Promise<PipelineResult>;
  /** Registers it with the node (kept in its data dir). */
  register(): Promise<void>;
}

export class SplPipelines {
  constructor(private readonly core: NodeCore) {}

  /** Checks a definition now; throws PipelineError (plain value) listing every problem. */
  define(definition: PipelineDefinition): DefinedPipeline {
    const checked = this.checked(definition);
    const stored = checked as StoredPipelineDefinition;
    return {
      name: checked.name,
      definition: stored,
      stages: checked.stages.map((s) => {
        const module = this.core.modules.get(s.module)!;
        return { module: s.module, inputSchema: module.inputSchema?.fullName ?? null, outputSchema: module.outputSchema?.fullName ?? null };
      }),
      run: (input, options) => this.run(stored, input, options),
      register: () => this.register(stored),
    };
  }

  async register(definition: PipelineDefinition): Promise<void> {
    await this.core.services.pipeline.registerPipeline(definition);
  }

  list(): Promise<string[]> {
    return this.core.services.pipeline.listPipelines();
  }

  get(name: string): Promise<StoredPipelineDefinition> {
    return this.core.services.pipeline.getPipeline(name);
  }

  /**
   * Runs a registered pipeline (by name) or a definition on `input`: a plain value of the first
   * stage's input schema (encoded for it), or a Payload as it is.
   */
  async run(pipeline: string | PipelineDefinition | DefinedPipeline, input: unknown, options: PipelineRunOptions = {}): Promise<PipelineResult> {
    const which = typeof pipeline === 'string' ? pipeline : 'definition' in pipeline && 'run' in pipeline ? pipeline.definition : (pipeline as PipelineDefinition);
    const definition = typeof which === 'string' ? this.core.pipelines.get(which) : this.checked(which);
    const response = await this.core.services.pipeline.executePipeline({ pipeline: which, input: this.firstInput(definition, input), context: options.context ?? {} });
    const value = response.value;
    return {
      status: response.status,
      value: value === null ? undefined : isPayload(value) ? decodePayload(value, this.core.schemas) : value,
      headers: response.headers,
      stages: response.stages,
      errorMessage: response.errorMessage,
      errorCode: response.errorCode,
    };
  }

  private firstInput(definition: PipelineDef, input: unknown): Payload {
    if (isPayload(input)) return input;
    const first = definition.stages[0];
    const schema = first ? this.core.modules.get(first.module)?.inputSchema : undefined;
    if (!schema) throw new TypeError(`stage 0 of pipeline '${definition.name}' (${first?.module}) takes no typed input: pass a Payload (spl.avro.payload(schema, value))`);
    return encodePayload(schema, input, 'input');
  }

  private checked(definition: PipelineDefinition): PipelineDef {
    const pipelines = this.core.pipelines;
    let parsed: PipelineDef;
    try {
      parsed = pipelines.definitions.fromPlain(definition);
    } catch (error) {
      if (error instanceof AvroValueError) throw new AvroValueError(error.path, error.expected, error.got, `not a pipeline definition: ${error.message}`);
      throw error;
    }
    const problems = pipelines.problems(parsed);
    if (problems.length > 0) {
      const error = invalidPipeline(parsed.name, problems);
      const schema = this.core.protocol('SPLPipelineService').types.find((t) => t.fullName === PIPELINE_ERROR) as RecordSchema;
      throw new DeclaredError(PIPELINE_ERROR, toPlainValue(schema, error.value));
    }
    return parsed;
  }
}
