/** The symbol under the cursor: a reference to a definition, or a definition's own name, with the range of that occurrence. */
import type { SymbolDefinition, SymbolIndex } from '../symbols.js';
import type { Range } from '../source.js';

export interface Occurrence {
  definition: SymbolDefinition;
  /** The name as it stands at the cursor (a reference's full text, or the definition's name). */
  range: Range;
  isDefinition: boolean;
}

export function occurrenceAt(symbols: SymbolIndex, file: string, offset: number): Occurrence | undefined {
  for (const ref of symbols.references) {
    if (ref.file === file && offset >= ref.range.start && offset <= ref.range.end) {
      const definition = symbols.definitions.get(ref.target);
      if (definition) return { definition, range: ref.range, isDefinition: false };
    }
  }
  for (const def of symbols.definitions.values()) {
    if (def.file === file && offset >= def.nameRange.start && offset <= def.nameRange.end) return { definition: def, range: def.nameRange, isDefinition: true };
  }
  return undefined;
}

/** The simple name inside a (maybe dotted, maybe backticked) name's range: what a rename replaces. */
export function simpleNameRange(text: string, range: Range): Range {
  const raw = text.slice(range.start, range.end);
  // The last dot outside backticks starts the simple name.
  let inTicks = false;
  let dot = -1;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '`') inTicks = !inTicks;
    else if (raw[i] === '.' && !inTicks) dot = i;
  }
  return { start: range.start + dot + 1, end: range.end };
}
