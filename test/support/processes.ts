/** Child processes for tests: started, read, and always stopped, with bounded waits. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  stop(): void;
}

export function start(command: string, args: string[], cwd: string): Running {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited, stop: () => child.kill('SIGKILL') };
}

/** Waits until `predicate` holds on the process's stdout, or fails after `ms`. */
export async function waitFor(running: Running, predicate: (stdout: string) => boolean, ms = 15_000): Promise<string> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (predicate(running.stdout())) return running.stdout();
    if (running.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting on ${running.child.spawnfile}: stdout=${running.stdout()} stderr=${running.stderr()}`);
}

/** Runs to completion (killed after `ms`). */
export async function run(command: string, args: string[], cwd: string, ms = 20_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const running = start(command, args, cwd);
  const timer = setTimeout(() => running.stop(), ms);
  const code = await running.exited;
  clearTimeout(timer);
  return { code, stdout: running.stdout(), stderr: running.stderr() };
}
