/**
 * An acknowledged write survives `kill -9` of the node: a real process serves SPLDataService
 * over HTTP, takes N writes (each acknowledged), more writes are in flight when it is killed,
 * and a new process on the same data directory must hold every acknowledged one, byte for byte.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDefinition } from '../definitions.js';
import { RpcClient } from '../rpc/client.js';
import { HttpChannel } from '../rpc/http-channel.js';
import { SchemaRegistry } from '../schemas/schema-registry.js';
import { DATABASE_FILE } from './sqlite-record-store.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SCRIPT = path.join(import.meta.dirname, 'test-support/data-node.ts');
const PROTOCOL = 'spl.data.SPLDataService';

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts a data node on `dir`; resolves with its process and HTTP port once it listens. */
async function startNode(dir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, '--data', dir, '--http', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the data node did not start: ${err}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { http: number }).http);
      }
    });
    child.on('exit', (code) => reject(new Error(`the data node exited (${code}): ${err}`)));
  });
  return { child, port };
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('durability', () => {
  it('keeps every acknowledged write through kill -9 of the node', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spl-durable-'));
    dirs.push(dir);
    const protocol = await loadDefinition('data');
    const schema = new SchemaRegistry().register('{"type":"record","name":"spl.test.Event","fields":[{"name":"n","type":"long"},{"name":"text","type":"string"}]}');
    const bytesOf = (n: number) => schema.type.toBuffer({ n, text: `event ${n} `.repeat(1 + (n % 7)) });
    const request = (n: number, withJson: boolean) => ({
      request: {
        topic: 'events',
        primaryKey: `e${String(n).padStart(5, '0')}`,
        data: { schema: { name: { string: 'spl.test.Event' }, fingerprint: { 'spl.common.SchemaFingerprint': schema.fingerprint }, json: withJson ? { string: schema.json } : null }, value: bytesOf(n) },
        schema: null,
      },
    });

    const first = await startNode(dir);
    const channel = new HttpChannel(`http://127.0.0.1:${first.port}/`, PROTOCOL);
    const client = new RpcClient(protocol, channel);
    const acknowledged = new Set<number>();
    // The first write teaches the node the schema; the rest name it by fingerprint.
    await client.call('write', request(0, true));
    acknowledged.add(0);
    const N = 400;
    for (let start = 1; start < N; start += 20) {
      await Promise.all(Array.from({ length: Math.min(20, N - start) }, (_, i) => client.call('write', request(start + i, false)).then(() => acknowledged.add(start + i))));
    }
    expect(acknowledged.size).toBe(N);
    // More writes in flight while the node dies: those acknowledged before it did must survive too.
    const inFlight = Array.from({ length: 200 }, (_, i) => client.call('write', request(N + i, false)).then(() => acknowledged.add(N + i), () => undefined));
    await new Promise((r) => setTimeout(r, 5));
    await killHard(first.child);
    await Promise.all(inFlight);
    await channel.close();
    // Killed, not closed: the records are in the WAL, not yet checkpointed into the database.
    expect(existsSync(path.join(dir, `${DATABASE_FILE}-wal`))).toBe(true);

    const second = await startNode(dir);
    const reader = new RpcClient(protocol, new HttpChannel(`http://127.0.0.1:${second.port}/`, PROTOCOL));
    const stored = new Map<string, Buffer>();
    let offset: bigint | null = 0n;
    while (offset !== null) {
      const page = (await reader.call('read', { request: { topic: 'events', primaryKey: null, limit: { long: 1000 }, offset: { long: offset } } })) as {
        records: { value: Buffer }[];
        primaryKeys: string[];
        nextOffset: { string: string } | null;
      };
      page.primaryKeys.forEach((key, i) => stored.set(key, page.records[i].value));
      offset = page.nextOffset ? BigInt(page.nextOffset.string) : null;
    }
    const missing = [...acknowledged].filter((n) => !stored.get(`e${String(n).padStart(5, '0')}`)?.equals(bytesOf(n)));
    expect(missing).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(acknowledged.size);
    await killHard(second.child);
  }, 60_000);
});
