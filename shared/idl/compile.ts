/**
 * The IDL compiler: reads a `.avdl` file and everything it imports, and lowers it to the
 * Avro model exactly as Apache Avro 1.12's Java IDL reader would: same names, namespaces,
 * docs, properties, null placement of optional types, type and message order.
 *
 * It never stops at the first problem: every file is parsed with recovery, every reference
 * resolved, every default checked, and all problems come back as diagnostics with ranges.
 * Files are read through an injected reader, so this runs in Node and in the browser alike.
 */
import type * as Ast from './ast.js';
import type { Diagnostic } from './diagnostics.js';
import { formatDiagnostic, hasErrors, locate } from './diagnostics.js';
import { parseIdl } from './parser.js';
import { LineIndex, span, type Range } from './source.js';
import { SymbolIndex } from './symbols.js';
import { lowerFile, type FileLowering, type MessageDraft } from './lower.js';
import { resolveDeclarations } from './resolve.js';
import type { JsonValue, NamedSchema, Protocol, Schema } from '../avro/model.js';
import { protocolToJson, schemaToJson, schemasToJson } from '../avro/schema-writer.js';
import { importJsonFile } from './import-json.js';
import * as paths from '../util/path.js';

/** Reads source files. Returns undefined when the file does not exist. */
export interface SourceReader {
  read(path: string): Promise<string | undefined>;
}

export interface CompileOptions {
  reader: SourceReader;
  /** Directories searched for imports not found beside the importing file (Java's classpath). */
  importPaths?: string[];
}

export interface SourceFile {
  path: string;
  text: string;
  lineIndex: LineIndex;
  /** The syntax tree, for `.avdl` files. */
  ast?: Ast.IdlFile;
}

export interface CompileResult {
  /** A protocol file; a schema-syntax file with `schema T;`; or one without (its named types). */
  kind: 'protocol' | 'schema' | 'schemas';
  protocol?: Protocol;
  schema?: Schema;
  schemas?: NamedSchema[];
  diagnostics: Diagnostic[];
  /** No errors (warnings allowed). */
  ok: boolean;
  /** Every file read, by path: the main file first. */
  files: Map<string, SourceFile>;
  symbols: SymbolIndex;
  /** Every named type the compilation defined, imports included, in the order Java registers them (the editor's names in scope). */
  types?: NamedSchema[];
}

