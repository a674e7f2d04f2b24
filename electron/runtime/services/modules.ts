/**
 * What a node can execute: modules by URI (`spl/data/write`). The registry is the seam where
 * built-in and user modules plug in (issue #5); a node starts with the modules it is given.
 */
export interface ModuleDescription {
  uri: string;
  description?: string;
  /** Full name of the input and output schemas, when typed. */
  inputSchema?: string;
  outputSchema?: string;
}

export interface ModuleRegistry {
  list(): ModuleDescription[];
  get(uri: string): ModuleDescription | undefined;
}

export class StaticModuleRegistry implements ModuleRegistry {
  private readonly modules = new Map<string, ModuleDescription>();

  constructor(modules: ModuleDescription[] = []) {
    for (const module of modules) this.modules.set(module.uri, module);
  }

  list(): ModuleDescription[] {
    return [...this.modules.values()].sort((a, b) => (a.uri < b.uri ? -1 : 1));
  }

  get(uri: string): ModuleDescription | undefined {
    return this.modules.get(uri);
  }
}
