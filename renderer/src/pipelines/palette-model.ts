/**
 * The module palette's model: the modules of every connected node, one item per module (the
 * nodes that have it listed), grouped by namespace (`tools/text`, `apps/analytics`) and
 * filtered by words that must all appear in the module, its description or its schemas.
 */
import type { ModuleDescription } from '../../../shared/studio/api.js';

/** The drag-and-drop type of a palette item: its module as JSON ({module, inputSchema, outputSchema}). */
export const MODULE_DRAG_TYPE = 'application/x-spl-module';

export interface PaletteItem {
  module: ModuleDescription;
  /** `connectionId/nodeId` of every node that has it, in node order. */
  nodes: string[];
}

export interface PaletteGroup {
  namespace: string;
  items: PaletteItem[];
}

export interface NodeModules {
  /** `connectionId/nodeId`. */
  node: string;
  modules: ModuleDescription[];
}

/** `tools/text` of `tools/text/uppercase`; `(top level)` for a module without one. */
export function namespaceOf(module: string): string {
  const at = module.lastIndexOf('/');
  return at <= 0 ? '(top level)' : module.slice(0, at);
}

export function moduleName(module: string): string {
  return module.slice(module.lastIndexOf('/') + 1);
}

function matches(item: PaletteItem, words: string[]): boolean {
  const m = item.module;
  const text = [m.module, m.description ?? '', m.inputSchema ?? '', m.outputSchema ?? ''].join('\n').toLowerCase();
  return words.every((w) => text.includes(w));
}

/** Groups sorted by namespace, items by module; the first node's description of a module wins. */
export function paletteGroups(sources: NodeModules[], query = ''): PaletteGroup[] {
  const items = new Map<string, PaletteItem>();
  for (const source of sources) {
    for (const module of source.modules) {
      const item = items.get(module.module);
      if (item) {
        if (!item.nodes.includes(source.node)) item.nodes.push(source.node);
      } else {
        items.set(module.module, { module, nodes: [source.node] });
      }
    }
  }
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  const groups = new Map<string, PaletteItem[]>();
  for (const item of items.values()) {
    if (!matches(item, words)) continue;
    const namespace = namespaceOf(item.module.module);
    groups.set(namespace, [...(groups.get(namespace) ?? []), item]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([namespace, list]) => ({ namespace, items: list.sort((a, b) => a.module.module.localeCompare(b.module.module)) }));
}
