/**
 * Data benchmark: SPLDataService `write` and `read`, in records/s, against raw better-sqlite3
 * inserts and selects of the same Avro bytes, all measured in one run on the same machine.
 *
 *   npm run bench:data              a table
 *   npm run bench:data -- --json    one JSON object
 *   options: --seconds N      measured seconds per row (default 2)
 *            --inflight N     calls in flight for the concurrent rows (default 64)
 *            --sync LIST      durability settings to measure: full, normal or both (default full,normal)
 *
 * Rows, for each `synchronous` setting (the same for the service's store and the raw table):
 * - raw: better-sqlite3 on a plain table (topic, key, value), WAL. Writes one autocommit
 *   INSERT OR REPLACE per record (one commit per record, as an acknowledged write needs), and
 *   in transactions of `--inflight` records (what group commit can at best reach with that many
 *   writes waiting). Reads: a SELECT by key; a page of 100 in key order.
 * - service in process: the SPLDataService handlers called directly with engine-shaped values
 *   (what `spl.avro.getService('SPLDataService')` does in process): checks the request, decodes
 *   the bytes against their writer schema, stores through group commit. One at a time, and with
 *   `--inflight` at once.
 * - service over TCP: an RpcClient over TCP to a data node in a child process (so client and
 *   server each have a core), one at a time and `--inflight` at once.
 *
 * The ratio column divides each service row by its raw peer (same operation, same concurrency
 * where it applies). It is a report: it exits 0 whatever the numbers.
 *
 * It runs the compiled package in dist/ (the script builds it with tsc first): the product as
 * it ships, not sources transformed on the fly.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';

const dist = new URL('../dist/', import.meta.url);

type ServiceModule = typeof import('../electron/runtime/services/data-service.js');
type RegistryModule = typeof import('../electron/runtime/schemas/schema-registry.js');
type DefinitionsModule = typeof import('../electron/runtime/definitions.js');
type ClientModule = typeof import('../electron/runtime/rpc/client.js');
type TcpModule = typeof import('../electron/runtime/rpc/tcp.js');

async function load() {
  const at = (p: string) => new URL(p, dist);
  if (!existsSync(at('electron/runtime/services/data-service.js'))) throw new Error('dist/ is missing the data service: run `npx tsc -p tsconfig.build.json` (npm run bench:data does) first');
  const [service, registry, definitions, client, tcp] = await Promise.all([
    import(at('electron/runtime/services/data-service.js').href) as Promise<ServiceModule>,
    import(at('electron/runtime/schemas/schema-registry.js').href) as Promise<RegistryModule>,
    import(at('electron/runtime/definitions.js').href) as Promise<DefinitionsModule>,
    import(at('electron/runtime/rpc/client.js').href) as Promise<ClientModule>,
    import(at('electron/runtime/rpc/tcp.js').href) as Promise<TcpModule>,
  ]);
  return { ...service, ...registry, ...definitions, ...client, ...tcp, nodeScript: at('electron/runtime/data/test-support/data-node.js') };
}

// ---------------------------------------------------------------------------------------------
// The record: a user profile of about 200 bytes as Avro binary.

const SCHEMA = JSON.stringify({
  type: 'record', name: 'UserProfile', namespace: 'spl.bench',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'email', type: 'string' },
    { name: 'age', type: 'int' },
    { name: 'createdAt', type: 'long' },
    { name: 'score', type: 'double' },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'bio', type: ['null', 'string'], default: null },
  ],
});

const profile = (i: number) => ({
  id: keyOf(i),
  name: `Ada Lovelace ${i}`,
  email: `ada.${i}@analytical-engines.example.org`,
  age: 20 + (i % 60),
  createdAt: 1_718_000_000_000 + i,
  score: i * 0.125,
  tags: ['admin', 'beta', 'eu-west'],
  bio: { string: 'Wrote the first published algorithm for a machine; likes engines.' },
});

/** Keys spread over the key space (inserts land anywhere in the B-tree, not only at its end). */
function keyOf(i: number): string {
  return `user-${(Math.imul(i + 1, 2654435761) >>> 0).toString(16).padStart(8, '0')}-${i}`;
}

