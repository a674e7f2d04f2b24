/**
 * The call history on disk: persistence across reopening, search, the limit and compaction,
 * lines that cannot be read, bodies too large to keep whole, and a disk that refuses writes.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../../shared/studio/api.js';
import { HISTORY_FILE, HistoryStore, MAX_STORED_BODY_BYTES } from './history-store.js';

let root: string;
let dirs = 0;
const freshDir = () => path.join(root, `h${++dirs}`);

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'spl-history-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function entry(n: number, fields: { connectionName?: string; message?: string; body?: string; resultBody?: string; metadata?: Record<string, string>; outcome?: HistoryEntry['result']['outcome'] } = {}): Omit<HistoryEntry, 'id'> {
  return {
    at: 1_700_000_000_000 + n,
    connectionName: fields.connectionName ?? 'Local runtime',
    request: { connectionId: 'local', nodeId: 'n1', protocol: 'spl.execute.SPLExecuteService', message: fields.message ?? 'execute', body: fields.body ?? `{"n": ${n}}`, ...(fields.metadata ? { metadata: fields.metadata } : {}) },
    result: {
      outcome: fields.outcome ?? 'ok', body: fields.resultBody ?? `"answer ${n}"`, endpoint: 'http://127.0.0.1:4100', startedAt: 1_700_000_000_000 + n,
      durationMs: 1, requestBytes: 10, responseBytes: 20, frames: [], responseMetadata: {},
    },
  };
}

async function fileLines(dir: string): Promise<string[]> {
  return (await readFile(path.join(dir, HISTORY_FILE), 'utf8')).split('\n').filter((line) => line !== '');
}

describe('HistoryStore', () => {
  it('keeps calls across reopening, newest first, and tells listeners', async () => {
    const dir = freshDir();
    const store = await HistoryStore.open(dir);
    const heard: string[] = [];
    const stop = store.on('history.change', (e) => heard.push(e.id));
    const recorded = [];
    for (let n = 1; n <= 3; n++) recorded.push(await store.record(entry(n)));
    stop();
    await store.record(entry(4));
    expect(heard).toEqual(recorded.map((e) => e.id));
    await store.close();

    const again = await HistoryStore.open(dir);
    const listed = await again.api.history.list();
    expect(listed.map((e) => e.request.body)).toEqual(['{"n": 4}', '{"n": 3}', '{"n": 2}', '{"n": 1}']);
    expect(listed[3]).toEqual(recorded[0]);
    expect(await again.api.history.list({ limit: 2 })).toHaveLength(2);
    await again.close();
  });

  it('finds calls by words that must all appear, in any case, anywhere a person would look', async () => {
    const store = await HistoryStore.open(freshDir());
    await store.record(entry(1, { connectionName: 'Staging Cluster', message: 'listTopics' }));
    await store.record(entry(2, { metadata: { 'spl.trace': 'Trace-77' }, resultBody: '"Widget Count"' }));
    await store.record(entry(3, { outcome: 'timeout' }));
    const find = async (text: string) => (await store.api.history.list({ text })).map((e) => e.at - 1_700_000_000_000);
    expect(await find('staging LISTTOPICS')).toEqual([1]);
    expect(await find('trace-77 widget')).toEqual([2]);
    expect(await find('Timeout')).toEqual([3]);
    expect(await find('127.0.0.1:4100 SPLExecuteService listtopics')).toEqual([1]);
    expect(await find('staging widget')).toEqual([]);
    expect(await find('   ')).toEqual([3, 2, 1]);
    await store.close();
  });

  it('keeps the newest `limit` calls and compacts the file past 1.5 × limit lines', async () => {
    const dir = freshDir();
    const store = await HistoryStore.open(dir, { limit: 4 });
    for (let n = 1; n <= 6; n++) await store.record(entry(n));
    expect((await store.api.history.list()).map((e) => e.at % 100)).toEqual([6, 5, 4, 3]);
    expect(await fileLines(dir)).toHaveLength(6);
    await store.record(entry(7));
    expect(await fileLines(dir)).toHaveLength(4);
    await store.close();
    const again = await HistoryStore.open(dir, { limit: 4 });
    expect((await again.api.history.list()).map((e) => e.at % 100)).toEqual([7, 6, 5, 4]);
    await again.close();
    // A smaller limit than the file holds compacts on opening.
    const smaller = await HistoryStore.open(dir, { limit: 2 });
    expect((await smaller.api.history.list()).map((e) => e.at % 100)).toEqual([7, 6]);
    await smaller.close();
    expect(await fileLines(dir)).toHaveLength(2);
  });

  it('skips lines it cannot read with one message, loads the rest, and appends on a line of its own', async () => {
    const dir = freshDir();
    const writer = await HistoryStore.open(dir);
    const [a, b] = [await writer.record(entry(1)), await writer.record(entry(2))];
    await writer.close();
    const file = path.join(dir, HISTORY_FILE);
    const [lineA, lineB] = await fileLines(dir);
    // A hand edit, a record that is JSON but no entry, and a last write cut short.
    await writeFile(file, `${lineA}\nnot json at all\n{"id": 5}\n${lineB}\n${lineB.slice(0, 30)}`);
    const logs: string[] = [];
    const store = await HistoryStore.open(dir, { log: (m) => logs.push(m) });
    expect((await store.api.history.list()).map((e) => e.id)).toEqual([b.id, a.id]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('skipped 3 unreadable lines');
    expect(logs[0]).toContain('lines 2, 3, 5');
    const c = await store.record(entry(3));
    await store.close();
    const again = await HistoryStore.open(dir, { log: () => {} });
    expect((await again.api.history.list()).map((e) => e.id)).toEqual([c.id, b.id, a.id]);
    await again.close();
  });

  it('stores bodies over 256 KiB cut, with a marker; the rest whole', async () => {
    const dir = freshDir();
    const store = await HistoryStore.open(dir);
    // Multi-byte characters, so the cut falls inside one.
    const big = '"' + 'é'.repeat(MAX_STORED_BODY_BYTES) + '"';
    const recorded = await store.record(entry(1, { body: big, resultBody: '"small"' }));
    expect(recorded.request.body.length).toBeLessThan(big.length);
    expect(recorded.request.body).toMatch(/^"é+\n… \[truncated by the history: 524290 bytes in all, the first 262144 kept\]$/);
    expect(recorded.result.body).toBe('"small"');
    await store.close();
    const [stored] = await (await HistoryStore.open(dir)).api.history.list();
    expect(stored.request.body).toBe(recorded.request.body);
  });

  it('clears memory and file', async () => {
    const dir = freshDir();
    const store = await HistoryStore.open(dir);
    await store.record(entry(1));
    await store.api.history.clear();
    expect(await store.api.history.list()).toEqual([]);
    expect(await readFile(path.join(dir, HISTORY_FILE), 'utf8')).toBe('');
    await store.record(entry(2));
    await store.close();
    expect((await (await HistoryStore.open(dir)).api.history.list()).map((e) => e.at % 100)).toEqual([2]);
  });

  it('keeps calls in memory when the folder cannot be made, logging that once', async () => {
    const file = path.join(root, 'a-file');
    await writeFile(file, 'x');
    const logs: string[] = [];
    const store = await HistoryStore.open(path.join(file, 'history'), { log: (m) => logs.push(m) });
    await store.record(entry(1));
    await store.record(entry(2));
    expect((await store.api.history.list()).map((e) => e.at % 100)).toEqual([2, 1]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/cannot .*a-file.*ENOTDIR/);
    await expect(store.api.history.clear()).rejects.toMatchObject({ code: 'io' });
    await store.close();
  });

  it.skipIf(process.getuid?.() === 0)('writes the file again from memory once a read-only folder is writable (skipped as root: root writes anyway)', async () => {
    const dir = freshDir();
    const logs: string[] = [];
    const store = await HistoryStore.open(dir, { log: (m) => logs.push(m) });
    await store.record(entry(1));
    await chmod(dir, 0o500);
    try {
      await store.record(entry(2));
      await store.record(entry(3));
    } finally {
      await chmod(dir, 0o700);
    }
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('EACCES');
    await store.record(entry(4));
    expect(await fileLines(dir)).toHaveLength(4);
    await store.close();
  });

  it('rewrites the whole file once writing works again after a failure', async () => {
    // The history file's place is taken by a folder for a while: appends fail, then work again.
    const dir = freshDir();
    const logs: string[] = [];
    const store = await HistoryStore.open(dir, { log: (m) => logs.push(m) });
    await store.record(entry(1));
    const file = path.join(dir, HISTORY_FILE);
    await rm(file);
    await mkdir(file);
    await store.record(entry(2));
    await store.record(entry(3));
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('EISDIR');
    await rm(file, { recursive: true });
    await store.record(entry(4));
    await store.close();
    expect((await fileLines(dir)).map((line) => (JSON.parse(line) as HistoryEntry).at % 100)).toEqual([1, 2, 3, 4]);
  });
});
