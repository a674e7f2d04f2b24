/**
 * The outline of a file: its protocol, the named types in it with their fields (an enum with
 * its symbols), and the messages with their parameters, in source order.
 */
import type { CompileResult } from '../compile.js';
import type { SymbolDefinition } from '../symbols.js';
import type { LineIndex } from '../source.js';
import { toEditorRange } from './positions.js';
import type { DocumentSymbol } from './types.js';

export function outlineOf(result: CompileResult, path: string, index: LineIndex): DocumentSymbol[] {
  const definitions = result.symbols.definitionsIn(path);
  const nodes = new Map<string, DocumentSymbol>();
  const toSymbol = (def: SymbolDefinition): DocumentSymbol => ({
    name: def.name, detail: def.kind === 'field' || def.kind === 'parameter' ? def.detail : def.fullName !== def.name ? def.fullName : def.detail,
    kind: def.kind, range: toEditorRange(index, def.range), selectionRange: toEditorRange(index, def.nameRange), children: [],
  });
  const roots: DocumentSymbol[] = [];
  const protocol = definitions.find((d) => d.kind === 'protocol');
  for (const def of definitions) {
    const symbol = toSymbol(def);
    nodes.set(def.id, symbol);
    // Named types have no container in the index; in a protocol file they sit inside the protocol.
    const parentId = def.container ?? (def !== protocol && protocol && def.range.start >= protocol.range.start && def.range.end <= protocol.range.end ? protocol.id : undefined);
    const parent = parentId === undefined ? undefined : nodes.get(parentId);
    (parent ? parent.children : roots).push(symbol);
  }
  return roots;
}
