/**
 * The small cluster the global setup starts for the studio to browse, as the tests see it:
 * etcd, node A (registered in etcd, with a short lease) and node B (standalone, in no registry),
 * both serving the sample modules. Their addresses come from the environment the setup fills.
 */
import { readFileSync } from 'node:fs';
import { waitUntil } from './wait-until.js';

export const NODE_A_ID = 'node-a';
export const NODE_B_ID = 'node-b';
/** Node A's heartbeat and lease: short, so its death shows in etcd within seconds. */
export const NODE_A_HEARTBEAT_MS = 500;
export const NODE_A_TTL_MS = 2000;
/** Where nodes register in etcd (electron/runtime/cluster/etcd-client.ts's DEFAULT_PREFIX). */
const PREFIX = '/spl/nodes/';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with e2e/playwright.config.ts (its global setup starts the cluster)`);
  return value;
}

/** etcd's client URL, http://127.0.0.1:PORT. */
export const etcdUrl = (): string => required('E2E_ETCD_URL');
/** The same etcd as `spl node --discovery` and the studio's cluster form take it: etcd://127.0.0.1:PORT. */
export const etcdDiscoveryUrl = (url = etcdUrl()): string => url.replace(/^http:/, 'etcd:');
export const nodeAUrl = (): string => required('E2E_NODE_A_URL');
export const nodeATcpUrl = (): string => required('E2E_NODE_A_TCP_URL');
export const nodeAPid = (): number => Number(required('E2E_NODE_A_PID'));
export const nodeBUrl = (): string => required('E2E_NODE_B_URL');

export interface EtcdMember {
  nodeId: string;
  endpoint: string;
  availableModules: string[];
}

/** The nodes registered in etcd now, read through etcd's JSON gateway (no client library). */
export async function etcdMembers(url = etcdUrl()): Promise<EtcdMember[]> {
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  // The range [PREFIX, PREFIX with its last byte + 1) is every key under the prefix.
  const end = PREFIX.slice(0, -1) + String.fromCharCode(PREFIX.charCodeAt(PREFIX.length - 1) + 1);
  const response = await fetch(`${url}/v3/kv/range`, {
    method: 'POST',
    body: JSON.stringify({ key: base64(PREFIX), range_end: base64(end) }),
    signal: AbortSignal.timeout(3000),
  });
  if (!response.ok) throw new Error(`etcd at ${url} answered ${response.status} to a range read: ${await response.text()}`);
  const body = (await response.json()) as { kvs?: { value: string }[] };
  return (body.kvs ?? []).map((kv) => JSON.parse(Buffer.from(kv.value, 'base64').toString('utf8')) as EtcdMember);
}

/** Waits until etcd lists the node (`present`) or no longer does (its lease ended). */
export async function waitForEtcdMember(nodeId: string, present = true, ms = 10_000, url = etcdUrl()): Promise<void> {
  await waitUntil(`${nodeId} ${present ? 'to register in' : 'to leave'} etcd`, async () => (await etcdMembers(url)).some((m) => m.nodeId === nodeId) === present, ms, 100);
}

/** Whether a process is alive; a zombie (killed, not yet reaped by the runner) counts as dead. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/PID/stat: "pid (comm) S ...", the state right after the command's closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true; // no /proc here: signal 0 succeeding is all we know
  }
}

/**
 * Kills node A with SIGKILL: no goodbye to etcd, so its entry stays until the lease expires
 * (NODE_A_TTL_MS), as when a machine dies. Resolves once the process is gone; node A stays dead
 * for the rest of the run, so a test that calls this runs after those that need node A.
 */
export async function killNodeA(): Promise<void> {
  const pid = nodeAPid();
  if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  await waitUntil(`node A (pid ${pid}) to exit`, () => !isRunning(pid), 5000);
}

/** Waits until node A's etcd lease has expired and etcd has dropped it. */
export async function waitForNodeAGoneFromEtcd(): Promise<void> {
  await waitForEtcdMember(NODE_A_ID, false, NODE_A_TTL_MS + 8000);
}
