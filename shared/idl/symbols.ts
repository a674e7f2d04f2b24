/**
 * The symbol index: for every name in a compilation, where it is defined and where it is
 * referenced, across imports. Go to definition, find references, rename, hover and the
 * outline all read it.
 */
import type { Range } from './source.js';

export type SymbolKind = 'protocol' | 'record' | 'error' | 'enum' | 'fixed' | 'field' | 'message' | 'parameter' | 'enum-symbol';

export interface SymbolDefinition {
  /** Unique key: a type's full name; `Type.field`; `Protocol#message`; `Protocol#message(param)`; `Enum::SYMBOL`. */
  id: string;
  kind: SymbolKind;
  /** The simple name, as a rename would change it. */
  name: string;
  fullName: string;
  file: string;
  /** The range of the name itself. */
  nameRange: Range;
  /** The whole declaration (doc and annotations included). */
  range: Range;
  doc?: string;
  /** The id of the enclosing definition (the record of a field, the message of a parameter). */
  container?: string;
  /** A one-line description for hovers: `record spl.common.Payload`, `string? title`. */
  detail: string;
}

export interface SymbolReference {
  /** The id of the definition referred to. */
  target: string;
  file: string;
  range: Range;
}

export class SymbolIndex {
  private readonly table = new Map<string, SymbolDefinition>();
  private deferred: (() => void)[] = [];
  readonly references: SymbolReference[] = [];

  define(definition: SymbolDefinition): void {
    if (!this.table.has(definition.id)) this.table.set(definition.id, definition);
  }

  /**
   * Registers work that defines symbols, run the first time the index is read. Fields and
   * messages are most of a file's symbols; a compilation that nobody navigates (the CLI, a
   * build) never pays for them.
   */
  defer(define: () => void): void {
    this.deferred.push(define);
  }

  /** Every definition, by id. */
  get definitions(): ReadonlyMap<string, SymbolDefinition> {
    if (this.deferred.length > 0) {
      const work = this.deferred;
      this.deferred = [];
      for (const define of work) define();
    }
    return this.table;
  }

  reference(reference: SymbolReference): void {
    this.references.push(reference);
  }

  /** The definition whose name, or a reference to it, is at this offset of this file. */
  symbolAt(file: string, offset: number): SymbolDefinition | undefined {
    for (const ref of this.references) {
      if (ref.file === file && offset >= ref.range.start && offset <= ref.range.end) return this.definitions.get(ref.target);
    }
    for (const def of this.definitions.values()) {
      if (def.file === file && offset >= def.nameRange.start && offset <= def.nameRange.end) return def;
    }
    return undefined;
  }

  /** Every place a definition's name appears: the definition first, then each reference. */
  occurrences(id: string): { file: string; range: Range; isDefinition: boolean }[] {
    const out: { file: string; range: Range; isDefinition: boolean }[] = [];
    const def = this.definitions.get(id);
    if (def) out.push({ file: def.file, range: def.nameRange, isDefinition: true });
    const refs = this.references.filter((ref) => ref.target === id);
    refs.sort((a, b) => (a.file === b.file ? a.range.start - b.range.start : a.file < b.file ? -1 : 1));
    for (const ref of refs) out.push({ file: ref.file, range: ref.range, isDefinition: false });
    return out;
  }

  /** Definitions in a file, in source order: the editor's outline. */
  definitionsIn(file: string): SymbolDefinition[] {
    return [...this.definitions.values()].filter((d) => d.file === file).sort((a, b) => a.range.start - b.range.start);
  }
}
