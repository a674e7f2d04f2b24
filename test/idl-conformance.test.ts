/**
 * Apache Avro 1.12's own IDL test corpus: every input must compile to the expected output,
 * compared semantically (full names; the order of types and where they are inlined do not
 * matter), and the error files must give errors.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileIdl, compileResultToJson, formatDiagnostics } from '../shared/idl/compile.js';
import { toJsonText } from '../shared/avro/json-text.js';
import { nodeSourceReader } from '../electron/runtime/fs-reader.js';
import { corpusAvailable, IDL_CORPUS } from './support/corpus.js';
import { normalizeAvro } from './support/normalize-avro.js';

const inputDir = path.join(IDL_CORPUS, 'input');
const outputDir = path.join(IDL_CORPUS, 'output');
const classpath = path.join(IDL_CORPUS, 'putOnClassPath');

function expectedOutputFor(input: string): string {
  const base = input.replace(/\.avdl$/, '');
  return base.endsWith('_schema') ? `${base.slice(0, -'_schema'.length)}.avsc` : `${base}.avpr`;
}

async function compileJson(file: string) {
  const result = await compileIdl(file, { reader: nodeSourceReader, importPaths: [classpath] });
  const errors = formatDiagnostics(result).filter((line) => !line.includes(': warning: '));
  return { result, errors, json: result.ok ? JSON.parse(toJsonText(compileResultToJson(result))) : undefined };
}

describe.skipIf(!corpusAvailable)('Apache Avro IDL corpus: input → output', () => {
  const inputs = corpusAvailable ? readdirSync(inputDir).filter((f) => f.endsWith('.avdl')).sort() : [];

  it('has the 18 pairs the corpus promises', () => {
    expect(inputs.length).toBe(18);
  });

  for (const input of inputs) {
    it(`${input} → ${expectedOutputFor(input)}`, async () => {
      const { errors, json } = await compileJson(path.join(inputDir, input));
      expect(errors).toEqual([]);
      const expected = JSON.parse(readFileSync(path.join(outputDir, expectedOutputFor(input)), 'utf8'));
      expect(normalizeAvro(json)).toEqual(normalizeAvro(expected));
    });
  }
});

describe.skipIf(!corpusAvailable)('Apache Avro IDL corpus: other files', () => {
  it('extra/duplicateNameErrorParsing.avdl: redefining an enum is an error naming it', async () => {
    const { result, errors } = await compileJson(path.join(IDL_CORPUS, 'extra/duplicateNameErrorParsing.avdl'));
    expect(result.ok).toBe(false);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/duplicateNameErrorParsing\.avdl:11:6: duplicateNameParseError\.Foo is already defined/);
  });

  it('extra/protocolSyntax.avdl and extra/schemaSyntax.avdl describe the same Message', async () => {
    const protocol = await compileJson(path.join(IDL_CORPUS, 'extra/protocolSyntax.avdl'));
    const schema = await compileJson(path.join(IDL_CORPUS, 'extra/schemaSyntax.avdl'));
    expect(protocol.errors).toEqual([]);
    expect(schema.errors).toEqual([]);
    const message = protocol.json.types[0];
    expect(message).toMatchObject({ type: 'record', name: 'Message', fields: [{ name: 'title', type: ['null', 'string'] }, { name: 'message', type: 'string' }] });
    expect(normalizeAvro(schema.json)).toEqual(normalizeAvro({ type: 'array', items: { ...message, namespace: 'communication' } }));
    expect(protocol.json.messages.echo).toEqual({ request: [{ name: 'message', type: 'Message' }], response: 'Message' });
  });

  it('AnnotationOnTypeReference.avdl: annotating a type reference is an error, as in Java', async () => {
    const { errors } = await compileJson(path.join(IDL_CORPUS, 'AnnotationOnTypeReference.avdl'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/AnnotationOnTypeReference\.avdl:\d+:5: a reference to a named type cannot be annotated/);
  });

  it('comments.avdl: warns about each out-of-place doc comment where Java does', async () => {
    const { result } = await compileJson(path.join(inputDir, 'comments.avdl'));
    const warnings = formatDiagnostics(result).filter((line) => line.includes(': warning: documentation comment'));
    const places = warnings.map((line) => line.split(':').slice(1, 3).join(':'));
    // The positions Apache Avro's TestIdlReader.testDocCommentsAndWarnings expects.
    expect(places).toEqual([
      '21:8', '21:45', '22:5', '23:5', '24:5', '25:5', '26:7', '27:7', '28:7', '33:7', '34:7', '35:5',
      '36:5', '37:7', '42:7', '43:7', '46:9', '47:5', '54:7', '55:7', '58:9', '59:7', '60:11', '61:11',
    ]);
  });

  it('logicalTypes.avdl: logical-type keywords and annotations', async () => {
    const { errors, json } = await compileJson(path.join(IDL_CORPUS, 'logicalTypes.avdl'));
    expect(errors).toEqual([]);
    const fields = Object.fromEntries(json.types[0].fields.map((f: { name: string; type: unknown }) => [f.name, f.type]));
    expect(fields).toEqual({
      aDate: { type: 'int', logicalType: 'date' },
      aTime: { type: 'int', logicalType: 'time-millis' },
      aTimestamp: { type: 'long', logicalType: 'timestamp-millis' },
      aLocalTimestamp: { type: 'long', logicalType: 'local-timestamp-millis' },
      pocketMoney: { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 },
      identifier: { type: 'string', logicalType: 'uuid' },
      anotherTimestamp: { type: 'long', logicalType: 'timestamp-micros' },
      allowance: { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 },
      byteArray: { type: 'bytes', logicalType: 'decimal', precision: 3000000000, scale: 0 },
    });
  });

  it('cycle.avdl: mutually recursive records', async () => {
    const { errors, json } = await compileJson(path.join(IDL_CORPUS, 'cycle.avdl'));
    expect(errors).toEqual([]);
    const norm = normalizeAvro(json) as { types: Record<string, unknown> };
    expect(Object.keys(norm.types).sort()).toEqual(['org.apache.avro.gen.test.Record1', 'org.apache.avro.gen.test.Record2', 'org.apache.avro.gen.test.Record3', 'org.apache.avro.gen.test.TestEnum', 'org.apache.avro.gen.test.TestFixed']);
  });
});
