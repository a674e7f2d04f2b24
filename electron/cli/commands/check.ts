/**
 * `spl check OLD NEW`: can the two versions of a contract work together? For protocols, message
 * by message: can old clients call a new server, and new clients an old server. For schemas:
 * can the new schema read old data (backward) and the old schema new data (forward).
 * Exit code 0 when compatible in the chosen mode, 1 when not (or a file has problems), 2 on
 * usage errors.
 */
import path from 'node:path';
import { checkProtocolCompatibility } from '../../../shared/compat/protocol-compatibility.js';
import { COMPATIBILITY_MODES, relevant, type CompatibilityMode, type CompatibilityReport, type Incompatibility } from '../../../shared/compat/report.js';
import { checkSchemaEvolution, checkSchemaSetEvolution } from '../../../shared/compat/schema-evolution.js';
import { isNamed, type NamedSchema } from '../../../shared/avro/model.js';
import { UsageError, type CliIo } from '../io.js';
import { ContractLoadError, loadContract, type Contract } from '../load-contract.js';
import type { Command } from '../main.js';
import { displayPathFor } from '../display-path.js';

const usage = `Usage: spl check OLD NEW [--mode full|backward|forward] [--import-path DIR]... [--json]

Checks whether NEW is compatible with OLD under Avro schema resolution. Each may be a protocol
(.avpr), a schema (.avsc) or Avro IDL (.avdl); both must be protocols, or both schemas.

Protocols are checked message by message, in two directions:
  backward   old clients calling a new server
  forward    new clients calling an old server
Schemas likewise: backward, the new schema reads data written with the old one; forward, the
old schema reads data written with the new one.

Options:
  --mode MODE          full (both directions, the default), backward or forward
  --import-path DIR    also look for IDL imports in DIR (repeatable)
  --json               print the report as JSON

Exit code: 0 compatible, 1 incompatible or a file has problems, 2 usage errors.`;

interface CheckArgs {
  oldFile: string;
  newFile: string;
  mode: CompatibilityMode;
  importPaths: string[];
  json: boolean;
}

