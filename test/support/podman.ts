/**
 * Podman for tests that run real containers: whether it is installed (they are skipped, saying
 * how to install it, where it is not), `podman ...` as a process (the test's own view of the
 * engine, independent of the code under test), the SPL node image built from this checkout, and
 * an engine (`podman system service`) on a socket in the test's own folder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { start, type Running } from './processes.js';

const root = path.resolve(import.meta.dirname, '../..');

export const hasPodman = spawnSync('podman', ['--version']).status === 0;

/** The suite's title, saying why it is skipped where Podman is absent (and telling stderr too). */
export function podmanSuite(title: string, file: string): string {
  if (hasPodman) return title;
  const skipped = `${title} (skipped: podman is not installed; \`apt-get install -y podman runc\`, as .ci/run does)`;
  process.stderr.write(`${file}: ${skipped}\n`);
  return skipped;
}

export function podman(...args: string[]): string {
  return execFileSync('podman', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The ids of every container, running or not, carrying `label` (`KEY` or `KEY=VALUE`). */
export function containersLabelled(label: string): string[] {
  return podman('ps', '-a', '-q', '--no-trunc', '--filter', `label=${label}`).split('\n').filter(Boolean);
}

/**
 * Builds the SPL node image from dist/ (built by the global setup): seconds, or a hash check when
 * nothing changed. One build at a time across test files (flock), since they may run at once.
 * Returns the script's report line.
 */
export function buildNodeImage(): string {
  const script = ['scripts/build-node-image.mjs'];
  const hasFlock = spawnSync('flock', ['--version']).status === 0;
  const [command, args] = hasFlock ? ['flock', [path.join(tmpdir(), 'spl-node-image.lock'), process.execPath, ...script]] : [process.execPath, script];
  return execFileSync(command, args, { cwd: root, encoding: 'utf8' });
}

export interface PodmanService {
  /** unix:///PATH.sock, as a node's --container-engine takes it. */
  url: string;
  socket: string;
  /** Stops the service (SIGTERM, then SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/** `podman system service` on `dir`/podman.sock, once it accepts connections. */
export async function startPodmanService(dir: string): Promise<PodmanService> {
  const socket = path.join(dir, 'podman.sock');
  const engine: Running = start('podman', ['system', 'service', '--time=0', `unix://${socket}`], dir);
  const stop = async () => {
    if (engine.child.exitCode !== null || engine.child.signalCode !== null) return;
    engine.child.kill('SIGTERM');
    await Promise.race([engine.exited, sleep(10_000).then(() => engine.stop())]);
  };
  for (let i = 0; ; i++) {
    const answered = await new Promise<boolean>((resolve) => {
      const probe = net.connect(socket, () => {
        probe.end();
        resolve(true);
      });
      probe.on('error', () => resolve(false));
    });
    if (answered) break;
    if (engine.child.exitCode !== null || i > 300) {
      await stop();
      throw new Error(`podman system service did not listen on ${socket}: ${engine.stderr()}`);
    }
    await sleep(100);
  }
  return { url: `unix://${socket}`, socket, stop };
}
