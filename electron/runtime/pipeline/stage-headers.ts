/**
 * The SPL headers of a pipeline's stages, one rule for the node's runner (runner.ts) and the
 * studio's stage-by-stage runs, so that a module behaves the same in both: the run's context as
 * the stages change it flows on; globalConfig and a stage's configuration are given to that stage
 * only; each stage learns its place (and, for an inline run, the definition, for `spl/execute/next`).
 */
import type { PipelineDef } from './definition.js';

/** Headers a stage finds about its place in the pipeline (what `spl/execute/next` continues from). */
export const PIPELINE_HEADER = 'spl.execute.pipeline';
export const DEFINITION_HEADER = 'spl.execute.definition';
export const STAGE_HEADER = 'spl.execute.stage';
export const NEXT_HEADER = 'spl.execute.next';

/** What stage `index` is given, over the headers flowing into it; `definitionJson` for inline runs. */
export function stageHeaders(definition: PipelineDef, index: number, flowing: Record<string, string>, definitionJson?: string): Record<string, string> {
  return {
    ...flowing,
    ...definition.globalConfig,
    ...definition.stages[index].configuration,
    [PIPELINE_HEADER]: definition.name,
    [STAGE_HEADER]: String(index),
    [NEXT_HEADER]: String(index + 1),
    ...(definitionJson !== undefined ? { [DEFINITION_HEADER]: definitionJson } : {}),
  };
}

/**
 * What a stage changed in the headers it was given (added, changed, removed) goes on to the
 * next; what it returned unchanged (its configuration, say) does not.
 */
export function applyHeaderChanges(flowing: Record<string, string>, given: Record<string, string>, returned: Record<string, string>): void {
  for (const [key, value] of Object.entries(returned)) {
    // A header named __proto__ is a header like any other, not the object's prototype.
    if (!Object.hasOwn(given, key) || given[key] !== value) Object.defineProperty(flowing, key, { value, enumerable: true, writable: true, configurable: true });
  }
  for (const key of Object.keys(given)) if (!Object.hasOwn(returned, key)) delete flowing[key];
}
