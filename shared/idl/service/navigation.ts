/**
 * Go to definition and find references. A definition is known by where it stands (its file and
 * the offset of its name): the same type is defined once but seen by every compilation that
 * imports its file, so references are gathered from the compilation of every `.avdl` file of the
 * workspace and merged.
 */
import type { CompileResult } from '../compile.js';
import type { SymbolDefinition } from '../symbols.js';
import type { Range } from '../source.js';
import { LineIndex } from '../source.js';
import { importsOf, importTarget } from './import-graph.js';
import { toEditorRange } from './positions.js';
import { occurrenceAt } from './symbol-at.js';
import type { Files, Location } from './types.js';

export interface RawOccurrence {
  file: string;
  range: Range;
  isDefinition: boolean;
  /** The text of the file the range is in. */
  text: string;
  index: LineIndex;
}

function sameDefinition(a: SymbolDefinition, b: SymbolDefinition | undefined): boolean {
  return b !== undefined && a.file === b.file && a.nameRange.start === b.nameRange.start;
}

/** Every occurrence of `definition` (the declaration first), across the compilations given. */
export function occurrencesOf(definition: SymbolDefinition, compilations: readonly CompileResult[]): RawOccurrence[] {
  const seen = new Set<string>();
  const out: RawOccurrence[] = [];
  for (const result of compilations) {
    if (!sameDefinition(definition, result.symbols.definitions.get(definition.id))) continue;
    for (const o of result.symbols.occurrences(definition.id)) {
      const key = `${o.file}:${o.range.start}`;
      const file = result.files.get(o.file);
      if (seen.has(key) || !file) continue;
      seen.add(key);
      out.push({ ...o, text: file.text, index: file.lineIndex });
    }
  }
  out.sort((a, b) => Number(b.isDefinition) - Number(a.isDefinition) || (a.file === b.file ? a.range.start - b.range.start : a.file < b.file ? -1 : 1));
  return out;
}

/** Where the name under the cursor is defined; on an import's path, the imported file. */
export function definitionAt(result: CompileResult, path: string, offset: number, files: Files, importPaths: readonly string[]): Location[] {
  const occurrence = occurrenceAt(result.symbols, path, offset);
  if (occurrence) {
    const def = occurrence.definition;
    const index = result.files.get(def.file)?.lineIndex;
    return index ? [{ path: def.file, range: toEditorRange(index, def.nameRange) }] : [];
  }
  const ast = result.files.get(path)?.ast;
  const decl = ast && importsOf(ast).find((d) => offset >= d.path.start && offset <= d.path.end);
  const target = decl && importTarget(decl, path, (p) => files.has(p), importPaths);
  return target ? [{ path: target, range: toEditorRange(new LineIndex(''), { start: 0, end: 0 }) }] : [];
}

export function referencesAt(result: CompileResult, path: string, offset: number, compilations: readonly CompileResult[], includeDeclaration: boolean): Location[] {
  const occurrence = occurrenceAt(result.symbols, path, offset);
  if (!occurrence) return [];
  return occurrencesOf(occurrence.definition, [result, ...compilations])
    .filter((o) => includeDeclaration || !o.isDefinition)
    .map((o) => ({ path: o.file, range: toEditorRange(o.index, o.range) }));
}
