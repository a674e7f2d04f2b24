/**
 * Built-ins that run pipelines are modules: SPLExecuteService.execute declares only
 * ExecutionError, so a PipelineError (unknown or invalid pipeline) becomes the module's reported
 * failure (status ERROR with the pipeline error's code and message) instead of an undeclared error.
 */
import { DeclaredError } from '../../rpc/errors.js';
import { PIPELINE_ERROR } from '../../pipeline/pipeline-error.js';
import { ModuleFailure } from '../module.js';

export async function asModuleFailure<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DeclaredError && error.type === PIPELINE_ERROR) {
      const value = error.value as { code: string; message: string };
      throw new ModuleFailure(value.message, value.code);
    }
    throw error;
  }
}