/** Shared state of one compilation: the names defined so far and every file read. */
export class Compilation {
  readonly names = new Map<string, NamedSchema>();
  /** Named types in the order Java registers them. */
  readonly types: NamedSchema[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly files = new Map<string, SourceFile>();
  readonly symbols = new SymbolIndex();
  readonly lowered: FileLowering[] = [];
  private readonly readLocations = new Set<string>();
  private readonly importStack: string[] = [];

  constructor(private readonly options: CompileOptions) {}

  /** Reports a problem at `range` (a node, or any range; it is copied, so no tree is kept alive). */
  report(file: string, range: Range, message: string, code: string, severity: 'error' | 'warning' = 'error', related?: Diagnostic['related']): void {
    this.diagnostics.push({ severity, code, message, file, range: span(range), related });
  }

  /** Reads, parses and lowers one IDL file (and, through it, its imports). */
  async compileFile(path: string, text: string): Promise<FileLowering> {
    this.readLocations.add(path);
    this.importStack.push(path);
    const parsed = parseIdl(text, path);
    this.files.set(path, { path, text, lineIndex: new LineIndex(text), ast: parsed.ast });
    this.diagnostics.push(...parsed.diagnostics);
    const lowering = await lowerFile(parsed.ast, this);
    this.lowered.push(lowering);
    this.importStack.pop();
    return lowering;
  }

  /** Handles an import statement: finds the file, skips what was read already, reads the rest. */
  async importFile(decl: Ast.ImportDecl, importer: string): Promise<MessageDraft[]> {
    const target = decl.path.value;
    if (target === '') return [];
    const candidates = [paths.resolve(paths.dirname(importer), target), ...(this.options.importPaths ?? []).map((dir) => paths.resolve(dir, target))];
    let found: { path: string; text: string } | undefined;
    for (const candidate of candidates) {
      const text = await this.readSource(candidate);
      if (text !== undefined) {
        found = { path: candidate, text };
        break;
      }
    }
    if (!found) {
      const where = candidates.map((c) => paths.dirname(c)).join(', ');
      const hint = this.options.importPaths?.length ? '' : ' (add --import-path DIR to search more directories)';
      this.report(importer, decl.path, `cannot find imported file "${target}": looked in ${where}${hint}`, 'missing-import');
      return [];
    }
    const cycleAt = this.importStack.indexOf(found.path);
    if (cycleAt >= 0) {
      const chain = [...this.importStack.slice(cycleAt), found.path].map((p) => paths.basename(p)).join(' → ');
      this.report(importer, decl, `import cycle: ${chain}; break the cycle by moving the shared types into a file both import`, 'import-cycle');
      return [];
    }
    // Each file is read once per compilation, as Java does: diamonds are fine.
    if (this.readLocations.has(found.path)) return [];
    this.readLocations.add(found.path);
    if (decl.importKind === 'idl') {
      const lowering = await this.compileFile(found.path, found.text);
      return lowering.messages;
    }
    this.files.set(found.path, { path: found.path, text: found.text, lineIndex: new LineIndex(found.text) });
    return importJsonFile(decl, importer, found.path, found.text, this);
  }

  private async readSource(path: string): Promise<string | undefined> {
    try {
      return await this.options.reader.read(path);
    } catch {
      return undefined;
    }
  }

  /** Registers a named type, unless its full name is taken; returns whether it was registered. */
  register(schema: NamedSchema): boolean {
    if (this.names.has(schema.fullName)) return false;
    this.names.set(schema.fullName, schema);
    this.types.push(schema);
    return true;
  }
}

function emptyResult(compilation: Compilation): CompileResult {
  return { kind: 'schemas', schemas: [], diagnostics: compilation.diagnostics, ok: false, files: compilation.files, symbols: compilation.symbols, types: compilation.types };
}

/** Compiles an IDL file and its imports to a protocol or schema. Never throws for bad input. */
export async function compileIdl(path: string, options: CompileOptions): Promise<CompileResult> {
  const main = paths.normalize(path);
  const compilation = new Compilation(options);
  let text: string | undefined;
  try {
    text = await options.reader.read(main);
  } catch (error) {
    compilation.report(main, { start: 0, end: 0 }, `cannot read ${main}: ${(error as Error).message}`, 'io');
    return emptyResult(compilation);
  }
  if (text === undefined) {
    compilation.report(main, { start: 0, end: 0 }, `cannot read ${main}: no such file`, 'io');
    return emptyResult(compilation);
  }
  const lowering = await compilation.compileFile(main, text);
  const resolved = resolveDeclarations(lowering, compilation);
  const base = { diagnostics: compilation.diagnostics, ok: !hasErrors(compilation.diagnostics), files: compilation.files, symbols: compilation.symbols, types: compilation.types };
  if (resolved.protocol) return { kind: 'protocol', protocol: resolved.protocol, ...base };
  if (resolved.mainSchema) return { kind: 'schema', schema: resolved.mainSchema, ...base };
  return { kind: 'schemas', schemas: compilation.types, ...base };
}

/** Compiles IDL text held in memory (an editor buffer); imports go through the reader. */
export async function compileIdlText(path: string, text: string, options: CompileOptions): Promise<CompileResult> {
  const main = paths.normalize(path);
  const reader: SourceReader = { read: (p) => (p === main ? Promise.resolve(text) : options.reader.read(p)) };
  return compileIdl(main, { ...options, reader });
}

/** Every diagnostic as `file:line:col: message`, sorted by file and position. */
export function formatDiagnostics(result: Pick<CompileResult, 'diagnostics' | 'files'>, displayPath: (path: string) => string = (p) => p): string[] {
  return [...result.diagnostics]
    .sort((a, b) => (a.file === b.file ? a.range.start - b.range.start : a.file < b.file ? -1 : 1))
    .map((d) => {
      const file = result.files.get(d.file);
      return formatDiagnostic(locate({ ...d, file: displayPath(d.file) }, file?.lineIndex ?? new LineIndex('')));
    });
}

/** The compiled document as Avro JSON: the protocol (.avpr), the main schema, or the list of named schemas (.avsc). */
export function compileResultToJson(result: CompileResult): JsonValue {
  if (result.kind === 'protocol' && result.protocol) return protocolToJson(result.protocol);
  if (result.kind === 'schema' && result.schema) return schemaToJson(result.schema);
  return schemasToJson(result.schemas ?? []);
}

