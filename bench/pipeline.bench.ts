/**
 * Pipeline benchmark: what running the same handlers as a pipeline costs, per stage, against
 * composing them directly, all measured in one run. The handlers are the sample modules
 * (assets/modules): the word-stats pipeline (tools/text/split-words -> apps/analytics/count-words
 * -> apps/analytics/summarize) on one paragraph, and chains of N tools/text/uppercase stages.
 *
 *   npm run bench:pipeline              a table
 *   npm run bench:pipeline -- --json    one JSON object
 *   options: --seconds N   measured seconds per run (default 1)
 *            --warmup N    warm-up seconds per peer (default 0.5)
 *            --reps N      runs per peer; the best counts, since noise on a shared machine only
 *                          ever slows a run down (default 3)
 *            --chains a,b  chain lengths of tools/text/uppercase (default 1,4,16)
 *
 * Every peer but `direct` ends with the result as a plain value (decoded, unions unwrapped), as
 * a caller of the seed's API gets it. Peers, each run one pipeline at a time (one in flight):
 *   direct       the handlers composed by hand: `await h3(await h2(await h1(input)))`
 *   runner       the node's pipeline runner alone (check, resolve, run, encode each output for the trace)
 *   in-process   SPLPipelineService.executePipeline through the engine's in-process transport
 *                (what the seed's spl.pipeline.run and modules calling the node use)
 *   wire         the same through the whole Avro wire path without sockets (InProcessChannel)
 *   tcp          the same over TCP on loopback, client and node in this process
 * Overhead per stage = (peer's time per run - direct's) / stages; for the chains it is the slope
 * over chain lengths, which leaves out the per-run costs (request, response, first decode).
 *
 * It is a report, not a test: it exits 0, but fails loudly (exit 1) if any peer's result differs
 * from the direct composition's.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

// Measure the product as it ships: the compiled JavaScript in dist/ (the bench script builds it).
const dist = new URL('../dist/', import.meta.url);
const samples = fileURLToPath(new URL('../assets/modules/', import.meta.url));

type CoreModule = typeof import('../electron/runtime/services/node-core.js');
type InProcessModule = typeof import('../electron/runtime/rpc/in-process.js');
type ClientModule = typeof import('../electron/runtime/rpc/client.js');
type TcpModule = typeof import('../electron/runtime/rpc/tcp.js');
type PlainModule = typeof import('../electron/runtime/modules/plain-value.js');
type NodeCore = Awaited<ReturnType<CoreModule['createNodeCore']>>;

interface Engine {
  createNodeCore: CoreModule['createNodeCore'];
  InProcessClient: InProcessModule['InProcessClient'];
  RpcClient: ClientModule['RpcClient'];
  TcpChannel: TcpModule['TcpChannel'];
  serveTcp: TcpModule['serveTcp'];
  toPlainValue: PlainModule['toPlainValue'];
}

async function loadEngine(): Promise<Engine> {
  const at = (file: string) => new URL(file, dist);
  if (!existsSync(at('electron/runtime/services/node-core.js'))) throw new Error('dist/ is missing the node core: run `npm run bench:pipeline` (it builds first) or `npx tsc -p tsconfig.build.json`');
  const [core, inProcess, client, tcp, plain] = await Promise.all([
    import(at('electron/runtime/services/node-core.js').href) as Promise<CoreModule>,
    import(at('electron/runtime/rpc/in-process.js').href) as Promise<InProcessModule>,
    import(at('electron/runtime/rpc/client.js').href) as Promise<ClientModule>,
    import(at('electron/runtime/rpc/tcp.js').href) as Promise<TcpModule>,
    import(at('electron/runtime/modules/plain-value.js').href) as Promise<PlainModule>,
  ]);
  return { createNodeCore: core.createNodeCore, InProcessClient: inProcess.InProcessClient, RpcClient: client.RpcClient, TcpChannel: tcp.TcpChannel, serveTcp: tcp.serveTcp, toPlainValue: plain.toPlainValue };
}

const PARAGRAPH = 'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness, '
  + 'it was the epoch of belief, it was the epoch of incredulity, it was the season of Light, it was the season of Darkness, '
  + 'it was the spring of hope, it was the winter of despair, we had everything before us, we had nothing before us.';

type Handler = (input: unknown, context: unknown) => unknown;
const handler = async (uri: string): Promise<Handler> => (await import(new URL(`${uri}/index.js`, `file://${samples}`).href)).default as Handler;

interface Run {
  label: string;
  /** Runs the pipeline once; resolves with its result as a plain value. */
  call: () => Promise<unknown>;
}

