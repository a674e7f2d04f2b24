/**
 * A pipeline definition as the runtime holds it: spl.pipeline.PipelineDefinition with every field
 * present and unions bare. Converted from and to the engine's shape (wrapped unions) with the
 * contract's own schema, so whatever the contract says a definition is, this is.
 */
import type { RecordSchema } from '../../../shared/avro/model.js';
import { toEngineValue, toPlainValue } from '../modules/plain-value.js';

export interface PipelineStageDef {
  module: string;
  configuration: Record<string, string>;
  inputSchema: string | null;
  outputSchema: string | null;
}

export interface PipelineDef {
  name: string;
  stages: PipelineStageDef[];
  globalConfig: Record<string, string>;
  description: string | null;
}

export const PIPELINE_DEFINITION = 'spl.pipeline.PipelineDefinition';

/** Between the engine's shape and ours, with the PipelineDefinition schema of the served contract. */
export class PipelineDefinitions {
  constructor(readonly schema: RecordSchema) {}

  fromEngine(value: unknown): PipelineDef {
    return toPlainValue(this.schema, value) as PipelineDef;
  }

  toEngine(definition: PipelineDef): Record<string, unknown> {
    return toEngineValue(this.schema, definition, 'pipeline') as Record<string, unknown>;
  }

  /** A definition written by hand (fields with defaults may be left out); throws AvroValueError with the path. */
  fromPlain(value: unknown, path = 'pipeline'): PipelineDef {
    return this.fromEngine(toEngineValue(this.schema, value, path));
  }
}
