/**
 * IDL benchmark: our compiler (parse + lower to the protocol, with an in-memory reader) and our
 * parser alone, against avsc 5.7.9's `readProtocol`, on the same generated 10,000-line protocol.
 * Each workload runs as a block after its own warm-up; avsc's much longer runs come last (see
 * below).
 *
 *   npm run bench:idl              a table
 *   npm run bench:idl -- --json    one JSON object
 *   options: --runs N (default 30), --warmup N (default 10), --lines N (default 10000),
 *            --avsc-budget SECONDS (default 60: avsc's time budget, see below)
 *
 * It is a report, not a test: it exits 0 whether or not the target is met, but it fails loudly
 * (exit 1) if the two sides do not read the generated text as the same protocol.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import avsc from 'avsc';
import { generateProtocol } from './generate-protocol.js';

// Measure the product as it ships: the compiled JavaScript in dist/ (built by `npm run build`,
// which the bench script runs first), not sources transformed on the fly by the bench runner.
const dist = new URL('../dist/shared/idl/', import.meta.url);
if (!existsSync(dist)) throw new Error('dist/ is missing: run `npm run build` first');
const { compileIdl, compileResultToJson, formatDiagnostics } = (await import(new URL('compile.js', dist).href)) as typeof import('../shared/idl/compile.js');
const { hasErrors } = (await import(new URL('diagnostics.js', dist).href)) as typeof import('../shared/idl/diagnostics.js');
const { parseIdl } = (await import(new URL('parser.js', dist).href)) as typeof import('../shared/idl/parser.js');

const TARGET_MEDIAN_MS = 50;
const TARGET_RATIO = 1.0;
const PATH = '/bench/BenchmarkService.avdl';
const MIN_AVSC_RUNS = 5;

interface Stats {
  median: number;
  p90: number;
  min: number;
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} needs a positive integer`);
  return value;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p90: at(0.9), min: sorted[0] };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface ProtocolShape {
  types: string[];
  fields: Record<string, string[]>;
  messages: Record<string, string[]>;
}

/** Type full names (with their field names) and message names (with their parameter names). */
function shapeOf(protocol: Record<string, Json>): ProtocolShape {
  const protocolNamespace = typeof protocol.namespace === 'string' ? protocol.namespace : undefined;
  const shape: ProtocolShape = { types: [], fields: {}, messages: {} };
  for (const type of (protocol.types ?? []) as Record<string, Json>[]) {
    const name = String(type.name);
    const namespace = typeof type.namespace === 'string' ? type.namespace : protocolNamespace;
    const fullName = name.includes('.') || !namespace ? name : `${namespace}.${name}`;
    shape.types.push(`${String(type.type)} ${fullName}`);
    if (Array.isArray(type.fields)) shape.fields[fullName] = (type.fields as Record<string, Json>[]).map((f) => String(f.name));
  }
  const messages = (protocol.messages ?? {}) as Record<string, Record<string, Json>>;
  for (const [name, message] of Object.entries(messages)) {
    shape.messages[name] = ((message.request ?? []) as Record<string, Json>[]).map((p) => String(p.name));
  }
  return shape;
}

