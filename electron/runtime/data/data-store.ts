/**
 * Typed records on a node: what SPLDataService and the `spl/data/*` modules share. A write names
 * its writer schema through the Payload's SchemaRef; the bytes are checked against it (and
 * against the topic's declared schema, when the request gives one) before anything is stored,
 * the writer schema is saved beside the records, and the record is committed (group commit)
 * before the write resolves. Reads hand back the stored bytes with their writer's name and
 * fingerprint, or, through `readValues`, values resolved into any reader schema.
 *
 * Paging: `offset` counts records in primary key order and `nextOffset` is `offset + records`
 * while more remain. A page and its `totalCount` come from one snapshot. Between two page calls
 * other writes may land: records are never deleted and a replaced record keeps its place, so
 * a reader paging through a topic sees every record that existed when it started, at least
 * once; a key inserted before its position shifts the rest by one, so the record at the page
 * boundary may come again (dedupe by primary key). Keys inserted after it are seen later.
 *
 * The store opens lazily and reopens itself: a data directory that cannot be opened makes every
 * call fail with STORAGE_FAILURE saying why, and the next call a second later tries again, so
 * freeing the disk or fixing permissions heals the node without a restart.
 */
import { SchemaProblem } from '../schemas/schema-problem.js';
import { resolveSchemaRef, type PayloadValue } from '../schemas/schema-ref.js';
import type { RegisteredSchema, SchemaRegistry } from '../schemas/schema-registry.js';
import { DataProblem } from './data-problem.js';
import { GroupCommit } from './group-commit.js';
import type { RecordStore, StoredRecord, WriteOutcome } from './record-store.js';
import { openSqliteRecordStore, type Synchronous } from './sqlite-record-store.js';
import { StorageError, storageError } from './storage-error.js';

export interface DataStoreOptions {
  /** The node's data directory (created if missing). */
  dataDir: string;
  registry: SchemaRegistry;
  /** 'full' (default): an acknowledged write survives power loss; 'normal': a killed process. */
  synchronous?: Synchronous;
  /** Opens the record store (default: SQLite in dataDir); tests and other stores plug in here. */
  openStore?: () => RecordStore;
  /** Milliseconds between attempts to open a store that failed to open (default 1000). */
  retryOpenMs?: number;
  /** Records per page when a read gives no limit (default 100). */
  defaultPageSize?: number;
  /** The most records one page holds, whatever the limit asked (default 1000). */
  maxPageSize?: number;
}

export interface DataWrite {
  topic: string;
  primaryKey: string;
  data: PayloadValue;
  /** Full name of the schema the topic holds: the data's writer schema must resolve to it. */
  schema?: string;
}

export interface DataWritten extends WriteOutcome {
  writer: RegisteredSchema;
}

export interface DataRead {
  topic: string;
  primaryKey?: string;
  limit?: number | bigint;
  offset?: number | bigint;
}

export interface DataRecord {
  primaryKey: string;
  payload: PayloadValue;
  updatedAt: number;
  seq: number;
}

export interface DataPage<R = DataRecord> {
  records: R[];
  totalCount: number;
  /** The offset of the next page as a decimal string; null on the last page. */
  nextOffset: string | null;
}

export interface DataValue {
  primaryKey: string;
  /** The value in the engine's shape, resolved into the reader schema when one was given. */
  value: unknown;
  writer: RegisteredSchema;
}

