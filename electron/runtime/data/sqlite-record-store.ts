/**
 * The RecordStore on SQLite (better-sqlite3), one database file in the node's data directory.
 *
 * Durability: WAL journal, and by default `synchronous=FULL`, which fsyncs the WAL at every
 * commit. A write is acknowledged only after its commit, so an acknowledged write survives a
 * killed process and also a power cut or OS crash. `NORMAL` (an option) survives a killed
 * process too, since a committed transaction is in the WAL file in the OS's cache, but may lose
 * the last commits when the machine itself stops: faster, with a weaker promise. The cost of
 * FULL (one fsync per commit) is shared by batching concurrent writes (group-commit.ts).
 *
 * Tables: `topics` (id, name, record count, created), `records` (topic, key, writer
 * fingerprint, Avro bytes, updated, seq of the last write and of the first; keyed by topic and
 * key, so pages walk the primary key in order), `schemas` (every writer schema a record may
 * name) and `counters` (the store-wide sequence). Every call is synchronous: a page and its
 * count are read in one transaction, and a batch of writes is one transaction.
 */
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { StoredSchema } from '../schemas/schema-store.js';
import type { RecordPage, RecordStore, RecordWrite, StoredRecord, TopicInfo, WriteOutcome } from './record-store.js';
import { storageError, StorageError } from './storage-error.js';

export type Synchronous = 'full' | 'normal';

export interface SqliteStoreOptions {
  /** Default 'full': see the file comment. */
  synchronous?: Synchronous;
  /** Open for reading only (a data directory on read-only media, or tests of that case). */
  readOnly?: boolean;
  /** Caps the database at this many pages (of 4 KiB): tests use it to fill the "disk". */
  maxPageCount?: number;
  /** Milliseconds to wait for another process's lock before failing (default 5000). */
  busyTimeoutMs?: number;
}

/** The database file's name inside the data directory. */
export const DATABASE_FILE = 'spl-data.sqlite';
/** Bumped when the tables change; a store refuses files from a newer version. */
const FORMAT_VERSION = 1;

const CREATE = `
  CREATE TABLE IF NOT EXISTS topics (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    record_count INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS records (
    topic_id INTEGER NOT NULL,
    key TEXT NOT NULL,
    fingerprint BLOB NOT NULL,
    value BLOB NOT NULL,
    updated_at INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    created_seq INTEGER NOT NULL,
    PRIMARY KEY (topic_id, key)
  );
  CREATE TABLE IF NOT EXISTS schemas (
    fingerprint BLOB PRIMARY KEY,
    full_name TEXT,
    json TEXT NOT NULL,
    is_current INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  INSERT OR IGNORE INTO counters (name, value) VALUES ('seq', 0);
`;

interface RecordRow {
  key: string;
  fingerprint: Buffer;
  value: Buffer;
  updated_at: number;
  seq: number;
}

interface SchemaRow {
  fingerprint: Buffer;
  full_name: string | null;
  json: string;
  is_current: number;
}

function toRecord(row: RecordRow): StoredRecord {
  return { key: row.key, fingerprint: row.fingerprint, value: row.value, updatedAt: row.updated_at, seq: row.seq };
}

/**
 * Opens (creating when needed) the store in `dataDir`. Throws a StorageError saying what to do
 * when it cannot: a read-only or full disk, a locked or damaged file. When the directory cannot
 * be written but the database exists, it opens for reading: reads work, writes say why not.
 */
export function openSqliteRecordStore(dataDir: string, options: SqliteStoreOptions = {}): SqliteRecordStore {
  const file = path.join(path.resolve(dataDir), DATABASE_FILE);
  if (options.readOnly) return new SqliteRecordStore(file, options, true);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    return new SqliteRecordStore(file, options, false);
  } catch (error) {
    const failure = storageError(error, `opening the data store`, file, writableDir(path.dirname(file)) ? undefined : 'read-only');
    if (failure.kind === 'read-only' && existsSync(file)) {
      try {
        return new SqliteRecordStore(file, options, true);
      } catch {
        // Not even readable: the first failure says more.
      }
    }
    throw failure;
  }
}

/** Whether files can be created in `dir` (or, while it does not exist, in its nearest existing parent). */
function writableDir(dir: string): boolean {
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(at)) {
      try {
        accessSync(at, constants.W_OK);
        return true;
      } catch {
        return false;
      }
    }
    if (path.dirname(at) === at) return false;
  }
}

