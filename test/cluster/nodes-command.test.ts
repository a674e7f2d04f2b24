/** `spl nodes` as a user runs it: the cluster as a table, from a registry node and from etcd. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeDiscoverySupported, removeDir, ROOT, startEtcd, startNode, tempDir, waitUntil, type Etcd, type SplNode } from './harness.js';

const run = promisify(execFile);
const SPL = path.join(ROOT, 'bin/spl.js');
const supported = await nodeDiscoverySupported();

async function nodesTable(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [SPL, 'nodes', ...args], { cwd: ROOT });
  return stdout;
}

describe.skipIf(!supported.join || !supported.etcd)('spl nodes', { timeout: 60_000 }, () => {
  let dir: string;
  let etcd: Etcd;
  const nodes: SplNode[] = [];

  beforeAll(async () => {
    dir = await tempDir('spl-nodes-');
    etcd = await startEtcd();
    const registry = await startNode('registry', dir);
    nodes.push(registry, await startNode('member', dir, ['--join', registry.http]), await startNode('etcd-member', dir, ['--discovery', etcd.url]));
  });

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.kill()));
    await etcd?.stop();
    await removeDir(dir);
  });

  it('prints one row a node, with its endpoint, modules, heartbeat age and health', async () => {
    let table = '';
    await waitUntil(async () => (table = await nodesTable('--join', nodes[0].http)).includes('member'), 10_000, 'the member in the registry');
    const lines = table.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+ENDPOINT\s+MODULES\s+HEARTBEAT\s+HEALTH$/);
    const member = lines.find((line) => line.startsWith('member '))!;
    expect(member).toContain(nodes[1].http);
    expect(member).toMatch(/apps\/analytics\/count-words,.* \+\d+ /);
    expect(member).toMatch(/\bup\b/);
  });

  it('reads etcd, and answers --json', async () => {
    let listed: { nodeId: string; endpoint: string }[] = [];
    await waitUntil(async () => (listed = JSON.parse(await nodesTable('--discovery', etcd.url, '--json')) as { nodeId: string; endpoint: string }[]).some((n) => n.nodeId === 'etcd-member'), 10_000, 'the etcd member');
    expect(listed.find((n) => n.nodeId === 'etcd-member')!.endpoint).toBe(nodes[2].http);
  });

  it('a dead node shows as down in the registry until its TTL drops it', async () => {
    await nodes[1].kill();
    const table = await nodesTable('--join', nodes[0].http);
    const member = table.split('\n').find((line) => line.startsWith('member '));
    // Either already dropped, or still listed and not answering.
    if (member) expect(member).not.toMatch(/\bup\b/);
  });
});