function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return a === b ? undefined : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const difference = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    if (difference) return difference;
  }
  return undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const asJson = args.includes('--json');
  const runs = option(args, '--runs', 30);
  const warmup = option(args, '--warmup', 10);
  const targetLines = option(args, '--lines', 10_000);
  const budgetSeconds = option(args, '--avsc-budget', 60);

  const generated = generateProtocol(targetLines);
  const text = generated.text;
  const reader = { read: async (path: string) => (path === PATH ? text : undefined) };
  const ours = () => compileIdl(PATH, { reader });
  const parseOnly = () => parseIdl(text, PATH);
  const theirs = () => avsc.readProtocol(text);

  // Both must read the same protocol before their times mean anything.
  const compiled = await ours();
  if (!compiled.ok || compiled.kind !== 'protocol') {
    throw new Error(`our compiler rejected the generated protocol:\n${formatDiagnostics(compiled).slice(0, 10).join('\n')}`);
  }
  if (hasErrors(parseOnly().diagnostics)) throw new Error('our parser reported errors on the generated protocol');
  const ourShape = shapeOf(compileResultToJson(compiled) as Record<string, Json>);
  if (ourShape.types.length !== generated.typeNames.length || Object.keys(ourShape.messages).length !== generated.messageNames.length) {
    throw new Error('the generated protocol does not have the types and messages its generator meant');
  }

  const samples = { compile: [] as number[], parse: [] as number[], avsc: [] as number[] };
  const time = async (run: () => unknown, into: number[] | undefined): Promise<void> => {
    const start = performance.now();
    await run();
    into?.push(performance.now() - start);
  };
  // Ours first. Each workload runs as a block after its own warm-up, as an editor or a build
  // calls it again and again. avsc comes after ours, never before or between: each of its runs
  // leaves hundreds of megabytes of garbage, and a 50 ms run after it would time avsc's garbage
  // collection, not our compiler.
  for (const [run, into] of [[ours, samples.compile], [parseOnly, samples.parse]] as const) {
    for (let i = 0; i < warmup + runs; i++) await time(run, i >= warmup ? into : undefined);
  }

  // Both must read the same protocol for the times to mean anything.
  const started = performance.now();
  const theirShape = shapeOf(theirs() as Record<string, Json>);
  const avscOnce = performance.now() - started;
  const difference = firstDifference(ourShape, theirShape);
  if (difference) throw new Error(`ours and avsc read the generated protocol differently: ${difference}`);

  // avsc's reader is quadratic in the input (each failed look-ahead builds an error that scans the
  // text from the start for a line number): at 10,000 lines one call takes seconds. Its runs are
  // capped by a time budget (at least MIN_AVSC_RUNS).
  const avscRuns = Math.min(runs, Math.max(MIN_AVSC_RUNS, Math.floor((budgetSeconds * 1000) / avscOnce)));
  const avscWarmup = avscOnce * (warmup + 1) <= (budgetSeconds * 1000) / 4 ? warmup : 0;
  for (let i = 0; i < avscWarmup + avscRuns; i++) await time(theirs, i >= avscWarmup ? samples.avsc : undefined);

  const compile = stats(samples.compile);
  const parse = stats(samples.parse);
  const avscStats = stats(samples.avsc);
  const ratio = compile.median / avscStats.median;
  const met = compile.median <= TARGET_MEDIAN_MS && ratio <= TARGET_RATIO;
  const round = (n: number): number => Math.round(n * 100) / 100;
  const significant = (n: number): number => Number(n.toPrecision(3));
  const result = {
    benchmark: 'idl',
    input: { lines: text.split('\n').length - 1, bytes: Buffer.byteLength(text), types: generated.typeNames.length, messages: generated.messageNames.length },
    runs: { compile: samples.compile.length, parse: samples.parse.length, avsc: samples.avsc.length },
    warmup: { compile: warmup, parse: warmup, avsc: avscWarmup + 1 },
    node: process.version,
    ms: {
      compile: { median: round(compile.median), p90: round(compile.p90), min: round(compile.min) },
      parse: { median: round(parse.median), p90: round(parse.p90), min: round(parse.min) },
      avsc: { median: round(avscStats.median), p90: round(avscStats.p90), min: round(avscStats.min) },
    },
    ratio: { compileVsAvsc: significant(ratio), parseVsAvsc: significant(parse.median / avscStats.median) },
    target: { compileMedianMs: TARGET_MEDIAN_MS, ratio: TARGET_RATIO, met },
  };

  if (asJson) {
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  const row = (label: string, s: Stats, vs: string): string =>
    `  ${label.padEnd(34)} ${s.median.toFixed(2).padStart(9)} ${s.p90.toFixed(2).padStart(9)} ${s.min.toFixed(2).padStart(9)}   ${vs}`;
  const lines = [
    `IDL benchmark: ${result.input.lines} lines, ${(result.input.bytes / 1024).toFixed(1)} KiB, ${result.input.types} types, ${result.input.messages} messages`,
    `${runs} runs after ${warmup} warm-up runs each (avsc: ${samples.avsc.length} runs after ${avscWarmup + 1}, `
      + `as one run takes ${(avscOnce / 1000).toFixed(1)} s); Node ${process.version}`,
    '',
    `  ${'ms'.padEnd(34)} ${'median'.padStart(9)} ${'p90'.padStart(9)} ${'min'.padStart(9)}   vs avsc (median)`,
    row('ours: compileIdl (parse + lower)', compile, `${ratio.toPrecision(3)}x`),
    row('ours: parseIdl only', parse, `${(parse.median / avscStats.median).toPrecision(3)}x`),
    row('avsc 5.7.9: readProtocol', avscStats, '1.00x'),
    '',
    `Target: compile median <= ${TARGET_MEDIAN_MS} ms and ratio ours/avsc <= ${TARGET_RATIO.toFixed(1)} (lower is better): ${met ? 'MET' : 'NOT MET'}`
      + ` (median ${compile.median.toFixed(2)} ms, ratio ${ratio.toPrecision(3)})`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:idl failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
