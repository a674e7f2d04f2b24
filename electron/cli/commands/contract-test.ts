/**
 * `spl contract-test URL [PROTOCOL...]`: calls every message of a node with generated valid
 * requests and checks every answer against the contract (`electron/runtime/contract/`). Prints a
 * report per protocol; exits 1 on any violation.
 */
import path from 'node:path';
import type { Protocol } from '../../../shared/avro/model.js';
import { DEFAULT_MAX_CASES } from '../../runtime/contract/request-cases.js';
import { runContract, type ProtocolReport } from '../../runtime/contract/run-contract.js';
import { formatProtocolReport, formatSummary, totals } from '../../runtime/contract/report.js';
import { loadDefinition, type SplService } from '../../runtime/definitions.js';
import { discoverProtocol, RpcClient } from '../../runtime/rpc/client.js';
import { errorMessage } from '../../runtime/rpc/errors.js';
import { channelFor, readCa } from '../endpoint.js';
import { displayPathFor } from '../display-path.js';
import { ContractLoadError, loadContract } from '../load-contract.js';
import { UsageError, type CliIo } from '../io.js';
import type { Command } from '../main.js';

/** The SPL protocols, in the order they are tested: module names learnt from the first help the rest. */
const SPL_SERVICES: SplService[] = ['execute', 'data', 'pipeline', 'node', 'container'];

const usage = `Usage: spl contract-test URL [PROTOCOL...] [--skip [Protocol.]message]... [--max-cases N]
                         [--timeout MS] [--token TOKEN] [--ca CERT.pem] [--import-path DIR]...

Calls every message of an Avro RPC node with generated valid requests, edge values included
(empty strings, arrays and maps; extreme ints and longs, -2^63 and 2^63-1; NaN and Infinity;
every enum symbol and union branch; fixed of all ones), and checks each answer: a response that
fits the contract, or one of the message's declared errors. Anything else is a violation: a
response or error value that does not fit (with its path), a system error (a valid request
must not make the node fail outside its contract), no answer. Prints a report per protocol.

PROTOCOL is a protocol name (SPLDataService or spl.data.SPLDataService: the contract is what the
node says it serves) or a contract file (.avdl, .avpr: the node must honour that contract).
Without PROTOCOL: the five SPL protocols of definitions/, each skipped when the node does not
serve it.

It calls every message, those that write included: point it at a test node.

Options:
  --skip M          do not call message M (or Protocol.M) (repeatable)
  --max-cases N     at most N requests per message (default ${DEFAULT_MAX_CASES})
  --timeout MS      per call (default 10000)
  --token TOKEN     the node's token; --ca CERT.pem: a certificate to trust (https://, tcps://)

Exit code: 0 no violations, 1 violations (or a named protocol that cannot be tested), 2 usage.`;

interface Target {
  /** How the protocol is named to the node (its full name, or the name given). */
  name: string;
  /** The contract to hold the node to; undefined: what the node says it serves. */
  contract?: Protocol;
  /** Named on the command line: failing to reach it is a failure, not a skip. */
  explicit: boolean;
}

interface Options {
  url: string;
  protocols: string[];
  skip: string[];
  maxCases?: number;
  timeoutMs?: number;
  token?: string;
  ca?: string;
  importPaths: string[];
}