// ---------------------------------------------------------------------------------------------
// Measuring.

interface Row {
  id: string;
  op: 'write' | 'read key' | 'read page';
  sync: string;
  label: string;
  recordsPerSecond: number;
  /** The raw peer this row is compared with. */
  vs?: string;
  ratio?: number;
}

/** Operations started by the last measure() call: writes used keys 0..ops-1 (plus their base). */
let lastOps = 0;

/** Runs `op` (returning records done) with `concurrency` loops until `seconds` pass; records/s. */
async function measure(seconds: number, concurrency: number, op: (i: number) => Promise<number> | number): Promise<number> {
  let next = 0;
  let records = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      // Not `records += await op()`: that reads `records` before awaiting, losing concurrent counts.
      const done = await op(next++);
      records += done;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  lastOps = next;
  return records / ((performance.now() - start) / 1000);
}

/** The same for synchronous work, without an await per operation (the raw peer pays none). */
function measureSync(seconds: number, op: (i: number) => number): number {
  let records = 0;
  let i = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  while (performance.now() < deadline) for (let k = 0; k < 16; k++) records += op(i++);
  lastOps = i;
  return records / ((performance.now() - start) / 1000);
}

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'spl-data-bench-'));
}

// ---------------------------------------------------------------------------------------------
// Peers.

