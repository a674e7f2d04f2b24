/**
 * Builds the package (so the tests drive the current sources), then starts, everything in one
 * temporary folder of the run's own:
 *
 * - `spl studio --web` on a copy of the sample workspace, with its local node's data and the
 *   user's settings beside it (STUDIO_URL, STUDIO_WORKSPACE, STUDIO_USER_DATA);
 * - a small cluster for the studio to browse: etcd on free ports (E2E_ETCD_URL), node A
 *   registered in it under a short lease (E2E_NODE_A_URL, E2E_NODE_A_TCP_URL, E2E_NODE_A_PID)
 *   and node B, in no registry (E2E_NODE_B_URL), both serving the sample modules. The tests
 *   read them through cluster.ts.
 *
 * The returned teardown stops every process and removes the folder, however the tests went; a
 * setup that fails part way cleans up the same way before it throws.
 * Set E2E_SKIP_BUILD=1 to reuse an existing build while iterating on the tests.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Child } from './child.js';
import { etcdDiscoveryUrl, NODE_A_HEARTBEAT_MS, NODE_A_ID, NODE_A_TTL_MS, NODE_B_ID, waitForEtcdMember } from './cluster.js';
import { etcdBinary, startEtcd } from './etcd.js';
import { REPO, SAMPLE_MODULES, SAMPLE_WORKSPACE } from './paths.js';
import { startSplNode } from './spl-node.js';
import { startStudioHost } from './studio-host.js';

export default async function globalSetup(): Promise<() => Promise<void>> {
  // Before the build: a machine without etcd should hear so at once, not after a minute.
  etcdBinary();
  const began = performance.now();
  const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
  const skipBuild = process.env.E2E_SKIP_BUILD === '1';
  if (!skipBuild) {
    execFileSync('npm', ['run', '-s', 'build'], { cwd: REPO, stdio: 'inherit' });
  }
  const built = performance.now();

  const root = mkdtempSync(path.join(os.tmpdir(), 'spl-studio-e2e-'));
  const dir = (name: string) => path.join(root, name);
  const workspace = dir('workspace');
  cpSync(SAMPLE_WORKSPACE, workspace, { recursive: true });

  // Each process is known from the moment it is spawned, so a start that fails still stops it.
  let etcdChild: Child | undefined;
  const others: Child[] = [];
  const started = (child: Child) => others.push(child);
  // A runner that exits without running the teardown (interrupted) still leaves nothing behind.
  const onExit = () => {
    for (const child of [...others, ...(etcdChild ? [etcdChild] : [])]) child.killNow();
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const teardown = async () => {
    // The nodes first, so node A can end its lease while etcd still runs.
    await Promise.all(others.map((child) => child.stop()));
    await etcdChild?.stop();
    process.off('exit', onExit);
    rmSync(root, { recursive: true, force: true });
  };

  try {
    const etcdReady = startEtcd(dir('etcd'), REPO, (child) => (etcdChild = child));
    const modules = ['--modules', SAMPLE_MODULES];
    const nodeAReady = etcdReady.then((etcd) =>
      startSplNode('node A', [
        '--id', NODE_A_ID, '--http', '0', '--tcp', '0', '--data', dir(NODE_A_ID), ...modules,
        '--discovery', etcdDiscoveryUrl(etcd.url), '--heartbeat-ms', String(NODE_A_HEARTBEAT_MS), '--ttl-ms', String(NODE_A_TTL_MS),
      ], started),
    );
    const nodeBReady = startSplNode('node B', ['--id', NODE_B_ID, '--http', '0', '--data', dir(NODE_B_ID), ...modules], started);
    const studioReady = startStudioHost({ workspace, nodeData: dir('studio-node'), userData: dir('user-data') }, started);
    // Wait for every start, failed or not: a start still under way after another failed would
    // spawn its process after the cleanup.
    const [etcd, nodeA, nodeB, studio] = await settleAll([etcdReady, nodeAReady, nodeBReady, studioReady]);
    // Tests start with node A already listed, not merely started.
    await waitForEtcdMember(NODE_A_ID, true, 10_000, etcd.url);

    process.env.STUDIO_URL = studio.url;
    process.env.STUDIO_WORKSPACE = workspace;
    process.env.STUDIO_USER_DATA = dir('user-data');
    process.env.E2E_ETCD_URL = etcd.url;
    process.env.E2E_NODE_A_URL = nodeA.http;
    process.env.E2E_NODE_A_TCP_URL = nodeA.tcp ?? '';
    process.env.E2E_NODE_A_PID = String(nodeA.child.process.pid);
    process.env.E2E_NODE_B_URL = nodeB.http;
  } catch (error) {
    await teardown();
    throw error;
  }
  console.log(`e2e setup: build ${skipBuild ? 'skipped' : seconds(began)}, studio and cluster ${seconds(built)}`);
  return teardown;
}

/** Like Promise.all, but settles only once every promise has, then throws every distinct error. */
async function settleAll<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(promises);
  const messages = [...new Set(results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message ?? String(r.reason)] : [])))];
  if (messages.length > 0) throw new Error(`the e2e setup could not start the studio and its cluster:\n\n${messages.join('\n\n')}`);
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
