/**
 * The Avro IDL language service: everything an editor asks about `.avdl` files (and the
 * validation of `.avsc`/`.avpr` files), over in-memory files, with no editor, DOM or Node in
 * sight. Each request takes the workspace's current files (open buffers over disk), so the
 * service never holds a stale copy; compilations are memoised against exactly the texts they
 * read, so asking again between keystrokes costs nothing.
 */
import type { CompileResult } from '../compile.js';
import { LineIndex } from '../source.js';
import * as paths from '../../util/path.js';
import { CompileCache, isIdlPath } from './compile-cache.js';
import { completionContext } from './completion-context.js';
import { completionItems } from './completions.js';
import { idlDiagnostics } from './diagnostics.js';
import { astImportSignature, importSignature } from './import-graph.js';
import { declaredTypes } from './local-declarations.js';
import { formatDocument } from './format-document.js';
import { hoverAt } from './hover.js';
import { isJsonSchemaPath, jsonSchemaDiagnostics } from './json-diagnostics.js';
import { definitionAt, referencesAt } from './navigation.js';
import { outlineOf } from './outline.js';
import { toOffset } from './positions.js';
import { prepareRenameAt, renameAt } from './rename.js';
import { typesInScope } from './scope.js';
import type {
  CompletionResult, DiagnosticsResult, DocumentSymbol, Files, FormatResult, HoverResult, Location, Position, PrepareRenameResult, RenameResult,
} from './types.js';

export interface LanguageServiceOptions {
  /** Directories (workspace-relative) searched for imports not found beside the importing file. */
  importPaths?: string[];
}

/** Completion contexts that offer named types (or their namespaces). */
const NEEDS_NAMES = new Set(['protocol-item', 'type', 'throws', 'namespace-name', 'annotation-value', 'field-default']);

const NOT_IDL: PrepareRenameResult & RenameResult & FormatResult = { ok: false, reason: 'Only Avro IDL (.avdl) files support this.' };

export class AvdlLanguageService {
  private readonly cache: CompileCache;
  private readonly importPaths: string[];

  constructor(options: LanguageServiceOptions = {}) {
    this.importPaths = options.importPaths ?? [];
    this.cache = new CompileCache(this.importPaths);
  }

  /** The compilation of an `.avdl` file, with the line index of its text; undefined for other files. */
  private async compiled(files: Files, path: string): Promise<{ result: CompileResult; text: string; index: LineIndex; path: string } | undefined> {
    const main = paths.normalize(path);
    if (!isIdlPath(main) || !files.has(main)) return undefined;
    const result = await this.cache.compile(files, main);
    const source = result.files.get(main);
    return { result, path: main, text: source?.text ?? '', index: source?.lineIndex ?? new LineIndex('') };
  }

  /**
   * Every problem of the file, ranged, and (without errors, unless `output: false`) its
   * compiled JSON. Writing the JSON of a large protocol takes longer than finding its problems,
   * so the diagnostics worker asks for the markers first and the JSON after.
   */
  async diagnostics(files: Files, path: string, options: { output?: boolean } = {}): Promise<DiagnosticsResult> {
    const main = paths.normalize(path);
    const text = files.get(main);
    const output = options.output ?? true;
    if (text === undefined) return { path: main, markers: [], errorCount: 0, warningCount: 0 };
    if (isJsonSchemaPath(main)) return jsonSchemaDiagnostics(text, main, output);
    const compiled = await this.compiled(files, main);
    if (!compiled) return { path: main, markers: [], errorCount: 0, warningCount: 0 };
    return idlDiagnostics(compiled.result, main, this.importPaths, output);
  }

  async completions(files: Files, path: string, position: Position): Promise<CompletionResult> {
    const main = paths.normalize(path);
    const text = files.get(main);
    if (text === undefined || !isIdlPath(main)) return { items: [], context: 'none' };
    // Between keystrokes a file changes, its imports rarely: their names come from the latest
    // compilation while the import statements and the imported files are as they were, and the
    // file's own names from its current text. So typing never waits for a compilation.
    let result = this.cache.latestWithSameImports(files, main);
    const ast = result?.files.get(main)?.ast;
    if (!result || !ast || astImportSignature(ast) !== importSignature(text)) result = await this.cache.compile(files, main);
    const source = result.files.get(main);
    const index = source?.text === text ? source.lineIndex : new LineIndex(text);
    const context = completionContext(text, toOffset(index, position));
    if (context.kind === 'none') return { items: [], context: 'none' };
    const types = NEEDS_NAMES.has(context.kind) ? typesInScope(main, declaredTypes(text), result, this.cache.lastParsedCompilation(main)) : [];
    const items = completionItems({ context, path: main, index, types, files });
    return { items, context: context.kind };
  }

  async hover(files: Files, path: string, position: Position): Promise<HoverResult | undefined> {
    const compiled = await this.compiled(files, path);
    if (!compiled) return undefined;
    return hoverAt(compiled.result, compiled.path, compiled.text, compiled.index, toOffset(compiled.index, position));
  }

  async definition(files: Files, path: string, position: Position): Promise<Location[]> {
    const compiled = await this.compiled(files, path);
    if (!compiled) return [];
    return definitionAt(compiled.result, compiled.path, toOffset(compiled.index, position), files, this.importPaths);
  }

  async references(files: Files, path: string, position: Position, includeDeclaration = true): Promise<Location[]> {
    const compiled = await this.compiled(files, path);
    if (!compiled) return [];
    const all = await this.cache.compileAll(files);
    return referencesAt(compiled.result, compiled.path, toOffset(compiled.index, position), all, includeDeclaration);
  }

  async prepareRename(files: Files, path: string, position: Position): Promise<PrepareRenameResult> {
    const compiled = await this.compiled(files, path);
    if (!compiled) return NOT_IDL;
    return prepareRenameAt(compiled.result, compiled.path, toOffset(compiled.index, position), compiled.index);
  }

  async rename(files: Files, path: string, position: Position, newName: string): Promise<RenameResult> {
    const compiled = await this.compiled(files, path);
    if (!compiled) return NOT_IDL;
    const all = await this.cache.compileAll(files);
    return renameAt(compiled.result, compiled.path, toOffset(compiled.index, position), newName, all);
  }

  async format(files: Files, path: string, options: { indentWidth?: number } = {}): Promise<FormatResult> {
    const main = paths.normalize(path);
    const text = files.get(main);
    if (text === undefined || !isIdlPath(main)) return NOT_IDL;
    return formatDocument(text, main, new LineIndex(text), options);
  }

  async outline(files: Files, path: string): Promise<DocumentSymbol[]> {
    const compiled = await this.compiled(files, path);
    if (!compiled) return [];
    return outlineOf(compiled.result, compiled.path, compiled.index);
  }
}

/** What an editor asks: the service's requests, wherever it runs (here, or behind a worker). */
export type LanguageService = Pick<AvdlLanguageService, 'diagnostics' | 'completions' | 'hover' | 'definition' | 'references' | 'prepareRename' | 'rename' | 'format' | 'outline'>;

export function createLanguageService(options?: LanguageServiceOptions): AvdlLanguageService {
  return new AvdlLanguageService(options);
}