interface Stats {
  runs: number;
  usPerRun: number;
  cpuUsPerRun: number;
}

async function time(call: () => Promise<unknown>, seconds: number): Promise<Stats> {
  let runs = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const end = started + seconds * 1000;
  while (performance.now() < end) {
    await call();
    runs++;
  }
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { runs, usPerRun: (elapsed * 1000) / runs, cpuUsPerRun: (used.user + used.system) / runs };
}

async function best(call: () => Promise<unknown>, options: Options): Promise<Stats> {
  await time(call, options.warmup);
  let found: Stats | undefined;
  for (let i = 0; i < options.reps; i++) {
    const stats = await time(call, options.seconds);
    if (!found || stats.usPerRun < found.usPerRun) found = stats;
  }
  return found!;
}

interface Options {
  seconds: number;
  warmup: number;
  reps: number;
  chains: number[];
  json: boolean;
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
}

/** The peers for one pipeline, each resolving with the pipeline's plain result. */
function peers(engine: Engine, core: NodeCore, tcp: { client: InstanceType<Engine['RpcClient']> }, definition: Record<string, unknown>, firstInput: unknown, direct: () => Promise<unknown>): Run[] {
  const protocol = core.protocol('SPLPipelineService');
  const inProcess = new engine.InProcessClient(core.server, protocol);
  const wire = new engine.InProcessClient(core.server, protocol, { binary: true });
  const name = definition.name as string;
  const first = core.modules.get((definition.stages as { module: string }[])[0].module)!.inputSchema!;
  const payload = {
    schema: { name: { string: first.fullName! }, fingerprint: { 'spl.common.SchemaFingerprint': first.fingerprint }, json: null },
    value: first.type.toBuffer(firstInput),
  };
  const request = { request: { pipeline: { string: name }, input: payload, context: {} } };
  const decode = (response: unknown): unknown => {
    const value = (response as { value: { 'spl.common.Payload': { schema: { fingerprint: Record<string, Buffer> }; value: Buffer } } }).value['spl.common.Payload'];
    const schema = core.schemas.byFingerprint(value.schema.fingerprint['spl.common.SchemaFingerprint'])!;
    return engine.toPlainValue(schema.schema, schema.type.fromBuffer(value.value));
  };
  const datum = { kind: 'payload' as const, payload };
  return [
    { label: 'direct', call: direct },
    {
      label: 'runner',
      call: async () => {
        const run = await core.pipelines.run(name, datum);
        return run.output.kind === 'typed' ? engine.toPlainValue(run.output.schema.schema, run.output.value) : undefined;
      },
    },
    { label: 'in-process', call: async () => decode(await inProcess.call('executePipeline', request)) },
    { label: 'wire', call: async () => decode(await wire.call('executePipeline', request)) },
    { label: 'tcp', call: async () => decode(await tcp.client.call('executePipeline', request)) },
  ];
}

