/**
 * A node's pipelines: the registered ones (persisted by the store), the check every definition
 * passes before it is registered or run, and the runner. SPLPipelineService, the built-in
 * modules `spl/pipeline/run` and `spl/execute/next` and the seed's `spl.pipeline` all go
 * through here, so a definition means the same everywhere.
 */
import type { SchemaRegistry } from '../schemas/schema-registry.js';
import { errorMessage } from '../rpc/errors.js';
import type { Datum } from '../modules/datum.js';
import type { ModuleRegistry } from '../modules/registry.js';
import { checkPipeline, type PipelineProblem } from './check.js';
import type { PipelineDef, PipelineDefinitions } from './definition.js';
import { invalidPipeline, pipelineError } from './pipeline-error.js';
import type { PipelineRun, PipelineRunner, RunPipelineOptions } from './runner.js';
import type { PipelineStore } from './store.js';

export class Pipelines {
  /** Definitions found good, with the module registry's version they were checked against. */
  private readonly good = new WeakMap<PipelineDef, number>();

  constructor(
    readonly store: PipelineStore,
    readonly definitions: PipelineDefinitions,
    private readonly runner: PipelineRunner,
    private readonly modules: ModuleRegistry,
    private readonly schemas: SchemaRegistry,
  ) {}

  /** Every problem with a definition; empty when it can run here. */
  problems(definition: PipelineDef): PipelineProblem[] {
    return checkPipeline(definition, this.modules, this.schemas);
  }

  /** The definition, or PipelineError listing every problem (checks are cached until modules change). */
  checked(definition: PipelineDef): PipelineDef {
    if (this.good.get(definition) === this.modules.version) return definition;
    const problems = this.problems(definition);
    if (problems.length > 0) throw invalidPipeline(definition.name, problems);
    this.good.set(definition, this.modules.version);
    return definition;
  }

  /** Checks and saves a pipeline, replacing one of that name. */
  async register(definition: PipelineDef): Promise<void> {
    const checked = this.checked(definition);
    try {
      await this.store.put(checked);
    } catch (error) {
      throw pipelineError('STORAGE_FAILURE', `pipeline '${definition.name}' cannot be saved in ${this.store.dir}: ${errorMessage(error)}; free disk space or fix the folder's permissions`, definition.name, undefined, { error: errorMessage(error) });
    }
  }

  list(): string[] {
    return this.store.list();
  }

  /** A registered pipeline, or PipelineError PIPELINE_NOT_FOUND. */
  get(name: string): PipelineDef {
    const found = this.store.get(name);
    if (found) return found;
    const known = this.store.list();
    throw pipelineError('PIPELINE_NOT_FOUND', `no pipeline '${name}' is registered on this node${known.length ? `; it has ${known.join(', ')}` : '; register one with registerPipeline'}`, name);
  }

  /** Runs a registered pipeline (by name) or an inline definition, checked first. */
  async run(pipeline: string | PipelineDef, input: Datum, options: RunPipelineOptions = {}): Promise<PipelineRun> {
    const inline = typeof pipeline !== 'string';
    const definition = this.checked(inline ? pipeline : this.get(pipeline));
    return this.runner.run(definition, input, { ...options, inline: options.inline ?? inline });
  }
}
