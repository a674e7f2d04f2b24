/**
 * Every Avro JSON file of the shared conformance corpus (Apache Avro's own test files) must
 * read without error or warning. Skipped when the corpus is not checked out beside this repo.
 */
// Tests run in Node only; the corpus is on disk.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NamedSchema, RecordSchema } from './model.js';
import { readProtocolJson, readSchemaJson, type SchemaReadProblem } from './schema-reader.js';

const corpus = new URL('../../../shared/conformance/avro/', import.meta.url).pathname;
const dirs = ['rpc', 'idl/input', 'idl/output', 'idl/putOnClassPath'].map((d) => `${corpus}${d}`);

function files(ext: string): string[] {
  return dirs.filter(existsSync).flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith(ext)).map((f) => `${dir}/${f}`));
}

describe.skipIf(!existsSync(corpus))(`the conformance corpus (${corpus}; skipped when absent)`, () => {
  it.each(files('.avpr').map((f) => [f.slice(corpus.length), f]))('reads protocol %s', (_name, file) => {
    const warnings: SchemaReadProblem[] = [];
    const protocol = readProtocolJson(readFileSync(file, 'utf8'), { file, onWarning: (w) => warnings.push(w) });
    expect(protocol.protocol).not.toBe('');
    expect(warnings.map((w) => w.message)).toEqual([]);
  });

  it.each(files('.avsc').map((f) => [f.slice(corpus.length), f]))('reads schema %s', (_name, file) => {
    // player.avsc refers to Position from position.avsc, as the IDL import test reads them together.
    const names = new Map<string, NamedSchema>();
    readSchemaJson(readFileSync(`${corpus}idl/input/position.avsc`, 'utf8'), { file: 'position.avsc', names });
    const warnings: SchemaReadProblem[] = [];
    readSchemaJson(readFileSync(file, 'utf8'), { file, names, onWarning: (w) => warnings.push(w) });
    expect(warnings.map((w) => w.message)).toEqual([]);
  });

  it('reads simple.avpr as Java does', () => {
    const protocol = readProtocolJson(readFileSync(`${corpus}rpc/simple.avpr`, 'utf8'), { file: 'simple.avpr' });
    expect(protocol.namespace).toBe('org.apache.avro.test');
    expect(protocol.props).toEqual({ version: '1.6.2', javaAnnotation: ['javax.annotation.Generated("avro")', 'org.apache.avro.TestAnnotation'] });
    expect(protocol.types.map((t) => t.name)).toEqual(['Kind', 'MD5', 'TestRecord', 'TestError', 'TestRecordWithUnion']);
    expect(protocol.messages.map((m) => m.name)).toEqual(['hello', 'echo', 'add', 'echoBytes', 'error', 'ack']);
    const record = protocol.types[2] as RecordSchema;
    expect(record.fields.map((f) => [f.name, f.order])).toEqual([['name', 'ignore'], ['kind', 'descending'], ['hash', 'ascending']]);
    expect(record.fields[1].type).toBe(protocol.types[0]);
    const ack = protocol.messages[5];
    expect(ack).toMatchObject({ oneWay: true, props: { javaAnnotation: 'org.apache.avro.TestAnnotation' } });
    expect(protocol.messages[4].errors).toEqual([protocol.types[3]]);
  });

  it('reads the IDL output of simple.avdl with its non-finite and logical-type defaults', () => {
    const protocol = readProtocolJson(readFileSync(`${corpus}idl/output/simple.avpr`, 'utf8'), { file: 'simple.avpr' });
    const record = protocol.types.find((t) => t.name === 'TestRecord') as RecordSchema;
    expect(record.fields.find((f) => f.name === 'value')?.default).toBe('NaN');
    expect(record.fields.find((f) => f.name === 'average')?.default).toBe('-Infinity');
    expect(record.props).toEqual({ 'my-property': { key: 3 } });
  });

  it('reads unicode names', () => {
    const protocol = readProtocolJson(readFileSync(`${corpus}idl/output/unicode.avpr`, 'utf8'), { file: 'unicode.avpr' });
    expect(protocol.protocol).toBe('Протоколы');
    expect((protocol.types[0] as RecordSchema).fields.map((f) => f.name)).toEqual(['Строковый', '文字列']);
  });
});
