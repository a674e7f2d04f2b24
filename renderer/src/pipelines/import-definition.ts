/**
 * Brings a pipeline from elsewhere (a node's registered one, as Avro JSON text) into the
 * workspace as `pipelines/<name>.json` and opens it. When that file exists, the user chooses:
 * replace it, or keep both (the new one under the next free name, `<name>-2`…).
 */
import { parsePipelineFile, pipelineNameProblem, pipelinePath, serializePipeline } from '../../../shared/studio/pipeline-file.js';
import type { Studio } from '../app/studio.js';
import { errorMessage } from '../stores/documents-store.js';
import { openPipeline } from './pipelines-view-store.js';

export async function importPipelineDefinition(studio: Studio, text: string): Promise<string | undefined> {
  const notify = (message: string) => studio.notifications.getState().push(message);
  const parsed = parsePipelineFile(text, 'the node\'s definition');
  if ('error' in parsed) {
    notify(`Could not read the pipeline: ${parsed.error}`);
    return undefined;
  }
  let definition = parsed.definition;
  const nameProblem = pipelineNameProblem(definition.name);
  if (nameProblem) {
    notify(`The pipeline "${definition.name}" cannot be a workspace file: ${nameProblem}`);
    return undefined;
  }
  const files = new Set(studio.workspace.getState().files());
  if (files.has(pipelinePath(definition.name))) {
    const choice = await studio.dialog.getState().ask({
      title: `The workspace has a pipeline named "${definition.name}"`,
      message: `Replace ${pipelinePath(definition.name)} with the node's definition, or keep both (the node's under a new name)?`,
      choices: [
        { id: 'both', label: 'Keep Both', primary: true },
        { id: 'replace', label: 'Replace' },
        { id: 'cancel', label: 'Cancel' },
      ],
    });
    if (choice === 'both') {
      let n = 2;
      while (files.has(pipelinePath(`${definition.name}-${n}`))) n++;
      definition = { ...definition, name: `${definition.name}-${n}` };
    } else if (choice !== 'replace') {
      return undefined;
    }
  }
  const path = pipelinePath(definition.name);
  try {
    await studio.api.workspace.write(path, serializePipeline(definition));
    studio.workspace.getState().setEntries(await studio.api.workspace.list());
  } catch (error) {
    notify(`Could not write ${path}: ${errorMessage(error)}`);
    return undefined;
  }
  // A replaced file that was open reloads through its change event; open it either way.
  openPipeline(studio, path);
  return path;
}
