/**
 * Where a node keeps its data: records as Avro bytes with their writer schema's fingerprint,
 * keyed by topic and primary key. Small on purpose, so the runtime can swap the store: SQLite
 * (sqlite-record-store.ts) needs a native module that Electron packaging must rebuild.
 *
 * Semantics every implementation keeps:
 * - A write inserts or replaces by (topic, key). A replaced record keeps its place in key order
 *   (the order is by key, nothing else) and gets a new `seq` and `updatedAt`.
 * - `seq` grows with every write in the store (all topics), so it orders changes.
 * - Key order is the order of the keys' UTF-8 bytes (code point order).
 * - A batch is atomic and durable when `writeBatch` returns (as durable as the store's setting).
 * - A page and its `totalCount` come from one snapshot, so they agree with each other.
 * - Topics are created by their first write and never deleted; records are never deleted.
 */
import type { SchemaStore } from '../schemas/schema-store.js';

export interface RecordWrite {
  topic: string;
  key: string;
  /** The writer schema's fingerprint (8 bytes); the schema is saved (saveSchema) before. */
  fingerprint: Buffer;
  /** Avro binary of the value, as written with that schema. */
  value: Buffer;
}

export interface WriteOutcome {
  /** The record's new sequence number. */
  seq: number;
  /** True when the key was new to the topic, false when an existing record was replaced. */
  created: boolean;
  /** Milliseconds since the Unix epoch. */
  updatedAt: number;
}

export interface StoredRecord {
  key: string;
  fingerprint: Buffer;
  value: Buffer;
  updatedAt: number;
  seq: number;
}

export interface RecordPage {
  /** At most `limit` records from `offset` on, in key order. */
  records: StoredRecord[];
  /** How many records the topic holds, in the same snapshot as `records`. */
  totalCount: number;
}

export interface TopicInfo {
  name: string;
  recordCount: number;
  createdAt: number;
}

export interface RecordStore extends SchemaStore {
  /** Where the data lives, for messages (the database file). */
  readonly location: string;
  /** True when the store could only be opened for reading: every write fails. */
  readonly readOnly: boolean;
  /** Whether a schema with this fingerprint (hex) is saved. */
  hasSchema(fingerprintHex: string): boolean;
  /** Applies the writes in order, in one transaction: all or none. */
  writeBatch(writes: readonly RecordWrite[]): WriteOutcome[];
  /** One record; undefined when the topic or the key does not exist. */
  get(topic: string, key: string): StoredRecord | undefined;
  /** A page of a topic in key order; undefined when the topic does not exist. */
  page(topic: string, offset: number, limit: number): RecordPage | undefined;
  hasTopic(topic: string): boolean;
  /** Every topic, sorted by name (UTF-8 byte order). */
  topics(): TopicInfo[];
  close(): void;
}
