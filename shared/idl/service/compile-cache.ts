/**
 * Compilations of in-memory files, memoised. The editor asks for diagnostics, completions,
 * hovers and navigation of the same text many times between keystrokes; each compilation is
 * kept with every read it made (the text it got, or that the file was missing), and is reused
 * as long as each of those reads would give the same answer.
 *
 * The last compilation whose main file parsed without syntax errors is kept too: while the user
 * is typing, the file often does not parse, and completion still wants the names it had.
 */
import { compileIdl, type CompileResult, type SourceReader } from '../compile.js';
import * as paths from '../../util/path.js';
import type { Files } from './types.js';

interface Entry {
  result: CompileResult;
  /** Every path the compilation asked for, with what it got. */
  reads: Map<string, string | undefined>;
}

export function isIdlPath(path: string): boolean {
  return path.endsWith('.avdl');
}

function stillValid(entry: Entry, files: Files): boolean {
  for (const [path, text] of entry.reads) if (files.get(path) !== text) return false;
  return true;
}

function hasSyntaxErrors(result: CompileResult, path: string): boolean {
  return result.diagnostics.some((d) => d.code === 'syntax' && d.severity === 'error' && d.file === path);
}

export class CompileCache {
  private readonly latest = new Map<string, Entry>();
  private readonly lastParsed = new Map<string, CompileResult>();

  constructor(private readonly importPaths: string[] = []) {}

  /** The compilation of `path` (an `.avdl` file) as the main file, against the current files. */
  async compile(files: Files, path: string): Promise<CompileResult> {
    const main = paths.normalize(path);
    const cached = this.latest.get(main);
    if (cached && stillValid(cached, files)) return cached.result;
    const reads = new Map<string, string | undefined>();
    const reader: SourceReader = {
      read: (p) => {
        const text = files.get(p);
        reads.set(p, text);
        return Promise.resolve(text);
      },
    };
    const result = await compileIdl(main, { reader, importPaths: this.importPaths });
    this.latest.set(main, { result, reads });
    if (!hasSyntaxErrors(result, main)) this.lastParsed.set(main, result);
    return result;
  }

  /**
   * The latest compilation of `path` as it is, even if the file changed since, when nothing it
   * read other than the file itself changed: its imported names are still right.
   */
  latestWithSameImports(files: Files, path: string): CompileResult | undefined {
    const main = paths.normalize(path);
    const entry = this.latest.get(main);
    if (!entry) return undefined;
    for (const [p, text] of entry.reads) if (p !== main && files.get(p) !== text) return undefined;
    return entry.result;
  }

  /** The last compilation of `path` whose main file had no syntax error (maybe the current one). */
  lastParsedCompilation(path: string): CompileResult | undefined {
    return this.lastParsed.get(paths.normalize(path));
  }

  /** Every `.avdl` file of the workspace compiled as a main file: what workspace-wide navigation searches. */
  async compileAll(files: Files): Promise<CompileResult[]> {
    const results: CompileResult[] = [];
    for (const path of files.keys()) if (isIdlPath(path)) results.push(await this.compile(files, path));
    // Files deleted from the workspace leave nothing behind.
    for (const path of this.latest.keys()) {
      if (!files.has(path)) {
        this.latest.delete(path);
        this.lastParsed.delete(path);
      }
    }
    return results;
  }
}
