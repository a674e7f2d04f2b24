import { describe, expect, it } from 'vitest';
import { crc64Avro, fingerprintHex, fingerprintToLong, parsingCanonicalForm, schemaFingerprint } from './fingerprint.js';
import { readSchemaJson } from './schema-reader.js';

const schemaOf = (text: string) => readSchemaJson(text, { file: 'test.avsc' }).schema;

/**
 * Apache Avro's own test vectors (share/test/data/schema-tests.txt): input, Parsing Canonical
 * Form, and the fingerprint as Java's parsingFingerprint64 prints it. Java's unit tests check
 * these values against a slow, direct implementation of the algorithm.
 */
const VECTORS: [string, string, bigint | undefined][] = [
  ['"null"', '"null"', 7195948357588979594n],
  ['{"type":"null"}', '"null"', undefined],
  ['"boolean"', '"boolean"', -6970731678124411036n],
  ['"int"', '"int"', 8247732601305521295n],
  ['{"type":"int"}', '"int"', undefined],
  ['"long"', '"long"', -3434872931120570953n],
  ['"float"', '"float"', 5583340709985441680n],
  ['"double"', '"double"', -8181574048448539266n],
  ['"bytes"', '"bytes"', 5746618253357095269n],
  ['"string"', '"string"', -8142146995180207161n],
  ['[  ]', '[]', -1241056759729112623n],
  ['[ "int"  ]', '["int"]', -5232228896498058493n],
  ['[ "int" , {"type":"boolean"} ]', '["int","boolean"]', 5392556393470105090n],
  ['{"fields":[], "type":"record", "name":"foo"}', '{"name":"foo","type":"record","fields":[]}', -4824392279771201922n],
  ['{"fields":[], "type":"record", "name":"foo", "namespace":"x.y"}', '{"name":"x.y.foo","type":"record","fields":[]}', 5916914534497305771n],
  ['{"fields":[], "type":"record", "name":"a.b.foo", "namespace":"x.y"}', '{"name":"a.b.foo","type":"record","fields":[]}', -4616218487480524110n],
  ['{"fields":[], "type":"record", "name":"foo", "doc":"Useful info"}', '{"name":"foo","type":"record","fields":[]}', -4824392279771201922n],
  ['{"fields":[], "type":"record", "name":"foo", "aliases":["foo","bar"]}', '{"name":"foo","type":"record","fields":[]}', -4824392279771201922n],
  ['{"fields":[{"type":{"type":"boolean"}, "name":"f1"}], "type":"record", "name":"foo"}', '{"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"}]}', 7843277075252814651n],
  // Avro's file gives f1 the default "true" (a string), which our reader refuses for a boolean;
  // the canonical form drops defaults, so `true` changes nothing.
  [
    '{ "fields":[{"type":"boolean", "aliases":[], "name":"f1", "default":true},\n {"order":"descending","name":"f2","doc":"Hello","type":"int"}],\n "type":"record", "name":"foo"\n}',
    '{"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"},{"name":"f2","type":"int"}]}',
    -4860222112080293046n,
  ],
  ['{"type":"enum", "name":"foo", "symbols":["A1"]}', '{"name":"foo","type":"enum","symbols":["A1"]}', -6342190197741309591n],
  ['{"namespace":"x.y.z", "type":"enum", "name":"foo", "doc":"foo bar", "symbols":["A1", "A2"]}', '{"name":"x.y.z.foo","type":"enum","symbols":["A1","A2"]}', -4448647247586288245n],
  ['{"name":"foo","type":"fixed","size":15}', '{"name":"foo","type":"fixed","size":15}', 1756455273707447556n],
  ['{"namespace":"x.y.z", "type":"fixed", "name":"foo", "doc":"foo bar", "size":32}', '{"name":"x.y.z.foo","type":"fixed","size":32}', -3064184465700546786n],
  ['{ "items":{"type":"null"}, "type":"array"}', '{"type":"array","items":"null"}', -589620603366471059n],
  ['{ "values":"string", "type":"map"}', '{"type":"map","values":"string"}', -8732877298790414990n],
  [
    '{"name":"PigValue","type":"record", "fields":[{"name":"value", "type":["null", "int", "long", "PigValue"]}]}',
    '{"name":"PigValue","type":"record","fields":[{"name":"value","type":["null","int","long","PigValue"]}]}',
    -1759257747318642341n,
  ],
];

