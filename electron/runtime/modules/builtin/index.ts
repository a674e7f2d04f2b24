/**
 * The modules every node has: the data store's (`spl/data/*`), pipeline continuation
 * (`spl/execute/next`) and pipeline runs (`spl/pipeline/run`).
 */
import type { ModuleDefinition } from '../module.js';
import type { Pipelines } from '../../pipeline/pipelines.js';
import type { BuiltinSchemas } from './builtin-schemas.js';
import { dataModules } from './data-modules.js';
import { executeNextModule } from './execute-next.js';
import { pipelineRunModule } from './pipeline-run.js';

export const BUILTIN_SOURCE = 'built-in';

export function builtinModules(schemas: BuiltinSchemas, pipelines: Pipelines): ModuleDefinition[] {
  return [...dataModules(schemas), executeNextModule(pipelines), pipelineRunModule(pipelines, schemas)].map((m) => ({ ...m, source: BUILTIN_SOURCE }));
}
