/**
 * Cluster benchmark (issue 6, part 8), real `spl node` processes on loopback:
 *
 *   - routed-call throughput: `spl.avro.configureCluster(...)` spreading SPLExecuteService.execute
 *     of tools/text/uppercase over three nodes, against direct calls to one node through
 *     `spl.avro.getDistributedService` (the ratio is routed / direct);
 *   - membership convergence: milliseconds from `kill -9` of a node until the client's
 *     membership no longer lists it, with the embedded registry and with etcd (default TTL 3 s).
 *
 *   npm run bench:cluster              a table
 *   npm run bench:cluster -- --json    one JSON object
 *   options: --seconds N    measured seconds per throughput run (default 3)
 *            --inflight N   calls in flight (default 32)
 *            --reps N       throughput runs (best counts) and convergence runs (median) (default 3)
 *            --only a,b     throughput, registry, etcd
 *
 * On a 2-core machine three nodes and the client share the cores, so the routed number says
 * what the router costs and how the nodes share work, not what three machines would do.
 * It is a report: it exits 0 unless a call returns something other than expected.
 */
import os from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { removeDir, startEtcd, startNode, tempDir, waitUntil, type SplNode } from '../test/cluster/harness.js';

const dist = new URL('../dist/', import.meta.url);
type CreateSplModule = typeof import('../electron/runtime/spl/create-spl.js');
type LoggerModule = typeof import('../electron/runtime/modules/logger.js');
type Spl = Awaited<ReturnType<CreateSplModule['createSpl']>>;

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const settings = {
  json: args.includes('--json'),
  seconds: option('seconds', 3),
  inflight: option('inflight', 32),
  reps: option('reps', 3),
  only: args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : ['throughput', 'registry', 'etcd'],
};
const TTL_MS = 3_000;

async function load(): Promise<{ createSpl: CreateSplModule['createSpl']; silentLogger: LoggerModule['silentLogger'] }> {
  if (!existsSync(new URL('electron/runtime/cluster/routing/spl-cluster.js', dist))) throw new Error('dist/ has no cluster routing: run `npm run bench:cluster` (it builds first)');
  const [spl, logger] = await Promise.all([
    import(new URL('electron/runtime/spl/create-spl.js', dist).href) as Promise<CreateSplModule>,
    import(new URL('electron/runtime/modules/logger.js', dist).href) as Promise<LoggerModule>,
  ]);
  return { createSpl: spl.createSpl, silentLogger: logger.silentLogger };
}

type Execute = (i: number) => Promise<{ status: string; value: unknown }>;

/** Calls per second with `inflight` calls in flight for `seconds`; checks every answer. */
async function throughput(execute: Execute, seconds: number, inflight: number): Promise<number> {
  let calls = 0;
  const until = performance.now() + seconds * 1000;
  const worker = async (w: number): Promise<void> => {
    for (let i = w; performance.now() < until; i += inflight) {
      const result = await execute(i);
      if (result.status !== 'DATA') throw new Error(`call ${i} answered ${JSON.stringify(result)}`);
      calls++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inflight }, (_, w) => worker(w)));
  return calls / ((performance.now() - started) / 1000);
}

const INPUT = (i: number): string => JSON.stringify({ text: `hello ${i}` });

async function measureThroughput(spl: Spl, nodes: SplNode[]): Promise<{ direct: number; routed: number; routedRoundRobin: number; perNode: Record<string, number> }> {
  const direct = spl.avro.getDistributedService('SPLExecuteService', { endpoint: nodes[0].tcp, timeoutMs: 10_000 });
  const routedCluster = (loadBalancing: 'least-inflight' | 'round-robin') => spl.avro.configureCluster({ discoveryMethod: 'registry', endpoints: [nodes[0].http], loadBalancing, transport: 'tcp' });
  const least = routedCluster('least-inflight');
  const rr = routedCluster('round-robin');
  await waitUntil(() => least.nodes().length === 3 && rr.nodes().length === 3, 15_000, 'three nodes');
  const peers: Record<string, Execute> = {
    direct: (i) => direct.execute({ module: 'tools/text/uppercase', value: INPUT(i) }),
    routed: (i) => least.getService('SPLExecuteService').execute({ module: 'tools/text/uppercase', value: INPUT(i) }),
    routedRoundRobin: (i) => rr.getService('SPLExecuteService').execute({ module: 'tools/text/uppercase', value: INPUT(i) }),
  };
  const best: Record<string, number> = {};
  for (const run of Object.values(peers)) await throughput(run, 0.5, settings.inflight); // warm-up
  for (let rep = 0; rep < settings.reps; rep++) {
    for (const [name, run] of Object.entries(peers)) best[name] = Math.max(best[name] ?? 0, await throughput(run, settings.seconds, settings.inflight));
  }
  const perNode = least.stats().perNode;
  await least.close();
  await rr.close();
  return { direct: best.direct, routed: best.routed, routedRoundRobin: best.routedRoundRobin, perNode };
}

