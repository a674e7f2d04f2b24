/**
 * Whether a pipeline can run: it has stages, each stage's module exists and reads and writes
 * what the stage says, and each stage's output can be read as the next stage's input by Avro
 * schema resolution. Every problem is reported (not only the first), each with its stage and,
 * for schemas that do not connect, every incompatibility by field path.
 */
import { checkSchemaCompatibility } from '../../../shared/compat/schema-compatibility.js';
import { simpleName } from '../../../shared/avro/names.js';
import type { RegisteredSchema, SchemaRegistry } from '../schemas/schema-registry.js';
import { errorMessage } from '../rpc/errors.js';
import type { LoadedModule, ModuleRegistry } from '../modules/registry.js';
import type { PipelineDef } from './definition.js';

export interface PipelineProblem {
  /** Zero-based stage index; undefined for the pipeline as a whole. */
  stage?: number;
  /** SCHEMA_MISMATCH for schemas that do not connect; INVALID_PIPELINE or MODULE_NOT_FOUND otherwise. */
  code: 'INVALID_PIPELINE' | 'MODULE_NOT_FOUND' | 'SCHEMA_MISMATCH';
  message: string;
  /** For a mismatch: the field paths and why, one line each (`Words.words: ...`). */
  paths?: string[];
  writerSchema?: string;
  readerSchema?: string;
}

const MAX_NAME = 200;

export function checkPipeline(definition: PipelineDef, modules: ModuleRegistry, schemas: SchemaRegistry): PipelineProblem[] {
  const problems: PipelineProblem[] = [];
  const name = definition.name;
  if (name.trim() === '') problems.push({ code: 'INVALID_PIPELINE', message: 'a pipeline needs a name' });
  else if (name.length > MAX_NAME || hasControlCharacter(name)) problems.push({ code: 'INVALID_PIPELINE', message: `a pipeline name has at most ${MAX_NAME} characters and no control characters` });
  if (definition.stages.length === 0) problems.push({ code: 'INVALID_PIPELINE', message: 'a pipeline needs at least one stage' });

  const found: (LoadedModule | undefined)[] = definition.stages.map((stage, index) => {
    const module = modules.get(stage.module);
    if (!module) {
      problems.push({ stage: index, code: 'MODULE_NOT_FOUND', message: `stage ${index}: no module '${stage.module}' on this node (see listAvailableModules)` });
      return undefined;
    }
    declared(index, stage.module, 'reads', stage.inputSchema, module.inputSchema, problems);
    declared(index, stage.module, 'writes', stage.outputSchema, module.outputSchema, problems);
    return module;
  });

  for (let i = 0; i + 1 < found.length; i++) {
    const writer = found[i]?.outputSchema;
    const reader = found[i + 1]?.inputSchema;
    // Untyped ends connect to anything: text may be Avro JSON, and untyped modules take any Payload.
    if (!writer || !reader || found[i + 1]?.raw) continue;
    const mismatch = connect(writer, reader, schemas);
    if (mismatch.length > 0) {
      problems.push({
        stage: i + 1,
        code: 'SCHEMA_MISMATCH',
        message: `stage ${i} (${found[i]!.uri}) writes ${writer.fullName}, which stage ${i + 1} (${found[i + 1]!.uri}) cannot read as ${reader.fullName}:\n${mismatch.map((p) => `    ${p}`).join('\n')}`,
        paths: mismatch,
        writerSchema: writer.fullName,
        readerSchema: reader.fullName,
      });
    }
  }
  // In stage order (the pipeline as a whole first), whatever order the checks ran in.
  return problems.sort((a, b) => (a.stage ?? -1) - (b.stage ?? -1));
}

/** Every reason `reader` cannot read `writer`'s data, by path; what avsc alone refuses too. */
function connect(writer: RegisteredSchema, reader: RegisteredSchema, schemas: SchemaRegistry): string[] {
  if (writer.hex === reader.hex) return [];
  const problems = checkSchemaCompatibility(reader.schema, writer.schema);
  if (problems.length > 0) return problems.map((p) => `${p.path || reader.fullName}: ${p.message}`);
  try {
    schemas.resolver(reader, writer); // the resolver that will run must agree
    return [];
  } catch (error) {
    return [`${reader.fullName}: ${errorMessage(error)}`];
  }
}

/** A stage's declared schema must be its module's (by full name, or simple name when it has no namespace). */
function declared(index: number, uri: string, verb: 'reads' | 'writes', said: string | null, actual: RegisteredSchema | undefined, problems: PipelineProblem[]): void {
  if (said === null) return;
  const matches = actual?.fullName !== undefined && (actual.fullName === said || (!said.includes('.') && simpleName(actual.fullName) === said));
  if (matches) return;
  const what = verb === 'reads' ? 'inputSchema' : 'outputSchema';
  problems.push({
    stage: index,
    code: 'SCHEMA_MISMATCH',
    message: `stage ${index}: its ${what} is ${said}, but module ${uri} ${verb} ${actual?.fullName ?? (verb === 'reads' ? 'no typed input' : 'no typed output')}`,
    ...(verb === 'reads' ? { readerSchema: actual?.fullName ?? '' } : { writerSchema: actual?.fullName ?? '' }),
  });
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** SCHEMA_MISMATCH when every problem is one, else INVALID_PIPELINE. */
export function pipelineErrorCode(problems: PipelineProblem[]): 'INVALID_PIPELINE' | 'SCHEMA_MISMATCH' {
  return problems.every((p) => p.code === 'SCHEMA_MISMATCH') ? 'SCHEMA_MISMATCH' : 'INVALID_PIPELINE';
}