function parseArgs(args: string[]): Options {
  const positional: string[] = [];
  const options: Omit<Options, 'url' | 'protocols'> = { skip: [], importPaths: [] };
  const value = (i: number, option: string): string => {
    if (args[i] === undefined) throw new UsageError(`${option} needs a value`);
    return args[i];
  };
  const count = (text: string, option: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${option} takes a positive whole number`);
    return n;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--skip') options.skip.push(value(++i, arg));
    else if (arg === '--max-cases') options.maxCases = count(value(++i, arg), arg);
    else if (arg === '--timeout') options.timeoutMs = count(value(++i, arg), arg);
    else if (arg === '--token') options.token = value(++i, arg);
    else if (arg === '--ca') options.ca = value(++i, arg);
    else if (arg === '--import-path' || arg === '-I') options.importPaths.push(value(++i, arg));
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  const [url, ...protocols] = positional;
  if (url === undefined) throw new UsageError('which node? (a URL: http://HOST:PORT or tcp://HOST:PORT)');
  return { url, protocols, ...options };
}

const fullNameOf = (p: Protocol): string => (p.namespace ? `${p.namespace}.${p.protocol}` : p.protocol);

async function targetsFor(options: Options, io: CliIo): Promise<Target[]> {
  if (options.protocols.length === 0) {
    const protocols = await Promise.all(SPL_SERVICES.map(loadDefinition));
    return protocols.map((contract) => ({ name: fullNameOf(contract), contract, explicit: false }));
  }
  const targets: Target[] = [];
  for (const arg of options.protocols) {
    if (!/\.(avdl|avpr|avsc|json)$/i.test(arg)) {
      targets.push({ name: arg, explicit: true });
      continue;
    }
    const contract = await loadContract(path.resolve(io.cwd, arg), { importPaths: options.importPaths.map((d) => path.resolve(io.cwd, d)), displayPath: displayPathFor(io.cwd) });
    if (contract.kind !== 'protocol') throw new UsageError(`${arg} holds schemas, not a protocol: contract tests need messages`);
    targets.push({ name: fullNameOf(contract.protocol), contract: contract.protocol, explicit: true });
  }
  return targets;
}

/** `--skip` entries that apply to `protocol`: `message`, `Protocol.message` or `ns.Protocol.message`. */
function skipsFor(protocol: Protocol, skip: string[]): string[] {
  const prefixes = [`${protocol.protocol}.`, `${fullNameOf(protocol)}.`];
  return skip.flatMap((s) => {
    const prefix = prefixes.find((p) => s.startsWith(p));
    return prefix ? [s.slice(prefix.length)] : s.includes('.') ? [] : [s];
  });
}

export const contractTestCommand: Command = {
  name: 'contract-test',
  summary: 'check that a node keeps its contracts: every message, edge-case requests',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const options = parseArgs(args);
    let targets: Target[];
    try {
      targets = await targetsFor(options, io);
    } catch (error) {
      if (!(error instanceof ContractLoadError)) throw error;
      io.stderr(`${error.message}\n`);
      return 1;
    }
    const ca = readCa(options.ca);
    const reports: ProtocolReport[] = [];
    let failures = 0;
    let strings: string[] = [];
    for (const target of targets) {
      const channel = channelFor(options.url, target.name, options.token, ca);
      try {
        // The handshake alone first: does the node serve it, and what does it say it is?
        let served: Protocol;
        try {
          served = (await discoverProtocol(channel, { token: options.token, protocolName: target.name })).protocol;
        } catch (error) {
          if (target.explicit) {
            io.stderr(`spl contract-test: cannot test ${target.name} at ${options.url}: ${errorMessage(error)}\n`);
            failures++;
          } else io.stdout(`${target.name}: not served here, skipped (${errorMessage(error)})\n\n`);
          continue;
        }
        const contract = target.contract ?? served;
        const client = new RpcClient(contract, channel, { token: options.token, protocolName: target.name });
        const report = await runContract(contract, (message, request, callOptions) => client.call(message, request, callOptions), {
          maxCases: options.maxCases,
          timeoutMs: options.timeoutMs,
          skip: skipsFor(contract, options.skip),
          strings,
        });
        strings = report.learned;
        reports.push(report);
        io.stdout(formatProtocolReport(report, channel.endpoint) + '\n');
      } finally {
        await channel.close();
      }
    }
    if (reports.length === 0 && failures === 0) {
      io.stderr(`spl contract-test: ${options.url} serves none of ${targets.map((t) => t.name).join(', ')}: nothing was tested\n`);
      return 1;
    }
    const sum = totals(reports);
    io.stdout(formatSummary(sum));
    return sum.violations > 0 || failures > 0 ? 1 : 0;
  },
};
