/**
 * `spl fmt FILE... [--write | --check]`: formats Avro IDL files in the canonical layout
 * (shared/idl/format.ts). With one file and no option it prints the formatted text; `--write`
 * rewrites the files that change; `--check` lists the files that are not formatted and exits 1
 * if there are any. A directory stands for every `.avdl` file under it. A file with syntax
 * errors is never touched: its errors go to stderr as `file:line:col: message`, exit 1.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatDiagnostic, locate } from '../../../shared/idl/diagnostics.js';
import { formatIdl } from '../../../shared/idl/format.js';
import { parseIdl } from '../../../shared/idl/parser.js';
import { LineIndex } from '../../../shared/idl/source.js';
import { UsageError, type CliIo } from '../io.js';
import type { Command } from '../main.js';

const usage = `Usage: spl fmt FILE... [--write | --check]

Formats Avro IDL (.avdl) files in the canonical layout: 2-space indentation, one declaration
per line, every comment kept. A directory stands for every .avdl file under it.

Options:
  (none)        print the formatted text of one file to stdout
  -w, --write   rewrite the files in place (only those that change), naming each
  -c, --check   list the files that are not formatted; exit 1 if there are any

Files with syntax errors are left alone: their errors go to stderr as file:line:col: message,
and the exit code is 1.`;

type Mode = 'print' | 'write' | 'check';

function parseArgs(args: string[]): { mode: Mode; files: string[] } {
  let mode: Mode = 'print';
  const files: string[] = [];
  const setMode = (next: Mode): void => {
    if (mode !== 'print' && mode !== next) throw new UsageError('--write and --check do not go together');
    mode = next;
  };
  for (const arg of args) {
    if (arg === '--write' || arg === '-w') setMode('write');
    else if (arg === '--check' || arg === '-c') setMode('check');
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length === 0) throw new UsageError('which file? Give one or more .avdl files (or directories)');
  return { mode, files };
}

/** The .avdl files under a directory, sorted, as paths joined to `shown`. */
async function avdlFilesUnder(dir: string, shown: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const child = path.join(shown, entry.name);
    if (entry.isDirectory()) found.push(...(await avdlFilesUnder(path.join(dir, entry.name), child)));
    else if (entry.isFile() && entry.name.endsWith('.avdl')) found.push(child);
  }
  return found;
}

function errorText(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

export const fmtCommand: Command = {
  name: 'fmt',
  summary: 'format Avro IDL (.avdl) files in the canonical layout',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const options = parseArgs(args);
    let failed = false;
    // Expand directories; keep the names as the user gave them, for messages.
    const files: string[] = [];
    for (const file of options.files) {
      const absolute = path.resolve(io.cwd, file);
      let isDirectory = false;
      try {
        isDirectory = (await stat(absolute)).isDirectory();
      } catch {
        // Not there: reported when read below.
      }
      if (isDirectory) files.push(...(await avdlFilesUnder(absolute, file)));
      else files.push(file);
    }
    if (options.mode === 'print' && files.length !== 1) {
      throw new UsageError(files.length === 0
        ? 'no .avdl files found'
        : `printing takes one file (got ${files.length}); use --write or --check for several`);
    }
    const unformatted: string[] = [];
    for (const file of files) {
      const absolute = path.resolve(io.cwd, file);
      let text: string;
      try {
        text = await readFile(absolute, 'utf8');
      } catch (error) {
        io.stderr(`spl fmt: cannot read ${file}: ${errorText(error)}\n`);
        failed = true;
        continue;
      }
      const { ast, diagnostics } = parseIdl(text, file);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) {
        const index = new LineIndex(text);
        io.stderr(errors.map((d) => formatDiagnostic(locate(d, index)) + '\n').join(''));
        io.stderr(`${file}: ${errors.length} syntax error${errors.length === 1 ? '' : 's'}; not formatted.\n`);
        failed = true;
        continue;
      }
      let formatted: string;
      try {
        formatted = formatIdl(ast);
      } catch (error) {
        io.stderr(`spl fmt: ${(error as Error).message}\n`);
        failed = true;
        continue;
      }
      if (options.mode === 'print') {
        io.stdout(formatted);
      } else if (formatted !== text) {
        if (options.mode === 'check') {
          unformatted.push(file);
          io.stdout(`${file}\n`);
        } else {
          try {
            await writeFile(absolute, formatted);
            io.stdout(`formatted ${file}\n`);
          } catch (error) {
            io.stderr(`spl fmt: cannot write ${file}: ${errorText(error)}\n`);
            failed = true;
          }
        }
      }
    }
    if (unformatted.length > 0) {
      io.stderr(`${unformatted.length} file${unformatted.length === 1 ? ' is' : 's are'} not formatted; run spl fmt --write to fix.\n`);
      return 1;
    }
    return failed ? 1 : 0;
  },
};
