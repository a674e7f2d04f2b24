/**
 * The `spl` command: dispatches to one module per subcommand (electron/cli/commands/).
 * Exit codes: 0 success, 1 the input has problems (diagnostics, incompatibilities), 2 usage errors.
 */
import { processIo, UsageError, type CliIo } from './io.js';

export interface Command {
  name: string;
  /** One line for the overview. */
  summary: string;
  /** The full usage text. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

const commands: Record<string, () => Promise<Command>> = {
  idl: async () => (await import('./commands/idl.js')).idlCommand,
  fmt: async () => (await import('./commands/fmt.js')).fmtCommand,
  check: async () => (await import('./commands/check.js')).checkCommand,
  node: async () => (await import('./commands/node.js')).nodeCommand,
  nodes: async () => (await import('./commands/nodes.js')).nodesCommand,
  call: async () => (await import('./commands/call.js')).callCommand,
  discover: async () => (await import('./commands/discover.js')).discoverCommand,
  rpc: async () => (await import('./commands/rpc.js')).rpcCommand,
  codegen: async () => (await import('./commands/codegen.js')).codegenCommand,
  'contract-test': async () => (await import('./commands/contract-test.js')).contractTestCommand,
  studio: async () => (await import('./commands/studio.js')).studioCommand,
};

async function overview(): Promise<string> {
  const lines = ['Usage: spl <command> [options]', '', 'Commands:'];
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  for (const load of Object.values(commands)) {
    const command = await load();
    lines.push(`  ${command.name.padEnd(width)}  ${command.summary}`);
  }
  lines.push('', 'Run `spl <command> --help` for a command\'s options.');
  return lines.join('\n') + '\n';
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(await overview());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout('spl-studio 0.1.0\n');
    return 0;
  }
  const load = commands[name];
  if (!load) {
    io.stderr(`spl: unknown command '${name}'.\n\n${await overview()}`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`spl ${name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}
