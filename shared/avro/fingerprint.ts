/**
 * Schema fingerprints as the Avro specification defines them: the CRC-64-AVRO (Rabin)
 * fingerprint of a schema's Parsing Canonical Form, as 8 little-endian bytes. These are the
 * bytes Avro's single-object encoding puts after `C3 01`, what Java's
 * `SchemaNormalization.parsingFingerprint("CRC-64-AVRO", s)` returns, and what a Payload's
 * `SchemaRef.fingerprint` carries. One fingerprint names one exact version of a schema, so
 * stored data can find its writer schema however many versions later.
 *
 * Isomorphic (the studio computes fingerprints too): no Node APIs, bytes as Uint8Array.
 */
import { isNamed, type Schema } from './model.js';

/**
 * The Parsing Canonical Form: only what matters for reading data (names, types, fields,
 * symbols, items, values, sizes), full names, no namespace attribute, attributes in the order
 * name, type, fields, symbols, items, values, size, and no whitespace. Primitives with
 * properties (logical types included) become their bare name. A named type is written in full
 * the first time and by full name afterwards, which also ends recursion through cycles.
 *
 * As Java does, an `error` is written as `"type":"record"` (Java models errors as records).
 * Names and symbols can only hold letters, digits and `_`, so JSON.stringify writes them as the
 * specification's [STRINGS] rule asks (no escapes).
 */
export function parsingCanonicalForm(schema: Schema): string {
  const seen = new Set<string>();
  const write = (s: Schema): string => {
    if (isNamed(s)) {
      const name = JSON.stringify(s.fullName);
      if (seen.has(s.fullName)) return name;
      seen.add(s.fullName);
      switch (s.type) {
        case 'record':
        case 'error':
          return `{"name":${name},"type":"record","fields":[${s.fields.map((f) => `{"name":${JSON.stringify(f.name)},"type":${write(f.type)}}`).join(',')}]}`;
        case 'enum':
          return `{"name":${name},"type":"enum","symbols":[${s.symbols.map((symbol) => JSON.stringify(symbol)).join(',')}]}`;
        case 'fixed':
          return `{"name":${name},"type":"fixed","size":${s.size}}`;
      }
    }
    switch (s.type) {
      case 'union':
        return `[${s.types.map(write).join(',')}]`;
      case 'array':
        return `{"type":"array","items":${write(s.items)}}`;
      case 'map':
        return `{"type":"map","values":${write(s.values)}}`;
      default:
        return `"${s.type}"`;
    }
  };
  return write(schema);
}

// The Rabin fingerprint's polynomial as the specification gives it (`EMPTY` in its pseudocode),
// and its byte table, held as two 32-bit halves: plain number arithmetic instead of BigInt,
// which costs a heap allocation per operation.
const EMPTY_HI = 0xc15d213a;
const EMPTY_LO = 0xa4d7a795;
const TABLE_HI = new Uint32Array(256);
const TABLE_LO = new Uint32Array(256);
for (let i = 0; i < 256; i++) {
  let hi = 0;
  let lo = i;
  for (let j = 0; j < 8; j++) {
    const odd = lo & 1;
    lo = ((lo >>> 1) | (hi << 31)) >>> 0;
    hi >>>= 1;
    if (odd) {
      hi = (hi ^ EMPTY_HI) >>> 0;
      lo = (lo ^ EMPTY_LO) >>> 0;
    }
  }
  TABLE_HI[i] = hi;
  TABLE_LO[i] = lo;
}

/** CRC-64-AVRO of some bytes, as 8 little-endian bytes (the specification's `fingerprint64`). */
export function crc64Avro(data: Uint8Array): Uint8Array {
  let hi = EMPTY_HI;
  let lo = EMPTY_LO;
  for (let i = 0; i < data.length; i++) {
    const index = (lo ^ data[i]) & 0xff;
    lo = (((lo >>> 8) | (hi << 24)) ^ TABLE_LO[index]) >>> 0;
    hi = ((hi >>> 8) ^ TABLE_HI[index]) >>> 0;
  }
  const out = new Uint8Array(8);
  for (let i = 0; i < 4; i++) {
    out[i] = (lo >>> (8 * i)) & 0xff;
    out[4 + i] = (hi >>> (8 * i)) & 0xff;
  }
  return out;
}

const utf8 = new TextEncoder();

/** The 8-byte CRC-64-AVRO fingerprint of a schema's Parsing Canonical Form. */
export function schemaFingerprint(schema: Schema): Uint8Array {
  return crc64Avro(utf8.encode(parsingCanonicalForm(schema)));
}

/** A fingerprint as lower-case hex, in its byte order (little-endian): for maps, logs and URLs. */
export function fingerprintHex(fingerprint: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < fingerprint.length; i++) hex += fingerprint[i].toString(16).padStart(2, '0');
  return hex;
}

/**
 * A fingerprint as the signed 64-bit number Java's `parsingFingerprint64` returns (and Avro's
 * test vectors list): for comparing with other implementations.
 */
export function fingerprintToLong(fingerprint: Uint8Array): bigint {
  if (fingerprint.length !== 8) throw new Error(`a CRC-64-AVRO fingerprint has 8 bytes, not ${fingerprint.length}`);
  let value = 0n;
  for (let i = 7; i >= 0; i--) value = (value << 8n) | BigInt(fingerprint[i]);
  return BigInt.asIntN(64, value);
}
