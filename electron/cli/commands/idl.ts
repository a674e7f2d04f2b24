/**
 * `spl idl FILE [--out F] [--import-path DIR]...`: compiles Avro IDL to protocol (.avpr) or
 * schema (.avsc) JSON, like Apache Avro's `idl` tool; problems go to stderr as
 * `file:line:col: message`, every one of them, with exit code 1.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compileIdl, compileResultToJson, formatDiagnostics } from '../../../shared/idl/compile.js';
import { toJsonText } from '../../../shared/avro/json-text.js';
import { UsageError, type CliIo } from '../io.js';
import type { Command } from '../main.js';
import { displayPathFor } from '../display-path.js';
import { nodeSourceReader } from '../../runtime/fs-reader.js';

const usage = `Usage: spl idl FILE.avdl [--out FILE] [--import-path DIR]...

Compiles an Avro IDL file to JSON: a protocol file gives its protocol (.avpr); a schema-syntax
file gives its main schema, or the list of its named schemas (.avsc).

Options:
  --out FILE           write the JSON to FILE instead of stdout
  --import-path DIR    also look for imports in DIR (repeatable), as Java's tool uses its classpath

Errors are printed to stderr as file:line:col: message; the exit code is then 1.`;

function parseIdlArgs(args: string[], what: string): { file: string; out?: string; importPaths: string[] } {
  const importPaths: string[] = [];
  let out: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--out' || arg === '-o') {
      out = args[++i];
      if (out === undefined) throw new UsageError('--out needs a file name');
    } else if (arg === '--import-path' || arg === '-I') {
      const dir = args[++i];
      if (dir === undefined) throw new UsageError('--import-path needs a directory');
      importPaths.push(dir);
    } else if (arg.startsWith('--import-path=')) importPaths.push(arg.slice('--import-path='.length));
    else if (arg.startsWith('--out=')) out = arg.slice('--out='.length);
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length !== 1) throw new UsageError(files.length === 0 ? `which ${what} file?` : `one file at a time (got ${files.join(', ')})`);
  return { file: files[0], out, importPaths };
}

export const idlCommand: Command = {
  name: 'idl',
  summary: 'compile Avro IDL (.avdl) to protocol or schema JSON',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const options = parseIdlArgs(args, 'IDL');
    const file = path.resolve(io.cwd, options.file);
    const result = await compileIdl(file, { reader: nodeSourceReader, importPaths: options.importPaths.map((dir) => path.resolve(io.cwd, dir)) });
    const messages = formatDiagnostics(result, displayPathFor(io.cwd));
    if (messages.length > 0) io.stderr(messages.join('\n') + '\n');
    if (!result.ok) {
      const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
      io.stderr(`${errors} error${errors === 1 ? '' : 's'}; nothing written.\n`);
      return 1;
    }
    const json = toJsonText(compileResultToJson(result)) + '\n';
    if (options.out) {
      const outPath = path.resolve(io.cwd, options.out);
      try {
        await writeFile(outPath, json);
      } catch (error) {
        io.stderr(`spl idl: cannot write ${options.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
        return 1;
      }
    } else io.stdout(json);
    return 0;
  },
};