function rawRows(sync: 'full' | 'normal', seconds: number, batch: number, bytesOf: (i: number) => Buffer): Row[] {
  const dir = tempDir();
  try {
    const db = new Database(path.join(dir, 'raw.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${sync.toUpperCase()}`);
    db.exec('CREATE TABLE records (topic TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, PRIMARY KEY (topic, key))');
    const insert = db.prepare('INSERT OR REPLACE INTO records (topic, key, value) VALUES (?, ?, ?)');
    const rows: Row[] = [];
    rows.push({ id: 'raw-write', op: 'write', sync, label: 'raw better-sqlite3, 1 insert per commit', recordsPerSecond: measureSync(seconds, (i) => (insert.run('users', keyOf(i), bytesOf(i)), 1)) });
    const written = lastOps;
    let base = 1_000_000;
    const many = db.transaction((n: number) => {
      for (let k = 0; k < n; k++) insert.run('users', keyOf(base + k), bytesOf(base + k));
      base += n;
    });
    rows.push({ id: 'raw-write-batch', op: 'write', sync, label: `raw better-sqlite3, ${batch} inserts per commit`, recordsPerSecond: measureSync(seconds, () => (many(batch), batch)) });
    const count = (db.prepare('SELECT COUNT(*) FROM records').pluck().get() as number);
    const byKey = db.prepare('SELECT value FROM records WHERE topic = ? AND key = ?').pluck();
    rows.push({ id: 'raw-read-key', op: 'read key', sync, label: 'raw better-sqlite3, SELECT by key', recordsPerSecond: measureSync(seconds, (i) => (byKey.get('users', keyOf(i % written)) ? 1 : 0)) });
    const page = db.prepare('SELECT key, value FROM records WHERE topic = ? ORDER BY key LIMIT 100 OFFSET ?');
    const total = db.prepare('SELECT COUNT(*) FROM records WHERE topic = ?').pluck();
    const pageTx = db.transaction((offset: number) => ({ rows: page.all('users', offset), total: total.get('users') }));
    rows.push({ id: 'raw-read-page', op: 'read page', sync, label: 'raw better-sqlite3, page of 100 + COUNT(*)', recordsPerSecond: measureSync(seconds, (i) => pageTx((i * 100) % Math.max(1, count - 100)).rows.length) });
    db.close();
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Engine = Awaited<ReturnType<typeof load>>;

function writeRequest(engine: { fingerprint: Buffer }, i: number, bytesOf: (i: number) => Buffer) {
  return {
    request: {
      topic: 'users',
      primaryKey: keyOf(i),
      data: { schema: { name: { string: 'spl.bench.UserProfile' }, fingerprint: { 'spl.common.SchemaFingerprint': engine.fingerprint }, json: null }, value: bytesOf(i) },
      schema: null,
    },
  };
}

const readKey = (i: number) => ({ request: { topic: 'users', primaryKey: { string: keyOf(i) }, limit: null, offset: null } });
const readPage = (offset: number) => ({ request: { topic: 'users', primaryKey: null, limit: { long: 100 }, offset: { long: offset } } });

async function inProcessRows(engine: Engine, sync: 'full' | 'normal', seconds: number, inflight: number, bytesOf: (i: number) => Buffer): Promise<Row[]> {
  const dir = tempDir();
  const registry = new engine.SchemaRegistry();
  const schema = registry.register(SCHEMA);
  const data = engine.createDataService({ dataDir: dir, registry, synchronous: sync });
  const { write, read } = data.handlers;
  const context = {} as never;
  try {
    const rows: Row[] = [];
    let base = 0;
    rows.push({ id: 'service-write', op: 'write', sync, label: 'service in process, 1 at a time', recordsPerSecond: await measure(seconds, 1, async (i) => (await write(writeRequest(schema, base + i, bytesOf), context), 1)) });
    const written = lastOps;
    base = 1_000_000;
    rows.push({ id: 'service-write-concurrent', op: 'write', sync, label: `service in process, ${inflight} in flight (group commit)`, recordsPerSecond: await measure(seconds, inflight, async (i) => (await write(writeRequest(schema, base + i, bytesOf), context), 1)) });
    rows.push({ id: 'service-read-key', op: 'read key', sync, label: 'service in process, read by key', recordsPerSecond: await measure(seconds, 1, async (i) => ((await read(readKey(i % written), context)) as { records: unknown[] }).records.length) });
    const total = ((await read(readPage(0), context)) as { totalCount: number }).totalCount;
    rows.push({ id: 'service-read-page', op: 'read page', sync, label: 'service in process, page of 100', recordsPerSecond: await measure(seconds, 1, async (i) => ((await read(readPage((i * 100) % Math.max(1, total - 100)), context)) as { records: unknown[] }).records.length) });
    return rows;
  } finally {
    await data.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function startNode(engine: Engine, dir: string, sync: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(engine.nodeScript, ['--data', dir, '--tcp', '0', '--synchronous', sync], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0]) as { tcp: number }).tcp);
    });
    child.once('exit', (code) => reject(new Error(`the data node exited (${code})`)));
  });
  return { child, port };
}

