/**
 * `spl studio --web [--port PORT] [--workspace DIR] [--host HOST]`: the studio in a browser. It
 * serves the built renderer and the StudioApi on loopback behind a random token, prints the
 * page's URL (`Studio: http://127.0.0.1:PORT/<token>/`), runs the studio's local node beside it
 * and runs until interrupted.
 */
import path from 'node:path';
import { startWebHost, WebHostError } from '../web-host/web-host.js';
import { startLocalNode, type LocalNode } from '../../runtime/studio/local-node.js';
import { defaultRendererDir, rendererProblem } from '../../runtime/studio/renderer-files.js';
import { UsageError, type CliIo } from '../io.js';
import type { Command } from '../main.js';

const usage = `Usage: spl studio --web [--port PORT] [--workspace DIR] [--host HOST] [--data DIR] [--modules DIR]... [--user-data DIR] [--no-node]

Serves the studio to a browser: open the printed URL. It holds a random token; anyone with the
URL can read and write the workspace, so keep it to yourself. The studio only listens on this
machine: --host takes 127.0.0.1 (the default), ::1 or localhost, nothing else.

  --web           serve the studio to a browser (the desktop app starts with \`npm start\`)
  --port PORT     the port to listen on (default 0: any free one)
  --workspace DIR the folder to open (default: the current directory)
  --host HOST     a loopback address to listen on (default 127.0.0.1)
  --data DIR      the local node's data folder (default: your per-user data folder)
  --modules DIR   load user modules into the local node from DIR (repeatable)
  --user-data DIR your own settings: connection tokens and the call history (default:
                  $SPL_STUDIO_USER_DATA, else $XDG_CONFIG_HOME/spl-studio, else ~/.config/spl-studio)
  --no-node       run no local node (the studio then calls only the nodes you add)

The local node serves the SPL services on loopback, on free ports, printed as \`Node: ...\`.

Stop it with Ctrl-C.`;

function port(value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError('--port takes a port number (0 for any free one)');
  return n;
}

function value(args: string[], i: number, option: string): string {
  const v = args[i];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${option} needs a value`);
  return v;
}

export const studioCommand: Command = {
  name: 'studio',
  summary: 'serve the studio to a browser (--web)',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    let web = false;
    let listenPort = 0;
    let workspace = io.cwd;
    let host = '127.0.0.1';
    let withNode = true;
    let dataDir: string | undefined;
    let userDataDir: string | undefined;
    const moduleDirs: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--web') web = true;
      else if (arg === '--port') listenPort = port(args[++i]);
      else if (arg === '--workspace') workspace = path.resolve(io.cwd, value(args, ++i, '--workspace'));
      else if (arg === '--host') host = value(args, ++i, '--host');
      else if (arg === '--data') dataDir = path.resolve(io.cwd, value(args, ++i, '--data'));
      else if (arg === '--modules') moduleDirs.push(path.resolve(io.cwd, value(args, ++i, '--modules')));
      else if (arg === '--user-data') userDataDir = path.resolve(io.cwd, value(args, ++i, '--user-data'));
      else if (arg === '--no-node') withNode = false;
      else throw new UsageError(`unknown option ${arg}`);
    }
    if (!web) throw new UsageError('the desktop studio starts with `npm start` (or the installed app); add --web to serve it to a browser');
    let studio;
    let node: LocalNode | undefined;
    // Before starting a node: without the page there is nothing to serve.
    const missing = rendererProblem(defaultRendererDir());
    if (missing) {
      io.stderr(`spl studio: ${missing}\n`);
      return 1;
    }
    try {
      if (withNode) node = await startLocalNode({ dataDir, moduleDirs });
      studio = await startWebHost({ workspaceRoot: workspace, host, port: listenPort, node: node?.info, localNode: node, userDataDir, log: (message) => io.stderr(message + '\n') });
    } catch (error) {
      await node?.close();
      if (!(error instanceof WebHostError) && !(error as { code?: unknown }).code) throw error;
      io.stderr(`spl studio: ${(error as Error).message}\n`);
      return 1;
    }
    io.stdout(`Studio: ${studio.url}\n`);
    io.stdout(`Workspace: ${studio.service.workspace.root}\n`);
    if (node) io.stdout(`Node: ${node.info.url} ${node.running.tcp!.url} (data ${node.running.core.dataDir})\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await studio.close();
    await node?.close();
    return 0;
  },
};
