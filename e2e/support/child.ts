/**
 * A process the e2e setup starts (etcd, `spl node`, `spl studio --web`): its output kept for
 * error messages, a bounded wait for what it prints, and a stop that ends in SIGKILL, so no
 * process outlives the run.
 */
import { spawn, type ChildProcess } from 'node:child_process';

// The tail of a chatty process's output is what explains a failure; the rest would only grow.
const KEEP_CHARS = 64 * 1024;

export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited(): boolean;
  /** The first match of `pattern` in its stdout; fails if it exits or stays silent for `ms`. */
  waitForOutput(pattern: RegExp, ms: number): Promise<RegExpExecArray>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL, synchronously: for a runner that is exiting and cannot wait. */
  killNow(): void;
}

export function startChild(name: string, command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Child {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let spawnError: Error | undefined;
  const keep = (text: string, chunk: Buffer) => (text + chunk.toString()).slice(-KEEP_CHARS);
  // Reading both pipes to the end also keeps a chatty child from blocking on a full pipe.
  child.stdout!.on('data', (chunk: Buffer) => (out = keep(out, chunk)));
  child.stderr!.on('data', (chunk: Buffer) => (err = keep(err, chunk)));
  // 'close' comes after the pipes are drained, so what the process printed last is in `out`.
  let closed = false;
  const exit = new Promise<void>((resolve) => {
    const done = () => {
      closed = true;
      resolve();
    };
    child.once('close', done);
    child.once('error', (error) => {
      spawnError = error;
      done();
    });
  });
  const exited = () => closed || child.exitCode !== null || child.signalCode !== null;
  const describe = () => {
    const status = spawnError ? `could not start: ${spawnError.message}` : child.exitCode !== null ? `exited with ${child.exitCode}` : child.signalCode ? `was killed by ${child.signalCode}` : 'is running';
    return `${name} (${[command, ...args].join(' ')}) ${status}\n--- stdout\n${out}--- stderr\n${err}`;
  };

  return {
    name,
    process: child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForOutput(pattern, ms) {
      return new Promise((resolve, reject) => {
        let settled = false;
        const finish = (settle: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          child.stdout!.off('data', check);
          settle();
        };
        const check = () => {
          const match = pattern.exec(out);
          if (match) finish(() => resolve(match));
          else if (closed) finish(() => reject(new Error(`${name} stopped before printing ${pattern}: ${describe()}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`${name} did not print ${pattern} within ${ms / 1000} s: ${describe()}`))), ms);
        // Added after the keeper above, so `out` already holds the chunk that triggers it.
        child.stdout!.on('data', check);
        void exit.then(check);
        check();
      });
    },
    async stop(graceMs = 5000) {
      if (exited()) return;
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const graceful = await Promise.race([exit.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))]);
      clearTimeout(timer);
      if (graceful) return;
      child.kill('SIGKILL');
      await exit;
    },
    killNow() {
      if (!exited()) child.kill('SIGKILL');
    },
  };
}
