/**
 * Our verdicts against avsc 5.7.9's resolver (the engine the runtime uses) on pairs where avsc
 * follows the specification. `reader.createResolver(writer)` throws when avsc cannot read data
 * written with `writer` as `reader`. Names are compared unqualified, as Java 1.12 does, so
 * avsc runs with `ignoreNamespaces`.
 */
import avsc from 'avsc';
import { describe, expect, it } from 'vitest';
import { readSchemaJson } from '../avro/schema-reader.js';
import { checkSchemaCompatibility } from './schema-compatibility.js';

type Json = unknown;
const rec = (name: string, fields: Json[], extra: object = {}) => ({ type: 'record', name, fields, ...extra });
const list = (extra: Json[]) => rec('List', [{ name: 'value', type: 'int' }, { name: 'next', type: ['null', 'List'], default: null }, ...extra]);

/** [what, reader, writer, compatible] */
const table: [string, Json, Json, boolean][] = [
  ['int as int', 'int', 'int', true],
  ['int as long', 'long', 'int', true],
  ['int as float', 'float', 'int', true],
  ['int as double', 'double', 'int', true],
  ['long as float', 'float', 'long', true],
  ['long as double', 'double', 'long', true],
  ['float as double', 'double', 'float', true],
  ['string as bytes', 'bytes', 'string', true],
  ['bytes as string', 'string', 'bytes', true],
  ['long as int', 'int', 'long', false],
  ['double as float', 'float', 'double', false],
  ['int as boolean', 'boolean', 'int', false],
  ['string as int', 'int', 'string', false],
  ['null as string', 'string', 'null', false],
  ['array<int> as array<long>', { type: 'array', items: 'long' }, { type: 'array', items: 'int' }, true],
  ['array<long> as array<int>', { type: 'array', items: 'int' }, { type: 'array', items: 'long' }, false],
  ['map<int> as map<string>', { type: 'map', values: 'string' }, { type: 'map', values: 'int' }, false],
  ['map as array', { type: 'array', items: 'int' }, { type: 'map', values: 'int' }, false],
  ['record, same', rec('R', [{ name: 'a', type: 'int' }]), rec('R', [{ name: 'a', type: 'int' }]), true],
  ['record, reader adds a field with default', rec('R', [{ name: 'a', type: 'int' }, { name: 'b', type: 'string', default: 'x' }]), rec('R', [{ name: 'a', type: 'int' }]), true],
  ['record, reader adds a field without default', rec('R', [{ name: 'a', type: 'int' }, { name: 'b', type: 'string' }]), rec('R', [{ name: 'a', type: 'int' }]), false],
  ['record, reader drops a field', rec('R', [{ name: 'a', type: 'int' }]), rec('R', [{ name: 'a', type: 'int' }, { name: 'b', type: 'string' }]), true],
  ['record, field promoted', rec('R', [{ name: 'a', type: 'double' }]), rec('R', [{ name: 'a', type: 'int' }]), true],
  ['record, field narrowed', rec('R', [{ name: 'a', type: 'int' }]), rec('R', [{ name: 'a', type: 'double' }]), false],
  ['record, field renamed with alias', rec('R', [{ name: 'b', type: 'int', aliases: ['a'] }]), rec('R', [{ name: 'a', type: 'int' }]), true],
  ['record, field renamed without alias', rec('R', [{ name: 'b', type: 'int' }]), rec('R', [{ name: 'a', type: 'int' }]), false],
  ['record, ambiguous field alias', rec('R', [{ name: 'a', type: 'int' }, { name: 'b', type: 'int', aliases: ['a'] }]), rec('R', [{ name: 'a', type: 'int' }, { name: 'b', type: 'int' }]), false],
  ['record renamed with alias', rec('S', [], { aliases: ['R'] }), rec('R', []), true],
  ['record renamed without alias', rec('S', []), rec('R', []), false],
  ['record in another namespace', rec('a.R', [{ name: 'x', type: 'int' }]), rec('b.R', [{ name: 'x', type: 'int' }]), true],
  ['error as record', { type: 'error', name: 'E', fields: [] }, rec('E', []), true],
  ['record as enum', { type: 'enum', name: 'R', symbols: ['A'] }, rec('R', []), false],
  ['enum, same symbols', { type: 'enum', name: 'E', symbols: ['A', 'B'] }, { type: 'enum', name: 'E', symbols: ['A', 'B'] }, true],
  ['enum, reader has more symbols', { type: 'enum', name: 'E', symbols: ['A', 'B', 'C'] }, { type: 'enum', name: 'E', symbols: ['B', 'A'] }, true],
  ['enum, writer has more symbols', { type: 'enum', name: 'E', symbols: ['A'] }, { type: 'enum', name: 'E', symbols: ['A', 'B'] }, false],
  ['enum, writer has more symbols, reader default', { type: 'enum', name: 'E', symbols: ['A', 'U'], default: 'U' }, { type: 'enum', name: 'E', symbols: ['A', 'B'] }, true],
  ['enum renamed', { type: 'enum', name: 'F', symbols: ['A'] }, { type: 'enum', name: 'E', symbols: ['A'] }, false],
  ['fixed, same', { type: 'fixed', name: 'F', size: 4 }, { type: 'fixed', name: 'F', size: 4 }, true],
  ['fixed, other size', { type: 'fixed', name: 'F', size: 4 }, { type: 'fixed', name: 'F', size: 8 }, false],
  ['fixed, other name', { type: 'fixed', name: 'G', size: 4 }, { type: 'fixed', name: 'F', size: 4 }, false],
  ['fixed as bytes', 'bytes', { type: 'fixed', name: 'F', size: 4 }, false],
  ['union writer, plain reader', 'string', ['null', 'string'], false],
  ['union writer, promotable branches', 'double', ['int', 'float'], true],
  ['plain writer, union reader with it', ['null', 'string'], 'string', true],
  ['plain writer, union reader promotes it', ['null', 'long'], 'int', true],
  ['plain writer, union reader lacks it', ['null', 'string'], 'int', false],
  ['union, reader superset', ['null', 'string', 'long'], ['null', 'int'], true],
  ['union, writer has an extra branch', ['null', 'string'], ['null', 'string', 'int'], false],
  ['union of records by name', [rec('A', [{ name: 'x', type: 'int' }]), rec('B', [{ name: 'y', type: 'int' }])], rec('B', [{ name: 'y', type: 'int' }]), true],
  ['union of records, member evolved', ['null', rec('A', [{ name: 'x', type: 'int' }, { name: 'z', type: 'int' }])], ['null', rec('A', [{ name: 'x', type: 'int' }])], false],
  ['recursive, compatible evolution', list([{ name: 'label', type: 'string', default: '' }]), list([]), true],
  ['recursive, field without default', list([{ name: 'label', type: 'string' }]), list([]), false],
  ['recursive, promoted field', list([{ name: 'w', type: 'double' }]), list([{ name: 'w', type: 'float' }]), true],
];

describe('verdicts agree with avsc 5.7.9', () => {
  it.each(table)('%s', (_what, reader, writer, compatible) => {
    const ours = checkSchemaCompatibility(read(reader), read(writer));
    let avscError: string | undefined;
    try {
      avsc.Type.forSchema(reader as avsc.Schema).createResolver(avsc.Type.forSchema(writer as avsc.Schema), { ignoreNamespaces: true });
    } catch (error) {
      avscError = (error as Error).message;
    }
    expect(avscError === undefined, `avsc: ${avscError ?? 'compatible'}`).toBe(compatible);
    expect(ours.length === 0, JSON.stringify(ours)).toBe(compatible);
  });
});

function read(json: Json) {
  return readSchemaJson(JSON.stringify(json), { file: 'table.avsc' }).schema;
}
