import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteRecordStore, type SqliteRecordStore } from './sqlite-record-store.js';
import { StorageError } from './storage-error.js';
import { thrown } from '../../../test/support/thrown.js';

const FP = Buffer.from('0102030405060708', 'hex');
const dirs: string[] = [];
const stores: SqliteRecordStore[] = [];
const mounts: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spl-store-'));
  dirs.push(dir);
  return dir;
}

function open(dir: string, options: Parameters<typeof openSqliteRecordStore>[1] = {}): SqliteRecordStore {
  const store = openSqliteRecordStore(dir, options);
  stores.push(store);
  return store;
}

const write = (topic: string, key: string, value = key) => ({ topic, key, fingerprint: FP, value: Buffer.from(value) });

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const mount of mounts.splice(0).reverse()) tryRun('umount', [mount]);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tryRun(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

const storageFailure = (run: () => unknown): StorageError => thrown(run, StorageError);

describe('SqliteRecordStore', () => {
  it('opens in WAL mode with synchronous FULL by default', () => {
    const store = open(tempDir());
    const db = (store as unknown as { db: { pragma(s: string, o: object): unknown } }).db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('inserts, replaces in place, counts, and numbers every write', () => {
    const store = open(tempDir());
    const [a, b] = store.writeBatch([write('t', 'b'), write('t', 'a')]);
    expect(a).toMatchObject({ seq: 1, created: true });
    expect(b).toMatchObject({ seq: 2, created: true });
    const [c] = store.writeBatch([write('t', 'b', 'new')]);
    expect(c).toMatchObject({ seq: 3, created: false });
    const page = store.page('t', 0, 10)!;
    expect(page.totalCount).toBe(2);
    expect(page.records.map((r) => [r.key, r.value.toString(), r.seq])).toEqual([['a', 'a', 2], ['b', 'new', 3]]);
    expect(store.get('t', 'b')?.value.toString()).toBe('new');
    expect(store.get('t', 'zz')).toBeUndefined();
    expect(store.get('none', 'a')).toBeUndefined();
    expect(store.page('none', 0, 10)).toBeUndefined();
  });

  it('pages in key order (UTF-8 bytes) with limit and offset', () => {
    const store = open(tempDir());
    const keys = ['b', 'a', 'é', 'B', '😀', 'ｚ', '10', '9'];
    store.writeBatch(keys.map((k) => write('t', k)));
    const all = store.page('t', 0, 100)!.records.map((r) => r.key);
    expect(all).toEqual([...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
    expect(store.page('t', 2, 3)!.records.map((r) => r.key)).toEqual(all.slice(2, 5));
    expect(store.page('t', 100, 3)!).toEqual({ records: [], totalCount: 8 });
  });

  it('lists topics sorted, with their counts', () => {
    const store = open(tempDir());
    store.writeBatch([write('users', 'x'), write('orders', 'y'), write('users', 'z'), write('Users', 'q')]);
    expect(store.topics().map((t) => [t.name, t.recordCount])).toEqual([['Users', 1], ['orders', 1], ['users', 2]]);
  });

  it('keeps records, counts, the sequence and schemas across a reopen', () => {
    const dir = tempDir();
    const first = open(dir);
    first.saveSchema({ fingerprint: FP, fullName: 'a.B', json: '"int"', current: true });
    first.writeBatch([write('t', 'a'), write('t', 'b')]);
    first.close();
    const second = open(dir);
    expect(second.page('t', 0, 10)!.totalCount).toBe(2);
    expect(second.writeBatch([write('t', 'c')])[0].seq).toBe(3);
    expect(second.hasSchema(FP.toString('hex'))).toBe(true);
    expect(second.loadSchemas()).toEqual([{ fingerprint: FP, fullName: 'a.B', json: '"int"', current: true }]);
  });

  it('orders schemas by when they were saved or last made current', () => {
    const store = open(tempDir());
    const other = Buffer.alloc(8, 9);
    store.saveSchema({ fingerprint: FP, fullName: 'a.B', json: '"int"', current: true });
    store.saveSchema({ fingerprint: other, fullName: 'a.B', json: '"long"', current: true });
    store.saveSchema({ fingerprint: FP, fullName: 'a.B', json: '"int"', current: false });
    expect(store.loadSchemas().map((s) => s.json)).toEqual(['"int"', '"long"']);
    store.saveSchema({ fingerprint: FP, fullName: 'a.B', json: '"int"', current: true });
    expect(store.loadSchemas().map((s) => s.json)).toEqual(['"long"', '"int"']);
  });

  it('rolls a failed batch back whole, topics included', () => {
    const store = open(tempDir());
    const bad = { topic: 'fresh', key: 'k', fingerprint: FP, value: null as unknown as Buffer };
    expect(() => store.writeBatch([write('fresh', 'a'), bad])).toThrow();
    expect(store.hasTopic('fresh')).toBe(false);
    expect(store.writeBatch([write('fresh', 'a')])[0]).toMatchObject({ seq: 1, created: true });
  });

  it('reads but refuses writes when opened read-only, saying what to do', () => {
    const dir = tempDir();
    open(dir).writeBatch([write('t', 'a')]);
    const store = open(dir, { readOnly: true });
    expect(store.readOnly).toBe(true);
    expect(store.page('t', 0, 10)!.records).toHaveLength(1);
    const failure = storageFailure(() => store.writeBatch([write('t', 'b')]));
    expect(failure.kind).toBe('read-only');
    expect(failure.message).toMatch(/make the data directory writable/);
  });

  it('turns a full database (max_page_count: the simulation that runs anywhere) into a StorageError "full"', () => {
    const store = open(tempDir(), { maxPageCount: 12 });
    const big = Buffer.alloc(3000, 1);
    let failure: StorageError | undefined;
    for (let i = 0; i < 100 && !failure; i++) {
      try {
        store.writeBatch([{ topic: 't', key: `k${i}`, fingerprint: FP, value: big }]);
      } catch (error) {
        failure = error as StorageError;
      }
    }
    expect(failure).toBeInstanceOf(StorageError);
    expect(failure!.kind).toBe('full');
    expect(failure!.details.code).toBe('SQLITE_FULL');
    expect(failure!.message).toMatch(/is full: free some space/);
    // The store is still usable for reading, and what was committed is intact.
    expect(store.page('t', 0, 1000)!.records.length).toBeGreaterThan(0);
  });

  // A real full disk and a real read-only directory need mounts (root with CAP_SYS_ADMIN). As
  // root, chmod does not stop writes, so a read-only bind mount stands in for a read-only dir.
  const canMount = process.platform === 'linux' && process.getuid?.() === 0 && (() => {
    const probe = mkdtempSync(path.join(os.tmpdir(), 'spl-mount-probe-'));
    const ok = tryRun('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]);
    if (ok) tryRun('umount', [probe]);
    rmSync(probe, { recursive: true, force: true });
    return ok;
  })();

  it.skipIf(!canMount)('fails with "full" on a real full disk (a 1 MiB tmpfs), without crashing', () => {
    const dir = tempDir();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]);
    mounts.push(dir);
    const store = open(dir);
    const big = Buffer.alloc(16 * 1024, 2);
    let failure: StorageError | undefined;
    let stored = 0;
    for (let i = 0; i < 200 && !failure; i++) {
      try {
        store.writeBatch([{ topic: 't', key: `k${String(i).padStart(3, '0')}`, fingerprint: FP, value: big }]);
        stored++;
      } catch (error) {
        failure = error as StorageError;
      }
    }
    expect(failure).toBeInstanceOf(StorageError);
    expect(failure!.kind).toBe('full');
    expect(stored).toBeGreaterThan(0);
    expect(store.page('t', 0, 1000)!.totalCount).toBe(stored);
  });

  it.skipIf(!canMount)('opens a real read-only data directory (a read-only bind mount) for reading, refusing writes', () => {
    const source = tempDir();
    const first = openSqliteRecordStore(source);
    first.writeBatch([write('t', 'a')]);
    first.close();
    const view = tempDir();
    execFileSync('mount', ['--bind', source, view]);
    mounts.push(view);
    execFileSync('mount', ['-o', 'remount,bind,ro', view]);
    const store = open(view);
    expect(store.readOnly).toBe(true);
    expect(store.get('t', 'a')?.value.toString()).toBe('a');
    expect(storageFailure(() => store.writeBatch([write('t', 'b')])).kind).toBe('read-only');
  });

  it.skipIf(!canMount)('says what to do when a read-only directory holds no database yet', () => {
    const source = tempDir();
    const view = tempDir();
    execFileSync('mount', ['--bind', source, view]);
    mounts.push(view);
    execFileSync('mount', ['-o', 'remount,bind,ro', view]);
    const failure = storageFailure(() => openSqliteRecordStore(path.join(view, 'data')));
    expect(failure.kind).toBe('read-only');
    expect(failure.message).toMatch(/cannot be written.*--data/);
    const file = storageFailure(() => openSqliteRecordStore(view));
    expect(['read-only', 'cannot-open']).toContain(file.kind);
  });

  it('says so when the data directory is a file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'file');
    writeFileSync(file, '');
    const failure = storageFailure(() => openSqliteRecordStore(file));
    expect(failure.message).toContain('opening the data store failed');
  });
});