function parseArgs(args: string[]): CheckArgs {
  const files: string[] = [];
  const importPaths: string[] = [];
  let mode: CompatibilityMode = 'full';
  let json = false;
  const value = (option: string, i: number, what: string): string => {
    const v = args[i];
    if (v === undefined) throw new UsageError(`${option} needs ${what}`);
    return v;
  };
  const setMode = (m: string) => {
    if (!(COMPATIBILITY_MODES as readonly string[]).includes(m)) throw new UsageError(`unknown mode '${m}': use full, backward or forward`);
    mode = m as CompatibilityMode;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--import-path' || arg === '-I') importPaths.push(value(arg, ++i, 'a directory'));
    else if (arg.startsWith('--import-path=')) importPaths.push(arg.slice('--import-path='.length));
    else if (arg === '--mode') setMode(value(arg, ++i, 'full, backward or forward'));
    else if (arg.startsWith('--mode=')) setMode(arg.slice('--mode='.length));
    else if (arg === '--json') json = true;
    else if (arg === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length !== 2) {
    throw new UsageError(files.length < 2 ? 'give the OLD and the NEW contract file' : `two files only, OLD and NEW (got ${files.length})`);
  }
  return { oldFile: files[0], newFile: files[1], mode, importPaths, json };
}

function compare(oldContract: Contract, newContract: Contract, mode: CompatibilityMode, names: { old: string; new: string }): CompatibilityReport {
  if (oldContract.kind === 'protocol' && newContract.kind === 'protocol') {
    return checkProtocolCompatibility(oldContract.protocol, newContract.protocol, { mode });
  }
  if (oldContract.kind === 'protocol' || newContract.kind === 'protocol') {
    const [protocolFile, schemaFile] = oldContract.kind === 'protocol' ? [names.old, names.new] : [names.new, names.old];
    throw new UsageError(`cannot compare a protocol (${protocolFile}) with a schema (${schemaFile}): give two protocols or two schemas`);
  }
  if (oldContract.kind === 'schema' && newContract.kind === 'schema') return checkSchemaEvolution(oldContract.schema, newContract.schema, { mode });
  // A list of named schemas on either side: pair the types by name.
  const asList = (contract: Contract, file: string): NamedSchema[] => {
    if (contract.kind === 'schemas') return contract.schemas;
    if (contract.kind === 'schema' && isNamed(contract.schema)) return [contract.schema];
    throw new UsageError(`cannot compare a list of named schemas with the unnamed schema in ${file}`);
  };
  return checkSchemaSetEvolution(asList(oldContract, names.old), asList(newContract, names.new), { mode });
}

const DIRECTIONS = {
  protocol: { backward: 'old clients → new server', forward: 'new clients → old server', item: 'message' },
  schema: { backward: 'new reads old', forward: 'old reads new', item: 'type' },
} as const;

/** The report as text: a line per message or type, the problems under it, then a summary. */
export function formatReport(report: CompatibilityReport): string {
  const words = DIRECTIONS[report.kind];
  const entries =
    report.kind === 'protocol'
      ? report.messages.map((m) => ({ name: m.name, status: m.status, backward: m.oldClientNewServer, forward: m.newClientOldServer }))
      : report.schemas.map((s) => ({ name: s.name, status: s.status, backward: s.backward, forward: s.forward }));
  const lines: string[] = [];
  if (report.kind === 'protocol') lines.push(`protocol ${report.oldProtocol === report.newProtocol ? report.newProtocol : `${report.oldProtocol} → ${report.newProtocol}`}`);
  let broken = 0;
  for (const entry of entries) {
    const problems: string[] = [];
    const add = (direction: string, list: Incompatibility[]) => {
      for (const p of list) problems.push(`${direction}: ${p.path === '' ? '' : `${p.path}: `}${p.message}`);
    };
    if (report.mode !== 'forward') add(words.backward, entry.backward);
    if (report.mode !== 'backward') add(words.forward, entry.forward);
    const ok = relevant(report.mode, entry.backward, entry.forward).length === 0;
    if (!ok) broken++;
    const head = `${ok ? '✓' : '✗'} ${entry.name}  `;
    if (problems.length === 0) lines.push(`${head}${entry.status}`);
    else {
      const status = entry.status === 'added' || entry.status === 'removed' ? `${entry.status}; ` : '';
      lines.push(`${head}${status}${problems[0]}`);
      for (const more of problems.slice(1)) lines.push(`${' '.repeat(4)}${more}`);
    }
  }
  if (report.kind === 'protocol') for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  const modeText = report.mode === 'full' ? `${words.backward}, ${words.forward}` : words[report.mode];
  const count = (n: number) => `${n} ${words.item}${n === 1 ? '' : 's'}`;
  lines.push(
    report.compatible
      ? `compatible: ${count(entries.length)} checked (${modeText})`
      : `incompatible: ${broken} of ${count(entries.length)} ${broken === 1 ? 'breaks' : 'break'} (${modeText})`,
  );
  return lines.join('\n') + '\n';
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'check two versions of a protocol or schema for compatibility',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const options = parseArgs(args);
    const display = displayPathFor(io.cwd);
    const load = { importPaths: options.importPaths.map((dir) => path.resolve(io.cwd, dir)), displayPath: display };
    let contracts: [Contract, Contract];
    try {
      contracts = [await loadContract(path.resolve(io.cwd, options.oldFile), load), await loadContract(path.resolve(io.cwd, options.newFile), load)];
    } catch (error) {
      if (!(error instanceof ContractLoadError)) throw error;
      io.stderr(`spl check: ${error.message}\n`);
      return 1;
    }
    const warnings = contracts.flatMap((c) => c.warnings);
    if (warnings.length > 0) io.stderr(warnings.join('\n') + '\n');
    const report = compare(contracts[0], contracts[1], options.mode, { old: options.oldFile, new: options.newFile });
    io.stdout(options.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
    return report.compatible ? 0 : 1;
  },
};
