/**
 * One exact version of a schema as a node knows it: its fingerprint (what Payloads and stored
 * records carry), its full name, its Avro JSON, and the avsc type that reads and writes its
 * values. Versions loaded from a store are parsed and compiled on first use, so a node with
 * thousands of old versions starts without reading any of them.
 */
import type avsc from 'avsc';
import { fingerprintHex, parsingCanonicalForm } from '../../../shared/avro/fingerprint.js';
import { describeSchema } from '../../../shared/avro/describe.js';
import type { Schema } from '../../../shared/avro/model.js';
import { readSchemaJson } from '../../../shared/avro/schema-reader.js';
import { engineType } from './engine-type.js';

export class RegisteredSchema {
  /** The fingerprint as lower-case hex (byte order as stored: little-endian). */
  readonly hex: string;
  private parsed?: Schema;
  private built?: avsc.Type;

  constructor(
    /** CRC-64-AVRO of the Parsing Canonical Form: 8 bytes, little-endian. */
    readonly fingerprint: Buffer,
    /** Full name of a named schema; undefined for primitives, arrays, maps and unions. */
    readonly fullName: string | undefined,
    /** Avro JSON, with defaults, aliases and logical types (what readers need). */
    readonly json: string,
    schema?: Schema,
  ) {
    this.hex = fingerprintHex(fingerprint);
    this.parsed = schema;
  }

  /** The schema in the shared model. */
  get schema(): Schema {
    this.parsed ??= readSchemaJson(this.json, { file: `schema ${this.label}` }).schema;
    return this.parsed;
  }

  /** The avsc type for values in the engine's shape (wrapped unions, exact longs, Buffers). */
  get type(): avsc.Type {
    this.built ??= engineType(this.schema);
    return this.built;
  }

  get canonical(): string {
    return parsingCanonicalForm(this.schema);
  }

  /** How messages name it: `spl.data.User (3f…)`, or the schema's shape for unnamed ones. */
  get label(): string {
    return `${this.fullName ?? (this.parsed ? describeSchema(this.parsed) : 'unnamed schema')} (fingerprint ${this.hex})`;
  }
}
