/**
 * The modules a node can execute, gathered from sources: the built-ins, each `--modules`
 * folder, modules registered at run time. A source is replaced as a whole when it reloads.
 * When two sources define one URI, the source added first keeps it and the other is reported
 * (a user folder cannot take over `spl/data/write`). Module schemas are registered with the
 * node's SchemaRegistry, so `getModuleSchema` and Payload fingerprints find them.
 */
import type { RegisteredSchema, SchemaRegistry } from '../schemas/schema-registry.js';
import { errorMessage } from '../rpc/errors.js';
import { moduleUriProblem, type ModuleDefinition } from './module.js';

/** A module that could not be loaded or used: where it is and why. */
export interface ModuleProblem {
  /** The source (a folder, `built-in`, `runtime`). */
  source: string;
  /** The module's folder or file, or its URI. */
  path: string;
  message: string;
}

export interface LoadedModule extends ModuleDefinition {
  /** The registry source that defines it (its `source` is where its files are). */
  origin: string;
  inputSchema?: RegisteredSchema;
  outputSchema?: RegisteredSchema;
}

export type ModuleListener = (change: { source: string; modules: string[] }) => void;

export class ModuleRegistry {
  /** Sources in the order they were first added: earlier wins a URI. */
  private readonly sources = new Map<string, { modules: Map<string, LoadedModule>; problems: ModuleProblem[] }>();
  private effective?: Map<string, LoadedModule>;
  private readonly listeners = new Set<ModuleListener>();
  /** Goes up with every change: what was checked against an older version must be checked again. */
  version = 0;

  constructor(private readonly schemas: SchemaRegistry) {}

  /** Replaces everything `source` defines. Problems found on the way are kept with the source. */
  setSource(source: string, definitions: ModuleDefinition[], problems: ModuleProblem[] = []): void {
    const modules = new Map<string, LoadedModule>();
    const found = [...problems];
    for (const definition of definitions) {
      const loaded = this.prepare(definition, source, found);
      if (!loaded) continue;
      if (modules.has(loaded.uri)) {
        found.push({ source, path: definition.source ?? loaded.uri, message: `module ${loaded.uri} is defined twice in ${source}; the first one is used` });
        continue;
      }
      modules.set(loaded.uri, loaded);
    }
    const before = this.sources.get(source)?.modules.keys() ?? [];
    this.sources.set(source, { modules, problems: found });
    this.changed(source, [...new Set([...before, ...modules.keys()])]);
  }

  /** Adds or replaces one module of `source` (default `runtime`: registered by code). Throws when it cannot be used. */
  register(definition: ModuleDefinition, source = 'runtime'): LoadedModule {
    const problems: ModuleProblem[] = [];
    const loaded = this.prepare(definition, source, problems);
    if (!loaded) throw new Error(problems.map((p) => p.message).join('; '));
    const owner = this.ownerOf(loaded.uri);
    if (owner !== undefined && owner !== source) throw new Error(`module ${loaded.uri} is already defined by ${owner}`);
    let entry = this.sources.get(source);
    if (!entry) this.sources.set(source, (entry = { modules: new Map(), problems: [] }));
    entry.modules.set(loaded.uri, loaded);
    this.changed(source, [loaded.uri]);
    return loaded;
  }

  /** Removes a module that `source` defines; true if there was one. */
  unregister(uri: string, source = 'runtime'): boolean {
    const removed = this.sources.get(source)?.modules.delete(uri) ?? false;
    if (removed) this.changed(source, [uri]);
    return removed;
  }

  removeSource(source: string): void {
    const entry = this.sources.get(source);
    if (!entry) return;
    this.sources.delete(source);
    this.changed(source, [...entry.modules.keys()]);
  }

  get(uri: string): LoadedModule | undefined {
    return this.table().get(uri);
  }

  /** Every module, sorted by URI. */
  list(): LoadedModule[] {
    return [...this.table().values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  /** What went wrong loading modules, source by source, URI conflicts included. */
  problems(source?: string): ModuleProblem[] {
    const result: ModuleProblem[] = [];
    const table = this.table();
    for (const [name, entry] of this.sources) {
      if (source !== undefined && name !== source) continue;
      result.push(...entry.problems);
      for (const module of entry.modules.values()) {
        const winner = table.get(module.uri);
        if (winner && winner.origin !== name) result.push({ source: name, path: module.source ?? module.uri, message: `module ${module.uri} is already defined by ${winner.origin}; this one is ignored` });
      }
    }
    return result;
  }

  /** Called after every change, with the source and the URIs it touched. Returns an unsubscribe. */
  onChange(listener: ModuleListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private ownerOf(uri: string): string | undefined {
    return this.table().get(uri)?.origin;
  }

  private table(): Map<string, LoadedModule> {
    if (!this.effective) {
      this.effective = new Map();
      for (const entry of this.sources.values()) {
        for (const module of entry.modules.values()) if (!this.effective.has(module.uri)) this.effective.set(module.uri, module);
      }
    }
    return this.effective;
  }

  private changed(source: string, modules: string[]): void {
    this.effective = undefined;
    this.version++;
    for (const listener of this.listeners) listener({ source, modules });
  }

  /** Checks a definition and registers its schemas; undefined (with a problem) when it cannot be used. */
  private prepare(definition: ModuleDefinition, source: string, problems: ModuleProblem[]): LoadedModule | undefined {
    const where = definition.source ?? definition.uri;
    const uriProblem = moduleUriProblem(definition.uri);
    if (uriProblem) {
      problems.push({ source, path: where, message: uriProblem });
      return undefined;
    }
    if (typeof definition.handler !== 'function') {
      problems.push({ source, path: where, message: `module ${definition.uri} has no handler function` });
      return undefined;
    }
    try {
      return {
        ...definition,
        origin: source,
        inputSchema: definition.input ? this.schemas.register(definition.input) : undefined,
        outputSchema: definition.output ? this.schemas.register(definition.output) : undefined,
      };
    } catch (error) {
      problems.push({ source, path: where, message: `module ${definition.uri}: its schemas cannot be used: ${errorMessage(error)}` });
      return undefined;
    }
  }
}