const MAX_TOPIC_LENGTH = 255;
const MAX_KEY_LENGTH = 4096;
/** Whether a string holds a control character (C0 or DEL): no place in a topic name. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

export class DataStore {
  private store?: RecordStore;
  private detach?: () => void;
  private failure?: StorageError;
  private lastAttempt = 0;
  private closed = false;
  private readonly commits: GroupCommit;
  private readonly registry: SchemaRegistry;
  private readonly defaultPageSize: number;
  private readonly maxPageSize: number;

  constructor(private readonly options: DataStoreOptions) {
    this.registry = options.registry;
    this.defaultPageSize = options.defaultPageSize ?? 100;
    this.maxPageSize = options.maxPageSize ?? 1000;
    this.commits = new GroupCommit(() => this.open(true));
    this.tryOpen();
  }

  /**
   * Why the store cannot be used, or only read, if so: for the node to say at startup
   * ("data: /x/spl-data.sqlite is read-only...") rather than only when the first call fails.
   */
  get problem(): string | undefined {
    if (this.store?.readOnly) return `${this.store.location} is open for reading only: writes will fail until the data directory is writable`;
    return this.store ? undefined : this.failure?.message;
  }

  /** Where the records are, when the store is open. */
  get location(): string | undefined {
    return this.store?.location;
  }

  private tryOpen(): void {
    this.lastAttempt = Date.now();
    let store: RecordStore;
    try {
      store = this.options.openStore ? this.options.openStore() : openSqliteRecordStore(this.options.dataDir, { synchronous: this.options.synchronous });
    } catch (error) {
      this.failure = storageError(error, 'opening the data store', this.options.dataDir);
      return;
    }
    const previous = this.store;
    if (previous) {
      this.detach?.();
      previous.close();
    }
    this.store = store;
    this.failure = undefined;
    this.detach = this.registry.attachStore(store);
  }

  /** The open store, opening (or, for writing, reopening a read-only one) when it is time to try again. */
  private open(forWriting: boolean): RecordStore {
    if (this.closed) throw new StorageError('closed', `the data store in ${this.options.dataDir} is closed`, false, { location: this.options.dataDir });
    const due = Date.now() - this.lastAttempt >= (this.options.retryOpenMs ?? 1000);
    if ((!this.store || (forWriting && this.store.readOnly)) && due) this.tryOpen();
    if (this.store) return this.store;
    throw this.failure ?? new StorageError('other', `the data store in ${this.options.dataDir} is not open`, false);
  }

  /** Stores one record (insert or replace); resolves once it is committed. Throws DataProblem. */
  async write(request: DataWrite): Promise<DataWritten> {
    let store: RecordStore;
    let writer: RegisteredSchema;
    try {
      checkTopic(request.topic);
      checkKey(request.primaryKey);
      store = this.open(true);
      writer = resolveSchemaRef(this.registry, request.data.schema, { what: 'data.schema' });
      let reader: RegisteredSchema | undefined;
      if (request.schema !== undefined) {
        reader = this.registry.byName(request.schema);
        if (!reader) throw new SchemaProblem('SCHEMA_NOT_FOUND', `the topic's schema ${request.schema} is not known to this node: register it, or leave 'schema' null`, { schema: request.schema });
      }
      // Decoding is the check: bytes nobody could read later are refused now.
      this.registry.decode(request.data.value, writer, reader);
      if (!store.hasSchema(writer.hex)) store.saveSchema({ fingerprint: writer.fingerprint, fullName: writer.fullName ?? null, json: writer.json, current: false });
    } catch (error) {
      throw this.asProblem(error, request);
    }
    try {
      const outcome = await this.commits.write({ topic: request.topic, key: request.primaryKey, fingerprint: writer.fingerprint, value: request.data.value });
      return { ...outcome, writer };
    } catch (error) {
      throw this.asProblem(error, request);
    }
  }

  private asProblem(error: unknown, request: { topic: string; primaryKey?: string }): DataProblem {
    const problem = DataProblem.from(error);
    if (problem.code === 'INTERNAL') problem.details.topic = request.topic;
    return problem;
  }

  /** One record by key, or a page in key order, as stored (Avro bytes and their writer). Throws DataProblem. */
  read(request: DataRead): DataPage {
    const page = this.readStored(request);
    return { ...page, records: page.records.map((r) => ({ primaryKey: r.key, payload: this.payloadOf(r), updatedAt: r.updatedAt, seq: r.seq })) };
  }

  /**
   * Like `read`, with each record decoded, resolved into `readerSchema` when given (a full name
   * registered on this node, or a version): schema evolution happens here. Throws DataProblem,
   * SCHEMA_MISMATCH naming the fields when a record cannot be read as the reader schema.
   */
  readValues(request: DataRead & { readerSchema?: string | RegisteredSchema }): DataPage<DataValue> {
    let reader: RegisteredSchema | undefined;
    if (typeof request.readerSchema === 'string') {
      reader = this.registry.byName(request.readerSchema);
      if (!reader) throw new DataProblem('SCHEMA_NOT_FOUND', `no schema named ${request.readerSchema} is registered on this node`, { schema: request.readerSchema });
    } else {
      reader = request.readerSchema;
    }
    const page = this.readStored(request);
    try {
      const records = page.records.map((r) => {
        const writer = this.writerOf(r);
        return { primaryKey: r.key, value: this.registry.decode(r.value, writer, reader), writer };
      });
      return { ...page, records };
    } catch (error) {
      throw DataProblem.from(error);
    }
  }

  private readStored(request: DataRead): DataPage<StoredRecord> {
    try {
      checkTopic(request.topic);
      const offset = count(request.offset, 'offset') ?? 0;
      const limit = Math.min(count(request.limit, 'limit') ?? this.defaultPageSize, this.maxPageSize);
      const store = this.open(false);
      if (request.primaryKey !== undefined) {
        checkKey(request.primaryKey);
        const record = store.get(request.topic, request.primaryKey);
        if (!record) {
          if (!store.hasTopic(request.topic)) throw topicNotFound(request.topic);
          throw new DataProblem('RECORD_NOT_FOUND', `topic '${request.topic}' has no record with primary key '${request.primaryKey}'`, { topic: request.topic, primaryKey: request.primaryKey });
        }
        // One record matches: offset and limit apply to that set of one.
        const records = offset === 0 && limit > 0 ? [record] : [];
        return { records, totalCount: 1, nextOffset: offset + records.length < 1 ? String(offset + records.length) : null };
      }
      // Offsets beyond any real topic: an empty page, not a number SQLite cannot take.
      const page = store.page(request.topic, Math.min(offset, Number.MAX_SAFE_INTEGER), limit);
      if (!page) throw topicNotFound(request.topic);
      const next = offset + page.records.length;
      return { records: page.records, totalCount: page.totalCount, nextOffset: next < page.totalCount ? String(next) : null };
    } catch (error) {
      throw DataProblem.from(error);
    }
  }

  private writerOf(record: StoredRecord): RegisteredSchema {
    const writer = this.registry.byFingerprint(record.fingerprint);
    if (!writer) {
      throw new DataProblem('STORAGE_FAILURE', `record '${record.key}' names writer schema ${record.fingerprint.toString('hex')}, which the store does not hold: the data directory is damaged`, {
        primaryKey: record.key,
        fingerprint: record.fingerprint.toString('hex'),
      });
    }
    return writer;
  }

  private payloadOf(record: StoredRecord): PayloadValue {
    const name = this.registry.byFingerprint(record.fingerprint)?.fullName;
    return { schema: { ...(name !== undefined ? { name } : {}), fingerprint: record.fingerprint }, value: record.value };
  }

  /** Every topic's name, sorted (UTF-8 byte order). Throws DataProblem. */
  listTopics(): string[] {
    try {
      return this.open(false).topics().map((t) => t.name);
    } catch (error) {
      throw DataProblem.from(error);
    }
  }

  /** Commits what was accepted, then closes the store. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      if (this.store) this.commits.drain();
    } finally {
      this.closed = true;
      this.detach?.();
      this.store?.close();
      this.store = undefined;
    }
  }
}

function topicNotFound(topic: string): DataProblem {
  return new DataProblem('TOPIC_NOT_FOUND', `there is no topic '${topic}' on this node (a topic is created by its first write; listTopics shows those there are)`, { topic });
}

function checkTopic(topic: string): void {
  if (typeof topic !== 'string' || topic.length === 0) throw new DataProblem('INVALID_REQUEST', 'topic is empty: name the topic, e.g. "users"', { field: 'topic' });
  if (topic.length > MAX_TOPIC_LENGTH) throw new DataProblem('INVALID_REQUEST', `topic is ${topic.length} characters long; at most ${MAX_TOPIC_LENGTH} are allowed`, { field: 'topic' });
  if (hasControl(topic)) throw new DataProblem('INVALID_REQUEST', 'topic contains a control character (such as a newline or NUL)', { field: 'topic' });
}

function checkKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new DataProblem('INVALID_REQUEST', 'primaryKey is empty: give the record a key, e.g. "user123"', { field: 'primaryKey' });
  if (key.length > MAX_KEY_LENGTH) throw new DataProblem('INVALID_REQUEST', `primaryKey is ${key.length} characters long; at most ${MAX_KEY_LENGTH} are allowed`, { field: 'primaryKey' });
}

/** A non-negative count (offset, limit) from a long: number or bigint; undefined for none. */
function count(value: number | bigint | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (value < 0) throw new DataProblem('INVALID_REQUEST', `${field} is ${value}; it must be 0 or more`, { field, value: String(value) });
  return typeof value === 'bigint' ? (value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value)) : value;
}
