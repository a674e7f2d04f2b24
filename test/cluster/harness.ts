/**
 * Real processes for cluster scenarios: etcd on loopback with a temporary data dir and ports
 * of its own, and `spl node` processes that join a registry node or etcd. Shared by the
 * scenario tests and bench/cluster.bench.ts; every wait is bounded.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, waitFor, type Running } from '../support/processes.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SPL = path.join(ROOT, 'bin/spl.js');
export const ETCD = '/usr/bin/etcd';

/** Whether `spl node` has the discovery flags these scenarios need (built by another part of issue 6). */
export async function nodeDiscoverySupported(): Promise<{ join: boolean; etcd: boolean }> {
  const source = await readFile(path.join(ROOT, 'electron/cli/commands/node.ts'), 'utf8').catch(() => '');
  return { join: source.includes("'--join'"), etcd: source.includes("'--discovery'") };
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export interface Etcd {
  url: string;
  process: Running;
  dataDir: string;
  stop(): Promise<void>;
}

/** etcd on 127.0.0.1 with non-default ports; resolves once it serves clients. */
export async function startEtcd(clientPort?: number, dataDir?: string): Promise<Etcd> {
  const port = clientPort ?? (await freePort());
  const peer = await freePort();
  const dir = dataDir ?? (await tempDir('spl-etcd-'));
  const client = `http://127.0.0.1:${port}`;
  const running = start(ETCD, [
    '--name', 'spl-test', '--data-dir', dir,
    '--listen-client-urls', client, '--advertise-client-urls', client,
    '--listen-peer-urls', `http://127.0.0.1:${peer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peer}`,
    '--initial-cluster', `spl-test=http://127.0.0.1:${peer}`, '--log-level', 'warn',
  ], ROOT);
  await waitUntil(() => isListening(port), 15_000, `etcd on ${client}: ${running.stderr()}`);
  return {
    url: `etcd://127.0.0.1:${port}`,
    process: running,
    dataDir: dir,
    async stop() {
      running.stop();
      await running.exited;
    },
  };
}

export interface SplNode {
  id: string;
  http: string;
  tcp: string;
  process: Running;
  kill(): Promise<void>;
}

/** `spl node` with the sample modules, serving HTTP and TCP on free ports, plus `extra` flags. */
export async function startNode(id: string, dataDir: string, extra: string[] = []): Promise<SplNode> {
  const running = start(process.execPath, [SPL, 'node', '--http', '0', '--tcp', '0', '--id', id, '--data', path.join(dataDir, id), '--modules', 'assets/modules', ...extra], ROOT);
  const out = await waitFor(running, (o) => o.includes('serving '));
  return {
    id,
    http: /^http (\S+)$/m.exec(out)![1],
    tcp: /^tcp (\S+)$/m.exec(out)![1],
    process: running,
    async kill() {
      running.child.kill('SIGKILL');
      await running.exited;
    },
  };
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Polls until `check` holds; returns the milliseconds it took, or throws after `ms`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, ms: number, what: string, everyMs = 20): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < ms) {
    if (await check()) return performance.now() - started;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

export interface CallRecord {
  kind: 'execute' | 'idempotent' | 'read';
  ok: boolean;
  /** The ClusterError code, or the error's name. */
  code?: string;
  message?: string;
  nodeId?: string;
  hung?: boolean;
  ms: number;
}

/**
 * Sends calls from `workers` loops until `stop()` says so. Each call is watched: one that
 * neither resolves nor rejects within `watchdogMs` is recorded as hung (and the loop moves on).
 */
export async function streamCalls(call: (i: number) => Promise<CallRecord>, workers: number, stop: () => boolean, watchdogMs: number): Promise<CallRecord[]> {
  const records: CallRecord[] = [];
  let i = 0;
  const loop = async (): Promise<void> => {
    while (!stop()) {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const watchdog = new Promise<CallRecord>((resolve) => {
        timer = setTimeout(() => resolve({ kind: 'execute', ok: false, hung: true, ms: watchdogMs }), watchdogMs);
      });
      const record = await Promise.race([call(i++), watchdog]);
      clearTimeout(timer);
      record.ms = performance.now() - started;
      records.push(record);
    }
  };
  await Promise.all(Array.from({ length: workers }, loop));
  return records;
}