async function tcpRows(engine: Engine, sync: 'full' | 'normal', seconds: number, inflight: number, bytesOf: (i: number) => Buffer): Promise<Row[]> {
  const dir = tempDir();
  const { child, port } = await startNode(engine, dir, sync);
  const protocol = await engine.loadDefinition('data');
  const channel = new engine.TcpChannel('127.0.0.1', port);
  const client = new engine.RpcClient(protocol, channel);
  const schema = new engine.SchemaRegistry().register(SCHEMA);
  try {
    // The node learns the schema once; every later write names it by fingerprint.
    const first = writeRequest(schema, 0, bytesOf);
    first.request.data.schema.json = { string: schema.json } as never;
    await client.call('write', first);
    const rows: Row[] = [];
    let base = 1;
    rows.push({ id: 'tcp-write', op: 'write', sync, label: 'service over TCP, 1 at a time', recordsPerSecond: await measure(seconds, 1, async (i) => (await client.call('write', writeRequest(schema, base + i, bytesOf)), 1)) });
    const written = lastOps;
    base = 1_000_000;
    rows.push({ id: 'tcp-write-concurrent', op: 'write', sync, label: `service over TCP, ${inflight} in flight (group commit)`, recordsPerSecond: await measure(seconds, inflight, async (i) => (await client.call('write', writeRequest(schema, base + i, bytesOf)), 1)) });
    rows.push({ id: 'tcp-read-key', op: 'read key', sync, label: `service over TCP, read by key, ${inflight} in flight`, recordsPerSecond: await measure(seconds, inflight, async (i) => ((await client.call('read', readKey(1 + (i % written)))) as { records: unknown[] }).records.length) });
    const total = ((await client.call('read', readPage(0))) as { totalCount: number }).totalCount;
    rows.push({ id: 'tcp-read-page', op: 'read page', sync, label: 'service over TCP, page of 100', recordsPerSecond: await measure(seconds, 1, async (i) => ((await client.call('read', readPage((i * 100) % Math.max(1, total - 100)))) as { records: unknown[] }).records.length) });
    return rows;
  } finally {
    await channel.close();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Which raw row each service row is compared with. */
const PEERS: Record<string, string> = {
  'service-write': 'raw-write',
  'service-write-concurrent': 'raw-write-batch',
  'tcp-write': 'raw-write',
  'tcp-write-concurrent': 'raw-write-batch',
  'service-read-key': 'raw-read-key',
  'tcp-read-key': 'raw-read-key',
  'service-read-page': 'raw-read-page',
  'tcp-read-page': 'raw-read-page',
};

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const asJson = args.includes('--json');
  const seconds = Number(option(args, '--seconds') ?? 2);
  const inflight = Number(option(args, '--inflight') ?? 64);
  const syncs = (option(args, '--sync') ?? 'full,normal').split(',').filter((s): s is 'full' | 'normal' => s === 'full' || s === 'normal');
  const engine = await load();
  const schemaType = new engine.SchemaRegistry().register(SCHEMA).type;
  const bytesOf = (i: number) => schemaType.toBuffer(profile(i));
  const rows: Row[] = [];
  for (const sync of syncs) {
    const raw = rawRows(sync, seconds, inflight, bytesOf);
    const service = [...(await inProcessRows(engine, sync, seconds, inflight, bytesOf)), ...(await tcpRows(engine, sync, seconds, inflight, bytesOf))];
    for (const row of service) {
      const peer = raw.find((r) => r.id === PEERS[row.id]);
      if (peer) Object.assign(row, { vs: peer.id, ratio: row.recordsPerSecond / peer.recordsPerSecond });
    }
    rows.push(...raw, ...service);
  }
  const meta = { recordBytes: bytesOf(1).length, node: process.version, cores: os.cpus().length, seconds, inflight, loadAverage: os.loadavg()[0] };
  if (asJson) {
    process.stdout.write(`${JSON.stringify({ ...meta, rows }, null, 2)}\n`);
    return;
  }
  const lines = [`Data benchmark: UserProfile records of ${meta.recordBytes} bytes (Avro binary); Node ${meta.node}, ${meta.cores} cores, ${seconds} s per row`, ''];
  for (const sync of syncs) {
    lines.push(`synchronous=${sync.toUpperCase()} (WAL)`);
    lines.push(`  ${'operation'.padEnd(10)} ${'peer'.padEnd(52)} ${'records/s'.padStart(11)} ${'µs/record'.padStart(10)}  vs raw`);
    for (const row of rows.filter((r) => r.sync === sync)) {
      const ratio = row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}x ${row.vs}`;
      lines.push(`  ${row.op.padEnd(10)} ${row.label.padEnd(52)} ${Math.round(row.recordsPerSecond).toLocaleString('en-US').padStart(11)} ${(1e6 / row.recordsPerSecond).toFixed(1).padStart(10)}  ${ratio}`);
    }
    lines.push('');
  }
  const loadAverage = os.loadavg()[0];
  if (loadAverage > meta.cores) lines.push(`WARNING: the 1-minute load average was ${loadAverage.toFixed(2)} on ${meta.cores} cores at the end: something else was using the machine, so every row is understated (fsync-bound rows, and the two-process TCP rows, most).`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
