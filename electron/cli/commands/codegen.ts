/**
 * `spl codegen FILE... --out DIR`: TypeScript from Avro contracts, one module per file
 * (`shared/codegen/typescript.ts` does the work; this reads the files and writes the modules).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateTypeScript, DEFAULT_RUNTIME_MODULE, type CodegenInput } from '../../../shared/codegen/typescript.js';
import { ContractLoadError, loadContract, type Contract } from '../load-contract.js';
import { displayPathFor } from '../display-path.js';
import { UsageError, type CliIo } from '../io.js';
import type { Command } from '../main.js';

const usage = `Usage: spl codegen FILE... --out DIR [--runtime MODULE] [--import-path DIR]...

Generates TypeScript from Avro contracts (.avdl, .avpr or .avsc): DIR/<name>.ts for each FILE,
with a type for every named type (records as interfaces, enums as string unions, unions as
objects keyed by branch name, declared errors as classes) and, for a protocol, a typed client
(createXClient(url or channel)), a server interface (XServer, registerX(server, handlers)) and
the protocol JSON. The output compiles under strict TypeScript.

Options:
  --out DIR            where to write the modules (created if missing)
  --runtime MODULE     the module the generated code imports the runtime from, written as
                       given (default: ${DEFAULT_RUNTIME_MODULE}, this package)
  --import-path DIR    also look for IDL imports in DIR (repeatable)

Exit code: 0 written, 1 a contract has errors (nothing is written), 2 usage.`;

interface Options {
  files: string[];
  out: string;
  runtime?: string;
  importPaths: string[];
}

function parseArgs(args: string[]): Options {
  const files: string[] = [];
  const importPaths: string[] = [];
  let out: string | undefined;
  let runtime: string | undefined;
  const value = (i: number, option: string): string => {
    const v = args[i];
    if (v === undefined) throw new UsageError(`${option} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--out' || arg === '-o') out = value(++i, arg);
    else if (arg === '--runtime') runtime = value(++i, arg);
    else if (arg === '--import-path' || arg === '-I') importPaths.push(value(++i, arg));
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length === 0) throw new UsageError('which contract files?');
  if (out === undefined) throw new UsageError('where to? (--out DIR)');
  return { files, out, runtime, importPaths };
}

/** `spl-data.avdl` → `spl-data.ts`; `user_record.avsc`'s unnamed schema → `UserRecord`. */
function moduleName(file: string): string {
  return path.basename(file).replace(/\.(avdl|avpr|avsc|json)$/i, '');
}

function typeNameOf(file: string): string {
  const words = moduleName(file).split(/[^\p{L}\p{Nd}]+/u).filter(Boolean);
  return words.map((w) => w[0].toUpperCase() + w.slice(1)).join('') || 'Schema';
}

function codegenInput(contract: Contract, file: string): CodegenInput {
  switch (contract.kind) {
    case 'protocol':
      return { kind: 'protocol', protocol: contract.protocol };
    case 'schema':
      return { kind: 'schemas', schemas: [contract.schema], mainName: typeNameOf(file) };
    case 'schemas':
      return { kind: 'schemas', schemas: contract.schemas };
  }
}

export const codegenCommand: Command = {
  name: 'codegen',
  summary: 'generate TypeScript types, typed clients and server interfaces from contracts',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const options = parseArgs(args);
    const display = displayPathFor(io.cwd);
    const targets = new Map<string, string>();
    for (const file of options.files) {
      const target = path.resolve(io.cwd, options.out, `${moduleName(file)}.ts`);
      const clash = targets.get(target);
      if (clash !== undefined) throw new UsageError(`${clash} and ${file} would both be written to ${display(target)}: generate them into different directories`);
      targets.set(target, file);
    }
    // Everything is generated before anything is written: a broken contract leaves DIR as it was.
    const modules: { target: string; text: string }[] = [];
    let failed = false;
    for (const [target, file] of targets) {
      const absolute = path.resolve(io.cwd, file);
      try {
        const contract = await loadContract(absolute, { importPaths: options.importPaths.map((d) => path.resolve(io.cwd, d)), displayPath: display });
        if (contract.warnings.length > 0) io.stderr(contract.warnings.join('\n') + '\n');
        const text = generateTypeScript(codegenInput(contract, file), { runtimeModule: options.runtime, source: path.basename(file) });
        modules.push({ target, text });
      } catch (error) {
        if (!(error instanceof ContractLoadError)) throw error;
        io.stderr(`${error.message}\n`);
        failed = true;
      }
    }
    if (failed) {
      io.stderr('spl codegen: nothing written.\n');
      return 1;
    }
    try {
      await mkdir(path.resolve(io.cwd, options.out), { recursive: true });
      for (const { target, text } of modules) {
        await writeFile(target, text);
        io.stdout(`wrote ${display(target)}\n`);
      }
    } catch (error) {
      io.stderr(`spl codegen: cannot write to ${options.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 1;
    }
    return 0;
  },
};
