/**
 * etcd for the e2e cluster: Debian's etcd-server on 127.0.0.1, with client and peer ports of its
 * own (never 2379/2380, which a developer's etcd may hold) and a data dir in the run's temp
 * folder. Ready once its /health answers true.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { startChild, type Child } from './child.js';
import { freePort } from './free-port.js';
import { waitUntil } from './wait-until.js';

export interface EtcdServer {
  /** The client URL, http://127.0.0.1:PORT (nodes take it as etcd://127.0.0.1:PORT). */
  url: string;
  port: number;
  child: Child;
}

/** `etcd` on the PATH, else a setup error saying how to install it. */
export function etcdBinary(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'etcd');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next folder
    }
  }
  throw new Error('the e2e cluster needs etcd, which is not installed: run `apt-get install -y etcd-server` (as root; .ci/run installs it on CI)');
}

/** Starts etcd; `onStart` learns of the process at once, so a failed start can still be cleaned up. */
export async function startEtcd(dataDir: string, cwd: string, onStart: (child: Child) => void): Promise<EtcdServer> {
  const binary = etcdBinary();
  const [port, peerPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const child = startChild('etcd', binary, [
    '--name', 'spl-e2e', '--data-dir', dataDir,
    '--listen-client-urls', url, '--advertise-client-urls', url,
    '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer,
    '--initial-cluster', `spl-e2e=${peer}`, '--log-level', 'warn',
  ], { cwd });
  onStart(child);
  await waitUntil(`etcd to serve ${url}`, async () => {
    if (child.exited()) throw new Error('etcd stopped while starting');
    return healthy(url);
  }, 15_000).catch((error: Error) => {
    throw new Error(`${error.message}\n--- etcd stderr\n${child.stderr()}`);
  });
  return { url, port, child };
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    return response.ok && ((await response.json()) as { health?: string }).health === 'true';
  } catch {
    return false;
  }
}