export class SqliteRecordStore implements RecordStore {
  private readonly db: Database.Database;
  private readonly topicIds = new Map<string, number>();
  private readonly savedSchemas = new Set<string>();
  private readonly statements: ReturnType<SqliteRecordStore['prepare']>;
  private readonly batch: Database.Transaction<(writes: readonly RecordWrite[]) => WriteOutcome[]>;
  private readonly pageIn: Database.Transaction<(topicId: number, offset: number, limit: number) => RecordPage | undefined>;

  constructor(
    readonly location: string,
    options: SqliteStoreOptions,
    readonly readOnly: boolean,
  ) {
    const db = new Database(location, readOnly ? { readonly: true, fileMustExist: true } : {});
    try {
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
      if (!readOnly) {
        db.pragma('journal_mode = WAL');
        db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
        // After a checkpoint, give back the WAL's disk space beyond 64 MiB.
        db.pragma('journal_size_limit = 67108864');
        if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(options.maxPageCount)}`);
      }
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > FORMAT_VERSION) {
        throw new StorageError('other', `${location} was written by a newer version of SPL (data format ${version}; this one reads up to ${FORMAT_VERSION}): upgrade, or use another --data directory`, false, { location });
      }
      if (!readOnly) {
        db.transaction(() => {
          db.exec(CREATE);
          db.pragma(`user_version = ${FORMAT_VERSION}`);
        }).immediate();
      }
    } catch (error) {
      db.close();
      throw error;
    }
    this.db = db;
    this.statements = this.prepare();
    for (const row of this.statements.schemaFingerprints.all()) this.savedSchemas.add((row as Buffer).toString('hex'));
    this.batch = db.transaction((writes: readonly RecordWrite[]) => this.applyBatch(writes));
    this.pageIn = db.transaction((topicId: number, offset: number, limit: number) => {
      const count = this.statements.topicCount.get(topicId) as number | undefined;
      if (count === undefined) return undefined;
      const rows = this.statements.page.all(topicId, limit, offset) as RecordRow[];
      return { records: rows.map(toRecord), totalCount: count };
    });
  }

  private prepare() {
    const db = this.db;
    const ok = (sql: string) => db.prepare(sql);
    return {
      topicId: ok('SELECT id FROM topics WHERE name = ?').pluck(),
      topicCount: ok('SELECT record_count FROM topics WHERE id = ?').pluck(),
      topics: ok('SELECT name, record_count, created_at FROM topics ORDER BY name'),
      get: ok('SELECT key, fingerprint, value, updated_at, seq FROM records WHERE topic_id = ? AND key = ?'),
      page: ok('SELECT key, fingerprint, value, updated_at, seq FROM records WHERE topic_id = ? ORDER BY key LIMIT ? OFFSET ?'),
      schemaFingerprints: ok('SELECT fingerprint FROM schemas').pluck(),
      schemas: ok('SELECT fingerprint, full_name, json, is_current FROM schemas ORDER BY ordinal'),
      // Writes exist only on a writable store (preparing them on a read-only one fails).
      ...(this.readOnly ? undefined : {
        createTopic: ok('INSERT INTO topics (name, record_count, created_at) VALUES (?, 0, ?)'),
        countUp: ok('UPDATE topics SET record_count = record_count + ? WHERE id = ?'),
        // Insert or replace in one statement; created_seq stays the first write's, so a returned
        // created_seq equal to this write's seq means the key is new.
        upsert: ok(`INSERT INTO records (topic_id, key, fingerprint, value, updated_at, seq, created_seq) VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (topic_id, key) DO UPDATE SET fingerprint = excluded.fingerprint, value = excluded.value, updated_at = excluded.updated_at, seq = excluded.seq
          RETURNING created_seq`).pluck(),
        seq: ok("SELECT value FROM counters WHERE name = 'seq'").pluck(),
        setSeq: ok("UPDATE counters SET value = ? WHERE name = 'seq'"),
        saveSchema: ok(`INSERT INTO schemas (fingerprint, full_name, json, is_current, ordinal, created_at)
          VALUES (?, ?, ?, ?, (SELECT IFNULL(MAX(ordinal), 0) + 1 FROM schemas), ?)
          ON CONFLICT (fingerprint) DO UPDATE SET json = excluded.json, is_current = MAX(is_current, excluded.is_current),
            ordinal = CASE WHEN excluded.is_current THEN excluded.ordinal ELSE ordinal END`),
      }),
    };
  }

  private writable() {
    const s = this.statements;
    if (this.readOnly || !s.upsert || !s.createTopic || !s.countUp || !s.seq || !s.setSeq || !s.saveSchema) {
      throw new StorageError('read-only', `${this.location} was opened read-only (its directory cannot be written): make the data directory writable and restart the node, or use another --data directory`, false, { location: this.location });
    }
    return { ...s, upsert: s.upsert, createTopic: s.createTopic, countUp: s.countUp, seq: s.seq, setSeq: s.setSeq, saveSchema: s.saveSchema };
  }

  private topicId(name: string): number | undefined {
    let id = this.topicIds.get(name);
    if (id === undefined) {
      id = this.statements.topicId.get(name) as number | undefined;
      if (id !== undefined) this.topicIds.set(name, id);
    }
    return id;
  }

  /** Runs inside the batch transaction. */
  private applyBatch(writes: readonly RecordWrite[]): WriteOutcome[] {
    const s = this.writable();
    const now = Date.now();
    let seq = s.seq.get() as number;
    const added = new Map<number, number>();
    const newTopics: string[] = [];
    const outcomes: WriteOutcome[] = [];
    try {
      for (const write of writes) {
        let id = this.topicId(write.topic);
        if (id === undefined) {
          id = Number(s.createTopic.run(write.topic, now).lastInsertRowid);
          this.topicIds.set(write.topic, id);
          newTopics.push(write.topic);
        }
        seq++;
        const created = s.upsert.get(id, write.key, write.fingerprint, write.value, now, seq, seq) === seq;
        if (created) added.set(id, (added.get(id) ?? 0) + 1);
        outcomes.push({ seq, created, updatedAt: now });
      }
      for (const [id, count] of added) s.countUp.run(count, id);
      s.setSeq.run(seq);
    } catch (error) {
      // The transaction rolls back: so must what we cached of it.
      for (const topic of newTopics) this.topicIds.delete(topic);
      throw error;
    }
    return outcomes;
  }

  writeBatch(writes: readonly RecordWrite[]): WriteOutcome[] {
    if (writes.length === 0) return [];
    try {
      return this.batch.immediate(writes);
    } catch (error) {
      const what = writes.length === 1 ? `storing record '${writes[0].key}' in topic '${writes[0].topic}'` : `storing ${writes.length} records`;
      throw storageError(error, what, this.location);
    }
  }

  get(topic: string, key: string): StoredRecord | undefined {
    try {
      const id = this.topicId(topic);
      if (id === undefined) return undefined;
      const row = this.statements.get.get(id, key) as RecordRow | undefined;
      return row && toRecord(row);
    } catch (error) {
      throw storageError(error, `reading record '${key}' of topic '${topic}'`, this.location);
    }
  }

  page(topic: string, offset: number, limit: number): RecordPage | undefined {
    try {
      const id = this.topicId(topic);
      if (id === undefined) return undefined;
      return this.pageIn.deferred(id, offset, limit);
    } catch (error) {
      throw storageError(error, `reading topic '${topic}'`, this.location);
    }
  }

  hasTopic(topic: string): boolean {
    try {
      return this.topicId(topic) !== undefined;
    } catch (error) {
      throw storageError(error, `looking up topic '${topic}'`, this.location);
    }
  }

  topics(): TopicInfo[] {
    try {
      return (this.statements.topics.all() as { name: string; record_count: number; created_at: number }[]).map((row) => ({ name: row.name, recordCount: row.record_count, createdAt: row.created_at }));
    } catch (error) {
      throw storageError(error, 'listing topics', this.location);
    }
  }

  hasSchema(fingerprintHex: string): boolean {
    return this.savedSchemas.has(fingerprintHex);
  }

  loadSchemas(): StoredSchema[] {
    try {
      return (this.statements.schemas.all() as SchemaRow[]).map((row) => ({ fingerprint: row.fingerprint, fullName: row.full_name, json: row.json, current: row.is_current !== 0 }));
    } catch (error) {
      throw storageError(error, 'reading the stored schemas', this.location);
    }
  }

  saveSchema(schema: StoredSchema): void {
    try {
      this.writable().saveSchema.run(schema.fingerprint, schema.fullName, schema.json, schema.current ? 1 : 0, Date.now());
    } catch (error) {
      throw storageError(error, `storing schema ${schema.fullName ?? schema.fingerprint.toString('hex')}`, this.location);
    }
    this.savedSchemas.add(schema.fingerprint.toString('hex'));
  }

  close(): void {
    if (!this.db.open) return;
    if (!this.readOnly) {
      try {
        // Leave the file in rollback-journal mode: SQLite cannot open a WAL database for reading
        // in a directory where it cannot create the -shm file (read-only media, a backup copy).
        // The next open switches back to WAL. Fails harmlessly while another process has it open.
        this.db.pragma('journal_mode = DELETE');
      } catch {
        // It stays in WAL mode: still correct, only not readable from read-only media.
      }
    }
    this.db.close();
  }
}
