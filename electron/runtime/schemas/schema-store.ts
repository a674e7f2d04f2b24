/**
 * Where a SchemaRegistry keeps its schemas across restarts. The data store implements it with a
 * table beside its records, so a record's writer schema lasts as long as the record does.
 */
export interface StoredSchema {
  /** CRC-64-AVRO fingerprint of the Parsing Canonical Form (8 bytes, little-endian). */
  fingerprint: Buffer;
  /** Full name of a named schema; null for unnamed ones. */
  fullName: string | null;
  /** The schema as Avro JSON, with what readers need (defaults, aliases, logical types). */
  json: string;
  /** Whether it was ever registered as its name's current version (not merely seen in data). */
  current: boolean;
}

export interface SchemaStore {
  /** Every schema saved, in the order they were saved or last made current. */
  loadSchemas(): StoredSchema[];
  /**
   * Saves a schema, or updates the one with its fingerprint (its JSON, and makes it the latest
   * when `current`). Durable when it returns; throws when it cannot be saved.
   */
  saveSchema(schema: StoredSchema): void;
}