/** Starts three nodes under `method`, kills one, and times until the client's membership drops it. */
async function convergence(spl: Spl, method: 'registry' | 'etcd', dir: string): Promise<number[]> {
  const times: number[] = [];
  for (let rep = 0; rep < settings.reps; rep++) {
    const etcd = method === 'etcd' ? await startEtcd() : undefined;
    const nodes: SplNode[] = [];
    try {
      if (etcd) nodes.push(...(await Promise.all(['a', 'b', 'c'].map((id) => startNode(`${method}-${rep}-${id}`, dir, ['--discovery', etcd.url])))));
      else {
        nodes.push(await startNode(`${method}-${rep}-a`, dir));
        nodes.push(...(await Promise.all(['b', 'c'].map((id) => startNode(`${method}-${rep}-${id}`, dir, ['--join', nodes[0].http])))));
      }
      const cluster = spl.avro.configureCluster(etcd ? { discoveryMethod: 'etcd', endpoints: [etcd.url] } : { discoveryMethod: 'registry', endpoints: [nodes[0].http], pollMs: 100 });
      await waitUntil(() => cluster.nodes().length === 3, 20_000, `three nodes (${method})`);
      const victim = nodes[2];
      const killed = performance.now();
      await victim.kill();
      await waitUntil(() => !cluster.nodes().some((n) => n.nodeId === victim.id), 30_000, `${victim.id} to leave`, 5);
      times.push(performance.now() - killed);
      await cluster.close();
    } finally {
      await Promise.all(nodes.map((n) => n.kill()));
      await etcd?.stop();
      if (etcd) await removeDir(etcd.dataDir);
    }
  }
  return times;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const { createSpl, silentLogger } = await load();
  const dir = await tempDir('spl-bench-cluster-');
  const spl = await createSpl({ dataDir: path.join(dir, 'client'), watchModules: false, logger: silentLogger });
  const result: Record<string, unknown> = { cpus: os.cpus().length, seconds: settings.seconds, inflight: settings.inflight, reps: settings.reps, ttlMs: TTL_MS };
  try {
    if (settings.only.includes('throughput')) {
      const nodes = [await startNode('bench-a', dir)];
      nodes.push(...(await Promise.all(['bench-b', 'bench-c'].map((id) => startNode(id, dir, ['--join', nodes[0].http])))));
      try {
        result.throughput = await measureThroughput(spl, nodes);
      } finally {
        await Promise.all(nodes.map((n) => n.kill()));
      }
    }
    const converge: Record<string, { medianMs: number; runsMs: number[] }> = {};
    for (const method of ['registry', 'etcd'] as const) {
      if (!settings.only.includes(method)) continue;
      const runs = await convergence(spl, method, dir);
      converge[method] = { medianMs: Math.round(median(runs)), runsMs: runs.map(Math.round) };
    }
    result.convergence = converge;
  } finally {
    await spl.close();
    await removeDir(dir);
  }
  result.loadAverage = os.loadavg()[0];
  if (settings.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const lines = [`cluster bench: ${settings.inflight} calls in flight, best of ${settings.reps} × ${settings.seconds} s, ${os.cpus().length} cores`, ''];
  const t = result.throughput as { direct: number; routed: number; routedRoundRobin: number; perNode: Record<string, number> } | undefined;
  if (t) {
    lines.push('  throughput (SPLExecuteService.execute tools/text/uppercase over TCP)   calls/s   ratio');
    lines.push(`  direct, one node (getDistributedService)                              ${t.direct.toFixed(0).padStart(8)}   1.00`);
    lines.push(`  routed, three nodes, least-inflight (configureCluster)                ${t.routed.toFixed(0).padStart(8)}   ${(t.routed / t.direct).toFixed(2)}`);
    lines.push(`  routed, three nodes, round-robin                                      ${t.routedRoundRobin.toFixed(0).padStart(8)}   ${(t.routedRoundRobin / t.direct).toFixed(2)}`);
    lines.push(`  calls per node (least-inflight): ${Object.entries(t.perNode).map(([k, v]) => `${k} ${v}`).join(', ')}`, '');
  }
  for (const [method, c] of Object.entries(converge(result))) {
    lines.push(`  membership converges after kill -9 (${method}): median ${c.medianMs} ms (runs ${c.runsMs.join(', ')}; TTL ${TTL_MS} ms, ratio to TTL ${(c.medianMs / TTL_MS).toFixed(2)})`);
  }
  if ((result.loadAverage as number) > os.cpus().length) lines.push('', `  WARNING: load average ${(result.loadAverage as number).toFixed(2)}: other work shared the CPU`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function converge(result: Record<string, unknown>): Record<string, { medianMs: number; runsMs: number[] }> {
  return (result.convergence ?? {}) as Record<string, { medianMs: number; runsMs: number[] }>;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:cluster: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