/** A value as sorted plain JSON, so that avsc's record instances compare with plain objects. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return Number(v);
    if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    return v;
  });
}

interface Row {
  pipeline: string;
  stages: number;
  peer: string;
  stats: Stats;
  /** (this peer's time per run - direct's) / stages, in microseconds. */
  overheadPerStageUs: number;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const chainsArg = args.indexOf('--chains');
  const options: Options = {
    seconds: option(args, '--seconds', 1),
    warmup: option(args, '--warmup', 0.5),
    reps: Math.round(option(args, '--reps', 3)),
    chains: chainsArg >= 0 ? args[chainsArg + 1].split(',').map(Number) : [1, 4, 16],
    json: args.includes('--json'),
  };
  if (options.chains.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--chains takes stage counts, e.g. 1,4,16');
  const engine = await loadEngine();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'spl-bench-pipeline-'));
  const core = await engine.createNodeCore({ nodeId: 'bench', dataDir, moduleDirs: [samples], watchModules: false });
  const listening = await engine.serveTcp(core.server, { port: 0 });
  const channel = engine.TcpChannel.fromUrl(listening.url);
  const tcp = { client: new engine.RpcClient(core.protocol('SPLPipelineService'), channel, { protocolName: 'spl.pipeline.SPLPipelineService' }) };
  const started = performance.now();
  const rows: Row[] = [];
  try {
    const context = { module: 'direct', headers: {} as Record<string, string>, logger: { debug() {}, info() {}, warn() {}, error() {} }, fail: (m: string) => new Error(m) };
    const [split, count, summarize, uppercase] = await Promise.all(['tools/text/split-words', 'apps/analytics/count-words', 'apps/analytics/summarize', 'tools/text/uppercase'].map(handler));

    const wordStats = { name: 'word-stats', stages: [{ module: 'tools/text/split-words' }, { module: 'apps/analytics/count-words' }, { module: 'apps/analytics/summarize' }] };
    // count-words reads WordList, which resolution fills with ignoreCase's default: the hand-written composition passes it.
    const directWordStats = async () => summarize(await count({ ...((await split({ text: PARAGRAPH }, context)) as object), ignoreCase: true }, context), context);
    const pipelines: { definition: typeof wordStats; input: unknown; direct: () => Promise<unknown> }[] = [{ definition: wordStats, input: { text: PARAGRAPH }, direct: directWordStats }];
    for (const n of options.chains) {
      const definition = { name: `uppercase-x${n}`, stages: Array.from({ length: n }, () => ({ module: 'tools/text/uppercase' })) };
      const direct = async () => {
        let value: unknown = { text: 'shout' };
        for (let i = 0; i < n; i++) value = await uppercase(value, context);
        return value;
      };
      pipelines.push({ definition, input: { text: 'shout' }, direct });
    }

    for (const { definition, input, direct } of pipelines) {
      await core.services.pipeline.registerPipeline(definition);
      const stages = definition.stages.length;
      const runs = peers(engine, core, tcp, definition, input, direct);
      const want = canonical(await direct());
      let directUs = 0;
      for (const run of runs) {
        const got = canonical(await run.call());
        if (got !== want) throw new Error(`${run.label} on ${definition.name} returned ${got}, direct composition ${want}`);
        if (!options.json) process.stderr.write(`  measuring ${definition.name}: ${run.label}...\n`);
        const stats = await best(run.call, options);
        if (run.label === 'direct') directUs = stats.usPerRun;
        rows.push({ pipeline: definition.name, stages, peer: run.label, stats, overheadPerStageUs: (stats.usPerRun - directUs) / stages });
      }
    }
  } finally {
    await channel.close();
    await listening.close();
    await core.close();
    await rm(dataDir, { recursive: true, force: true });
  }

  // The chains' slope: per-stage cost with the per-run costs (request, response) left out.
  const chains = [...options.chains].sort((a, b) => a - b);
  const slopes: Record<string, number> = {};
  if (chains.length >= 2) {
    const at = (peer: string, n: number) => rows.find((r) => r.pipeline === `uppercase-x${n}` && r.peer === peer)!.stats.usPerRun;
    const lo = chains[0];
    const hi = chains[chains.length - 1];
    for (const peer of ['direct', 'runner', 'in-process', 'wire', 'tcp']) slopes[peer] = (at(peer, hi) - at(peer, lo)) / (hi - lo);
  }
  const seconds = (performance.now() - started) / 1000;
  const r1 = (x: number) => Math.round(x * 10) / 10;
  const loadAverage = os.loadavg()[0];
  // This bench keeps one core busy: beyond cores + 1, other work shared the CPU and slowed it down.
  const busy = loadAverage > os.cpus().length + 1;

  if (options.json) {
    process.stdout.write(JSON.stringify({
      benchmark: 'pipeline',
      node: process.version,
      options: { seconds: options.seconds, warmup: options.warmup, reps: options.reps, chains: options.chains },
      seconds: r1(seconds),
      loadAverage: r1(loadAverage),
      rows: rows.map((r) => ({ pipeline: r.pipeline, stages: r.stages, peer: r.peer, runsPerSecond: Math.round(1e6 / r.stats.usPerRun), usPerRun: r1(r.stats.usPerRun), cpuUsPerRun: r1(r.stats.cpuUsPerRun), overheadPerStageUs: r1(r.overheadPerStageUs) })),
      perStageSlopeUs: Object.fromEntries(Object.entries(slopes).map(([peer, us]) => [peer, r1(us)])),
      overheadPerStageSlopeUs: Object.fromEntries(Object.entries(slopes).filter(([peer]) => peer !== 'direct').map(([peer, us]) => [peer, r1(us - slopes.direct)])),
    }) + '\n');
    return;
  }

  const us = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
  const lines = [
    `Pipeline benchmark: the sample modules as pipelines against the same handlers composed directly; Node ${process.version}, ${os.cpus().length} cores`,
    `best of ${options.reps} runs of ${options.seconds} s after ${options.warmup} s of warm-up, one pipeline in flight; ${r1(seconds)} s in all`,
    '',
    `  ${'pipeline'.padEnd(16)} ${'stages'.padStart(6)}  ${'peer'.padEnd(10)} ${'runs/s'.padStart(9)} ${'us/run'.padStart(8)} ${'cpu us'.padStart(8)} ${'x direct'.padStart(9)} ${'+us/stage'.padStart(10)}`,
  ];
  for (const r of rows) {
    const direct = rows.find((d) => d.pipeline === r.pipeline && d.peer === 'direct')!.stats.usPerRun;
    lines.push(`  ${r.pipeline.padEnd(16)} ${String(r.stages).padStart(6)}  ${r.peer.padEnd(10)} ${Math.round(1e6 / r.stats.usPerRun).toLocaleString('en-US').padStart(9)} ${us(r.stats.usPerRun).padStart(8)} ${us(r.stats.cpuUsPerRun).padStart(8)} ${`${(r.stats.usPerRun / direct).toFixed(1)}x`.padStart(9)} ${(r.peer === 'direct' ? '' : us(r.overheadPerStageUs)).padStart(10)}`);
  }
  if (Object.keys(slopes).length > 0) {
    lines.push('', `  per added stage (slope over uppercase chains of ${chains[0]} to ${chains[chains.length - 1]} stages): cost, and overhead over direct composition`);
    for (const [peer, slope] of Object.entries(slopes)) lines.push(`    ${peer.padEnd(10)} ${us(slope).padStart(8)} us${peer === 'direct' ? '' : `   +${us(slope - slopes.direct)} us`}`);
  }
  if (busy) lines.push('', `  WARNING: the 1-minute load average was ${loadAverage.toFixed(2)} on ${os.cpus().length} cores at the end: other work shared the CPU, so times are overstated (ratios less so)`);
  lines.push(
    '',
    '  +us/stage: (us/run - direct us/run) / stages, per-run costs (request, response, decoding the result) included.',
    '  runner: the pipeline engine without the service (check, resolve inputs, run, encode each output: the trace reports its size).',
    '  in-process / wire / tcp: SPLPipelineService.executePipeline through the in-process transport, the full wire path without sockets, and TCP on loopback.',
  );
  process.stdout.write(lines.join('\n') + '\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:pipeline failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