describe('parsingCanonicalForm and schemaFingerprint', () => {
  it.each(VECTORS)('%s', (input, canonical, fingerprint) => {
    const schema = schemaOf(input);
    expect(parsingCanonicalForm(schema)).toBe(canonical);
    if (fingerprint !== undefined) expect(fingerprintToLong(schemaFingerprint(schema))).toBe(fingerprint);
  });

  it('strips logical types, defaults, order, aliases and custom properties; keeps nested names full', () => {
    const schema = schemaOf(JSON.stringify({
      type: 'record', name: 'User', namespace: 'spl.data', doc: 'a user', 'x-custom': 1,
      fields: [
        { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' }, default: 0, order: 'descending' },
        { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['A', 'B'], default: 'A' }, aliases: ['k'] },
        { name: 'hash', type: { type: 'fixed', name: 'other.Hash', size: 4 } },
        { name: 'tags', type: { type: 'map', values: { type: 'array', items: 'Kind' } }, default: {} },
        { name: 'next', type: ['null', 'User'], default: null },
      ],
    }));
    expect(parsingCanonicalForm(schema)).toBe(
      '{"name":"spl.data.User","type":"record","fields":[{"name":"id","type":"string"},{"name":"at","type":"long"},'
      + '{"name":"kind","type":{"name":"spl.data.Kind","type":"enum","symbols":["A","B"]}},{"name":"hash","type":{"name":"other.Hash","type":"fixed","size":4}},'
      + '{"name":"tags","type":{"type":"map","values":{"type":"array","items":"spl.data.Kind"}}},{"name":"next","type":["null","spl.data.User"]}]}',
    );
  });

  it('writes an error as a record, as Java does', () => {
    expect(parsingCanonicalForm(schemaOf('{"type":"error","name":"E","fields":[{"name":"m","type":"string"}]}'))).toBe('{"name":"E","type":"record","fields":[{"name":"m","type":"string"}]}');
  });

  it('gives versions that differ only in what readers use (defaults, docs) the same fingerprint', () => {
    const v1 = schemaOf('{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":1}]}');
    const v2 = schemaOf('{"type":"record","name":"R","doc":"x","fields":[{"name":"a","type":"int","default":2}]}');
    const v3 = schemaOf('{"type":"record","name":"R","fields":[{"name":"a","type":"long"}]}');
    expect(fingerprintHex(schemaFingerprint(v1))).toBe(fingerprintHex(schemaFingerprint(v2)));
    expect(fingerprintHex(schemaFingerprint(v1))).not.toBe(fingerprintHex(schemaFingerprint(v3)));
  });
});

describe('crc64Avro', () => {
  it('is little-endian: the bytes of Java parsingFingerprint("CRC-64-AVRO") and of single-object encoding', () => {
    // "int": 8247732601305521295 = 0x7275d51a3f395c8f, so its bytes run 8f 5c 39 3f 1a d5 75 72.
    const fp = crc64Avro(new TextEncoder().encode('"int"'));
    expect(fingerprintHex(fp)).toBe('8f5c393f1ad57572');
    expect(fingerprintToLong(fp)).toBe(8247732601305521295n);
  });

  it('hashes the empty input to the polynomial itself', () => {
    expect(fingerprintToLong(crc64Avro(new Uint8Array(0)))).toBe(BigInt.asIntN(64, 0xc15d213aa4d7a795n));
  });

  it('matches a BigInt rendering of the specification pseudocode on arbitrary bytes', () => {
    const EMPTY = 0xc15d213aa4d7a795n;
    const mask = (1n << 64n) - 1n;
    const table: bigint[] = [];
    for (let i = 0n; i < 256n; i++) {
      let fp = i;
      for (let j = 0; j < 8; j++) fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n) & mask);
      table.push(fp);
    }
    const reference = (data: Uint8Array): bigint => {
      let fp = EMPTY;
      for (const b of data) fp = (fp >> 8n) ^ table[Number((fp ^ BigInt(b)) & 0xffn)];
      return BigInt.asIntN(64, fp);
    };
    let seed = 12345;
    for (let n = 0; n < 50; n++) {
      const data = new Uint8Array(n * 7);
      for (let i = 0; i < data.length; i++) data[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
      expect(fingerprintToLong(crc64Avro(data))).toBe(reference(data));
    }
  });
});
