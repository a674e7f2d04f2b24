/**
 * The schemas a node knows, shared by its services: by full name (the name's current version,
 * for readers and for `getModuleSchema`) and by fingerprint (every version ever seen, for
 * writers' data: one fingerprint is one schema forever). With a SchemaStore attached, what it
 * holds is loaded and every schema registered is saved to it, so versions outlive restarts.
 *
 * It also reads values: `decode` resolves a writer's bytes into a reader's schema (Avro schema
 * resolution: added fields with defaults, promotions, aliases), with resolvers cached per pair.
 */
import type avsc from 'avsc';
import { schemaFingerprint, fingerprintHex } from '../../../shared/avro/fingerprint.js';
import { toJsonText } from '../../../shared/avro/json-text.js';
import { isNamed, type Schema } from '../../../shared/avro/model.js';
import { schemaToJson } from '../../../shared/avro/schema-writer.js';
import { readSchemaJson, SchemaReadError } from '../../../shared/avro/schema-reader.js';
import { checkSchemaCompatibility } from '../../../shared/compat/schema-compatibility.js';
// Importing it bounds avsc's array and map readers: ten bytes claiming 2^60 items must not make avsc loop.
import '../rpc/encoding-guard.js';
import { errorMessage } from '../rpc/errors.js';
import { RegisteredSchema } from './registered-schema.js';
import { SchemaProblem } from './schema-problem.js';
import type { SchemaStore } from './schema-store.js';

export { RegisteredSchema };

export interface RegisterOptions {
  /**
   * Make this version its name's current one (default true: a module or a user registering its
   * schema). False for schemas merely seen in data (a Payload's inline JSON): those become
   * current only for a name that has none yet, so an old client cannot demote a new version.
   */
  current?: boolean;
  /** Names the source in parse errors (`file` of SchemaReadError), e.g. `SchemaRef.json`. */
  origin?: string;
}

/** Inline schema texts remembered, so that writers sending the same JSON each time parse it once. */
const MAX_CACHED_TEXTS = 1024;

export class SchemaRegistry {
  private readonly byHex = new Map<string, RegisteredSchema>();
  private readonly currentByName = new Map<string, RegisteredSchema>();
  private readonly texts = new Map<string, RegisteredSchema>();
  private readonly resolvers = new WeakMap<RegisteredSchema, Map<string, avsc.Resolver | undefined>>();
  /** What this process registered, replayed over a store's older contents when one is attached. */
  private readonly registered: { schema: RegisteredSchema; current: boolean }[] = [];
  private store?: SchemaStore;
  /** Why the last save to the store failed, if one did (see `save`). */
  lastSaveError?: unknown;

  constructor(options: { store?: SchemaStore } = {}) {
    if (options.store) this.attachStore(options.store);
  }

  /**
   * Keeps every schema in `store` from now on: loads what it holds, then saves (and puts back on
   * top, as newer) what this registry learnt before. Returns a function that detaches it (a
   * closed store must not be written).
   */
  attachStore(store: SchemaStore): () => void {
    if (this.store) throw new Error('this schema registry already has a store attached');
    const mine = [...this.registered];
    this.byHex.clear();
    this.currentByName.clear();
    this.texts.clear();
    for (const row of store.loadSchemas()) {
      const schema = new RegisteredSchema(row.fingerprint, row.fullName ?? undefined, row.json);
      this.byHex.set(schema.hex, schema);
      if (schema.fullName !== undefined && (row.current || !this.currentByName.has(schema.fullName))) this.currentByName.set(schema.fullName, schema);
    }
    this.store = store;
    this.registered.length = 0;
    for (const { schema, current } of mine) this.add(schema, current);
    return () => {
      if (this.store === store) this.store = undefined;
    };
  }

  /**
   * Registers a schema (the shared model, or Avro JSON text) and returns its version. Idempotent.
   * Throws SchemaProblem INVALID_REQUEST for text that is not a valid schema, or a schema avsc
   * cannot compile.
   */
  register(schema: Schema | string, options: RegisterOptions = {}): RegisteredSchema {
    const current = options.current ?? true;
    if (typeof schema === 'string') {
      const known = this.texts.get(schema);
      if (known) return this.add(known, current);
    }
    const model = typeof schema === 'string' ? parseSchema(schema, options.origin ?? 'schema') : schema;
    const fingerprint = Buffer.from(schemaFingerprint(model));
    const fullName = isNamed(model) ? model.fullName : undefined;
    const json = toJsonText(schemaToJson(model), 0);
    const existing = this.byHex.get(fingerprintHex(fingerprint));
    // Same version, same text: keep the object (its compiled type and cached resolvers).
    const version = existing && existing.json === json ? existing : new RegisteredSchema(fingerprint, fullName, json, model);
    try {
      void version.type; // refuse now what avsc cannot compile, rather than on first read
    } catch (error) {
      throw new SchemaProblem('INVALID_REQUEST', `schema ${version.label} cannot be used: ${errorMessage(error)}`, { schema: fullName ?? '', fingerprint: version.hex });
    }
    if (typeof schema === 'string') this.rememberText(schema, version);
    return this.add(version, current);
  }

