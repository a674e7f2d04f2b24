/**
 * User modules from a folder (`spl node --modules DIR`): every `DIR/<namespace…>/<name>/` that
 * holds a handler (`index.js` or `index.mjs`) is the module `<namespace…>/<name>`, with its
 * schemas beside it (module-schemas.ts). The handler is the default export (or a CommonJS
 * `module.exports`); an optional `export const description` describes it.
 *
 * Loading never stops at a broken module: each one is reported with its folder and why, and the
 * rest load. A folder whose files did not change since the last load keeps its loaded module,
 * so a reload imports only what changed (ES modules cannot be unloaded: each changed version
 * stays in memory, and files a handler imports itself are not reloaded; restart to reclaim).
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { errorMessage } from '../rpc/errors.js';
import { moduleUriProblem, type ModuleDefinition, type ModuleHandler } from './module.js';
import { readModuleSchemas, SCHEMA_FILES } from './module-schemas.js';
import type { ModuleProblem } from './registry.js';

const HANDLER_FILES = ['index.js', 'index.mjs'];

export interface FolderLoad {
  modules: ModuleDefinition[];
  problems: ModuleProblem[];
}

export class ModuleFolder {
  /** Per module folder: the signature of its files and what loading them gave. */
  private readonly loaded = new Map<string, { signature: string; result: ModuleDefinition | ModuleProblem }>();

  constructor(readonly root: string) {}

  async load(): Promise<FolderLoad> {
    const modules: ModuleDefinition[] = [];
    const problems: ModuleProblem[] = [];
    let dirs: string[];
    try {
      if (!(await stat(this.root)).isDirectory()) throw new Error('not a folder');
      dirs = await this.moduleDirs(this.root, problems);
    } catch (error) {
      problems.push({ source: this.root, path: this.root, message: `cannot read the modules folder: ${errorMessage(error)}` });
      return { modules, problems };
    }
    const seen = new Set<string>();
    for (const dir of dirs) {
      seen.add(dir);
      const result = await this.loadModule(dir);
      if ('handler' in result) modules.push(result);
      else problems.push(result);
    }
    for (const dir of this.loaded.keys()) if (!seen.has(dir)) this.loaded.delete(dir);
    return { modules, problems };
  }

  /** Folders below `dir` holding a handler or schema file; a module's own subfolders are its own business. */
  private async moduleDirs(dir: string, problems: ModuleProblem[]): Promise<string[]> {
    const entries = await readdir(dir, { withFileTypes: true });
    const names = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
    if (dir !== this.root && [...HANDLER_FILES, ...SCHEMA_FILES].some((f) => names.has(f))) return [dir];
    const found: string[] = [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      try {
        found.push(...(await this.moduleDirs(path.join(dir, entry.name), problems)));
      } catch (error) {
        problems.push({ source: this.root, path: path.join(dir, entry.name), message: `cannot read the folder: ${errorMessage(error)}` });
      }
    }
    return found;
  }

  private async loadModule(dir: string): Promise<ModuleDefinition | ModuleProblem> {
    const uri = path.relative(this.root, dir).split(path.sep).join('/');
    const problem = (message: string): ModuleProblem => ({ source: this.root, path: dir, message });
    let signature: string;
    let present: Set<string>;
    try {
      ({ signature, present } = await filesOf(dir));
    } catch (error) {
      return problem(`cannot read the module folder: ${errorMessage(error)}`);
    }
    const cached = this.loaded.get(dir);
    if (cached?.signature === signature) return cached.result;
    const result = await this.read(dir, uri, present, signature).catch((error: unknown) => problem(errorMessage(error)));
    this.loaded.set(dir, { signature, result });
    return result;
  }

  private async read(dir: string, uri: string, present: Set<string>, signature: string): Promise<ModuleDefinition | ModuleProblem> {
    const uriProblem = moduleUriProblem(uri);
    if (uriProblem) throw new Error(`the folder does not name a module: ${uriProblem}`);
    const handlers = HANDLER_FILES.filter((f) => present.has(f));
    if (handlers.length === 0) throw new Error(`module ${uri} has schemas but no handler: add index.js or index.mjs default-exporting the handler function`);
    if (handlers.length > 1) throw new Error(`module ${uri} has both index.js and index.mjs: keep one`);
    const schemas = await readModuleSchemas(dir, present);
    const file = path.join(dir, handlers[0]);
    // A new URL per version of the files: ES modules are cached by URL.
    const url = `${pathToFileURL(file).href}?v=${createHash('sha1').update(signature).digest('hex').slice(0, 12)}`;
    let loaded: Record<string, unknown>;
    try {
      loaded = (await import(url)) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`${handlers[0]} cannot be loaded: ${errorMessage(error)}`, { cause: error });
    }
    const handler = handlerOf(loaded);
    if (!handler) throw new Error(`${handlers[0]} must default-export the handler function (input, context) => output; it exports ${describeExports(loaded)}`);
    const description = typeof loaded.description === 'string' ? loaded.description : schemas.description;
    return { uri, description, input: schemas.input, output: schemas.output, handler, source: dir };
  }
}

/** The handler: the default export, a CommonJS `module.exports` function, or CommonJS `exports.default`. */
function handlerOf(loaded: Record<string, unknown>): ModuleHandler | undefined {
  const main = loaded.default;
  if (typeof main === 'function') return main as ModuleHandler;
  const nested = (main as { default?: unknown } | undefined)?.default;
  return typeof nested === 'function' ? (nested as ModuleHandler) : undefined;
}

function describeExports(loaded: Record<string, unknown>): string {
  const names = Object.keys(loaded);
  if (names.length === 0) return 'nothing';
  return names.map((n) => `${n} (${typeof loaded[n]})`).join(', ');
}

/** The folder's files and a signature of their names, sizes and times: what says "changed". */
async function filesOf(dir: string): Promise<{ signature: string; present: Set<string> }> {
  const entries = await readdir(dir, { withFileTypes: true });
  const present = new Set<string>();
  const parts: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    present.add(entry.name);
    const info = await stat(path.join(dir, entry.name));
    parts.push(`${entry.name}:${info.size}:${info.mtimeMs}`);
  }
  return { signature: parts.join('|'), present };
}
