/**
 * Registered pipelines, kept with the node: one JSON file per pipeline in `<dataDir>/pipelines/`,
 * in Avro's JSON encoding of spl.pipeline.PipelineDefinition (readable by any Avro tool and by
 * people), written atomically so a crash leaves the old definition or the new, never half. The
 * file name is the pipeline name, percent-encoded (names may hold `/`). A file that cannot be
 * read is reported and skipped; the others still load.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fromAvroJson, toAvroJson, type RuntimeValue } from '../../../shared/avro/avro-json.js';
import { parseLocatedJson } from '../../../shared/avro/located-json.js';
import { toJsonText } from '../../../shared/avro/json-text.js';
import { errorMessage } from '../rpc/errors.js';
import { writeAtomic } from '../studio/atomic-write.js';
import type { PipelineDef, PipelineDefinitions } from './definition.js';

export interface StoreProblem {
  file: string;
  message: string;
}

export class PipelineStore {
  private readonly pipelines = new Map<string, PipelineDef>();

  private constructor(
    readonly dir: string,
    private readonly definitions: PipelineDefinitions,
    /** Files that could not be read when the store opened. */
    readonly problems: StoreProblem[],
  ) {}

  /** Opens (creating) the folder and reads every pipeline in it. */
  static async open(dir: string, definitions: PipelineDefinitions): Promise<PipelineStore> {
    const store = new PipelineStore(dir, definitions, []);
    let entries: string[];
    try {
      await mkdir(dir, { recursive: true });
      entries = await readdir(dir);
    } catch (error) {
      // A data dir that cannot be read (permissions, a full disk) must not stop the node: it runs
      // without registered pipelines, and registering says why it cannot save.
      store.problems.push({ file: dir, message: errorMessage(error) });
      return store;
    }
    for (const entry of entries.sort()) {
      if (!entry.endsWith('.json') || entry.startsWith('.')) continue;
      const file = path.join(dir, entry);
      try {
        const json = parseLocatedJson(await readFile(file, 'utf8')).value;
        const definition = definitions.fromEngine(fromAvroJson(definitions.schema, json, 'pipeline'));
        const expected = fileName(definition.name);
        if (expected !== entry) throw new Error(`it defines pipeline '${definition.name}', which belongs in ${expected}`);
        store.pipelines.set(definition.name, definition);
      } catch (error) {
        store.problems.push({ file, message: errorMessage(error) });
      }
    }
    return store;
  }

  list(): string[] {
    return [...this.pipelines.keys()].sort();
  }

  get(name: string): PipelineDef | undefined {
    return this.pipelines.get(name);
  }

  /** Saves a pipeline (replacing one of that name); durable when it resolves. */
  async put(definition: PipelineDef): Promise<void> {
    const json = toAvroJson(this.definitions.schema, this.definitions.toEngine(definition) as RuntimeValue, 'pipeline');
    await writeAtomic(path.join(this.dir, fileName(definition.name)), toJsonText(json) + '\n');
    this.pipelines.set(definition.name, definition);
  }

  async remove(name: string): Promise<boolean> {
    if (!this.pipelines.has(name)) return false;
    await rm(path.join(this.dir, fileName(name)), { force: true });
    this.pipelines.delete(name);
    return true;
  }
}

/** `user-analytics.json`, `team%2Freport.json`; a leading dot is encoded too, so no name makes a hidden file. */
function fileName(name: string): string {
  return `${encodeURIComponent(name).replace(/^\./, '%2E')}.json`;
}
