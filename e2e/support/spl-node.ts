/**
 * `spl node` as a process, from the built CLI: its endpoints are read from what it prints
 * (`http URL`, `tcp URL`, then `serving ...` once it is up).
 */
import { startChild, type Child } from './child.js';
import { REPO, SPL } from './paths.js';

export interface SplNodeProcess {
  http: string;
  /** Absent when the node serves no TCP. */
  tcp?: string;
  child: Child;
}

/** Starts `spl node ARGS`; `onStart` learns of the process at once, so a failed start can still be cleaned up. */
export async function startSplNode(name: string, args: string[], onStart: (child: Child) => void, ms = 30_000): Promise<SplNodeProcess> {
  const child = startChild(name, process.execPath, [SPL, 'node', ...args], { cwd: REPO });
  onStart(child);
  await child.waitForOutput(/^serving .+$/m, ms);
  const http = /^http (\S+)$/m.exec(child.stdout())?.[1];
  if (!http) throw new Error(`${name} serves no HTTP: it printed\n${child.stdout()}`);
  return { http, tcp: /^tcp (\S+)$/m.exec(child.stdout())?.[1], child };
}