  private add(version: RegisteredSchema, current: boolean): RegisteredSchema {
    const name = version.fullName;
    const makeCurrent = name !== undefined && (current || !this.currentByName.has(name));
    const known = this.byHex.get(version.hex);
    const unchanged = known === version && (!makeCurrent || this.currentByName.get(name!) === version);
    if (!unchanged) {
      this.save(version, current);
      this.byHex.set(version.hex, version);
      if (makeCurrent) this.currentByName.set(name!, version);
      this.registered.push({ schema: version, current });
    }
    return version;
  }

  /**
   * Best effort: a full or read-only disk must not stop a node from loading its modules. What
   * must be durable is the writer schema of every stored record, and the data store saves that
   * itself, in its own store, before the record (data-store.ts).
   */
  private save(version: RegisteredSchema, current: boolean): void {
    if (!this.store) return;
    try {
      this.store.saveSchema({ fingerprint: version.fingerprint, fullName: version.fullName ?? null, json: version.json, current });
    } catch (error) {
      this.lastSaveError = error;
    }
  }

  private rememberText(text: string, version: RegisteredSchema): void {
    if (this.texts.size >= MAX_CACHED_TEXTS) this.texts.delete(this.texts.keys().next().value!);
    this.texts.set(text, version);
  }

  /** The current version of a named schema. */
  byName(fullName: string): RegisteredSchema | undefined {
    return this.currentByName.get(fullName);
  }

  /** Any version ever registered, by its fingerprint (8 bytes, or their hex). */
  byFingerprint(fingerprint: string | Uint8Array): RegisteredSchema | undefined {
    return this.byHex.get(typeof fingerprint === 'string' ? fingerprint.toLowerCase() : fingerprintHex(fingerprint));
  }

  /** Every version known under a name, oldest first. */
  versions(fullName: string): RegisteredSchema[] {
    return [...this.byHex.values()].filter((s) => s.fullName === fullName);
  }

  /** Full names with a current version, sorted. */
  names(): string[] {
    return [...this.currentByName.keys()].sort();
  }

  /**
   * The avsc resolver that reads `writer`'s bytes as `reader` (undefined when none is needed:
   * the same version). Throws SchemaProblem SCHEMA_MISMATCH explaining each incompatibility by
   * field path.
   */
  resolver(reader: RegisteredSchema, writer: RegisteredSchema): avsc.Resolver | undefined {
    if (reader.hex === writer.hex) return undefined;
    let cache = this.resolvers.get(reader);
    if (!cache) this.resolvers.set(reader, (cache = new Map()));
    if (cache.has(writer.hex)) return cache.get(writer.hex);
    const problems = checkSchemaCompatibility(reader.schema, writer.schema);
    const details = { readerSchema: reader.fullName ?? reader.hex, writerSchema: writer.fullName ?? writer.hex, readerFingerprint: reader.hex, writerFingerprint: writer.hex };
    if (problems.length > 0) {
      const listed = problems.slice(0, 5).map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; ');
      throw new SchemaProblem('SCHEMA_MISMATCH', `data written with ${writer.label} cannot be read as ${reader.label}: ${listed}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`, {
        ...details,
        problems: problems.map((p) => `${p.path}: ${p.message}`).join('\n'),
      });
    }
    let resolver: avsc.Resolver;
    try {
      resolver = reader.type.createResolver(writer.type);
    } catch (error) {
      throw new SchemaProblem('SCHEMA_MISMATCH', `data written with ${writer.label} cannot be read as ${reader.label}: ${errorMessage(error)}`, details);
    }
    cache.set(writer.hex, resolver);
    return resolver;
  }

  /**
   * Reads one value written with `writer` (Avro binary, no header), as `reader` when given
   * (schema resolution) or as written. Values come in the engine's shape. Throws SchemaProblem:
   * SCHEMA_MISMATCH when the schemas do not resolve, INVALID_REQUEST when the bytes are not a
   * value of `writer` (truncated, trailing bytes, a bad union index...).
   */
  decode(bytes: Uint8Array, writer: RegisteredSchema, reader?: RegisteredSchema): unknown {
    const resolver = reader ? this.resolver(reader, writer) : undefined;
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    try {
      return (reader ?? writer).type.fromBuffer(buf, resolver);
    } catch (error) {
      throw new SchemaProblem('INVALID_REQUEST', `${buf.length} bytes are not an Avro binary value of ${writer.label}: ${errorMessage(error)}`, { schema: writer.fullName ?? '', fingerprint: writer.hex });
    }
  }

  /** How many versions are known. */
  get size(): number {
    return this.byHex.size;
  }
}

function parseSchema(text: string, origin: string): Schema {
  try {
    return readSchemaJson(text, { file: origin }).schema;
  } catch (error) {
    const where: Record<string, string> = error instanceof SchemaReadError ? { path: error.path } : {};
    throw new SchemaProblem('INVALID_REQUEST', `${origin} is not a valid Avro schema: ${errorMessage(error)}`, where);
  }
}
