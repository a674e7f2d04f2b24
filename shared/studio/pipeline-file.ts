/**
 * A pipeline in the workspace: `pipelines/<name>.json` holds exactly one
 * spl.pipeline.PipelineDefinition in Avro's JSON encoding, so a node (registerPipeline) or
 * `spl call` can take the file as is. Where its stages sit on the studio's canvas is not part of
 * the pipeline, so it lives beside it in `pipelines/.layout/<name>.json`; no layout file means
 * the canvas lays the stages out itself.
 */
import { AvroValueError, parseAvroJsonText, toAvroJson, type RuntimeObject, type RuntimeValue } from '../avro/avro-json.js';
import { toJsonText } from '../avro/json-text.js';
import type { JsonValue, Schema } from '../avro/model.js';
import { readSchemaJson } from '../avro/schema-reader.js';

/** One stage as the studio edits it: the Avro record with its unions unwrapped. */
export interface PipelineStageValue {
  module: string;
  /** Passed to the module as execution headers (over globalConfig). */
  configuration: Record<string, string>;
  /** Full names; `null` when untyped. */
  inputSchema: string | null;
  outputSchema: string | null;
}

export interface PipelineDefinitionValue {
  name: string;
  stages: PipelineStageValue[];
  globalConfig: Record<string, string>;
  description: string | null;
}

/** Canvas positions by stage index; kept out of the pipeline file. */
export interface PipelineLayout {
  stages: { x: number; y: number }[];
}

export const PIPELINES_DIR = 'pipelines';
export const LAYOUT_DIR = `${PIPELINES_DIR}/.layout`;

/**
 * spl.pipeline.PipelineDefinition as definitions/spl-pipeline.avdl compiles it (docs left out;
 * names, types, order and defaults exactly as there).
 */
const PIPELINE_DEFINITION_SCHEMA_JSON = `{
  "type": "record",
  "name": "PipelineDefinition",
  "namespace": "spl.pipeline",
  "fields": [
    { "name": "name", "type": "string" },
    { "name": "stages", "type": { "type": "array", "items": {
      "type": "record",
      "name": "PipelineStage",
      "fields": [
        { "name": "module", "type": "string" },
        { "name": "configuration", "type": { "type": "map", "values": "string" }, "default": {} },
        { "name": "inputSchema", "type": ["null", "string"], "default": null },
        { "name": "outputSchema", "type": ["null", "string"], "default": null }
      ]
    } } },
    { "name": "globalConfig", "type": { "type": "map", "values": "string" }, "default": {} },
    { "name": "description", "type": ["null", "string"], "default": null }
  ]
}`;

let schema: Schema | undefined;

/** The PipelineDefinition schema (read once). */
export function pipelineDefinitionSchema(): Schema {
  schema ??= readSchemaJson(PIPELINE_DEFINITION_SCHEMA_JSON, { file: 'spl-pipeline.avdl' }).schema;
  return schema;
}

/** What a pipeline name must look like: it becomes a file name and a node's registry key. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Why `name` cannot name a pipeline file, or undefined when it can. */
export function pipelineNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'Give the pipeline a name.';
  if (!NAME.test(name)) return 'Use 1 to 128 letters, digits, ".", "-" or "_", starting with a letter or digit.';
  return undefined;
}

export function pipelinePath(name: string): string {
  return `${PIPELINES_DIR}/${name}.json`;
}

export function layoutPath(name: string): string {
  return `${LAYOUT_DIR}/${name}.json`;
}

/** The pipeline name a workspace path holds (`pipelines/<name>.json`), or undefined for any other path. */
export function pipelineNameOf(path: string): string | undefined {
  const match = /^pipelines\/([^/]+)\.json$/.exec(path);
  return match && !match[1].startsWith('.') ? match[1] : undefined;
}

export type ParsedPipeline = { definition: PipelineDefinitionValue } | { error: string };

/**
 * Reads a pipeline file. Errors say `path:line:col: what` (unknown members, wrong types, missing
 * fields, bad JSON). A pipeline without stages reads fine: it is a draft the canvas fills in.
 */
export function parsePipelineFile(text: string, path: string): ParsedPipeline {
  let value: RuntimeValue;
  try {
    value = parseAvroJsonText(pipelineDefinitionSchema(), text);
  } catch (e) {
    if (!(e instanceof AvroValueError)) throw e;
    return { error: `${path}:${e.message}` };
  }
  return { definition: fromRuntime(value as RuntimeObject) };
}

function unwrap(union: RuntimeValue): string | null {
  return union === null ? null : ((union as RuntimeObject).string as string);
}

function fromRuntime(value: RuntimeObject): PipelineDefinitionValue {
  const stages = (value.stages as RuntimeObject[]).map((s) => ({
    module: s.module as string,
    configuration: { ...(s.configuration as Record<string, string>) },
    inputSchema: unwrap(s.inputSchema),
    outputSchema: unwrap(s.outputSchema),
  }));
  return {
    name: value.name as string,
    stages,
    globalConfig: { ...(value.globalConfig as Record<string, string>) },
    description: unwrap(value.description),
  };
}

const wrap = (value: string | null): RuntimeValue => (value === null ? null : { string: value });

/** The definition as Avro JSON (unions wrapped), members in schema order. */
export function pipelineToAvroJson(definition: PipelineDefinitionValue): JsonValue {
  const value: RuntimeObject = {
    name: definition.name,
    stages: definition.stages.map((s) => ({
      module: s.module,
      configuration: { ...s.configuration },
      inputSchema: wrap(s.inputSchema),
      outputSchema: wrap(s.outputSchema),
    })),
    globalConfig: { ...definition.globalConfig },
    description: wrap(definition.description),
  };
  // Through the schema, so the text is exactly what a node would read back.
  return toAvroJson(pipelineDefinitionSchema(), value);
}

/** The file's text: schema member order, map keys as given, 2-space indent, trailing newline. */
export function serializePipeline(definition: PipelineDefinitionValue): string {
  return toJsonText(pipelineToAvroJson(definition)) + '\n';
}

/**
 * Reads a layout file; undefined when it is not one (then the canvas lays the stages out
 * itself: a broken layout is not worth an error).
 */
export function parseLayout(text: string): PipelineLayout | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { stages?: unknown }).stages)) return undefined;
  const stages: { x: number; y: number }[] = [];
  for (const item of (json as { stages: unknown[] }).stages) {
    const { x, y } = (item ?? {}) as { x?: unknown; y?: unknown };
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return undefined;
    stages.push({ x, y });
  }
  return { stages };
}

export function serializeLayout(layout: PipelineLayout): string {
  const stages = layout.stages.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) }));
  return JSON.stringify({ stages }, null, 2) + '\n';
}
