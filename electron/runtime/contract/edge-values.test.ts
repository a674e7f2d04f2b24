import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileIdl, compileIdlText } from '../../../shared/idl/compile.js';
import { requestSchema, type Protocol, type Schema } from '../../../shared/avro/model.js';
import { validateValue } from '../../../shared/avro/validate-value.js';
import { nodeSourceReader } from '../fs-reader.js';
import { memoryReader } from '../../../test/support/memory-reader.js';
import { variants } from './edge-values.js';
import { requestCases } from './request-cases.js';

async function protocolOf(text: string): Promise<Protocol> {
  const result = await compileIdlText('/t/edge.avdl', text, { reader: memoryReader({}) });
  if (!result.protocol) throw new Error('does not compile');
  return result.protocol;
}

const EDGE = `@namespace("t") protocol Edge {
  enum Color { RED, GREEN, BLUE }
  fixed Id(4);
  record Node { string name; array<Node> children = []; union { null, Node } next = null; }
  record All {
    int i; long l; float f; double d; boolean b; string s; bytes raw; Color color; Id id;
    array<string> list; map<long> counts; union { null, string, Color } u; Node tree;
    @logicalType("uuid") string uuid; decimal(9, 2) money;
  }
  All echo(All all);
}`;

describe('edge values', () => {
  it('are all valid for their schema, the example value first, none twice', async () => {
    const protocol = await protocolOf(EDGE);
    const schema = requestSchema(protocol.messages[0]);
    const all = variants(schema);
    expect(all[0].path).toBe('');
    for (const v of all) expect(validateValue(schema, v.value), v.path).toEqual([]);
    const keys = all.map((v) => `${v.path} ${v.shown}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reach the boundaries of every type', async () => {
    const protocol = await protocolOf(EDGE);
    const shown = variants(requestSchema(protocol.messages[0])).map((v) => `${v.path} = ${v.shown}`);
    expect(shown).toEqual(expect.arrayContaining([
      'all.i = -2147483648', 'all.i = 2147483647',
      'all.l = -9223372036854775808n', 'all.l = 9223372036854775807n',
      'all.f = NaN', 'all.d = Infinity', 'all.d = -Infinity', 'all.d = -0',
      'all.raw = 256 bytes', 'all.color = "GREEN"', 'all.color = "BLUE"',
      'all.id = bytes ffffffff', 'all.money = bytes 80',
      'all.counts[""] = a map with the key ""', 'all.list[0] = ""',
      'all.u = null', 'all.u.string = "a"', 'all.u["t.Color"] = "RED"',
      'all.uuid = "ffffffff-ffff-ffff-ffff-ffffffffffff"',
    ]));
    // The empty and first values are the example's own, so they are not repeated.
    const example = variants(requestSchema(protocol.messages[0]))[0].value as { all: Record<string, unknown> };
    expect(example.all).toMatchObject({ s: '', raw: new Uint8Array(0), color: 'RED', list: [], counts: {}, u: { string: '' } });
    // A uuid is never an empty string, a decimal never empty bytes: those would be invalid requests.
    expect(shown).not.toContain('all.uuid = ""');
    expect(shown).not.toContain('all.money = empty bytes');
  });

  it('vary a recursive record without end, and fixed of all ones', async () => {
    const protocol = await protocolOf(EDGE);
    const all = variants(requestSchema(protocol.messages[0]));
    expect(all.some((v) => v.path.startsWith('all.tree.children[0]'))).toBe(true);
    const ids = all.filter((v) => v.path === 'all.id').map((v) => [...((v.value as { all: { id: Uint8Array } }).all.id)]);
    expect(ids).toContainEqual([0xff, 0xff, 0xff, 0xff]);
  });

  it('try the strings they are given wherever a string goes', async () => {
    const protocol = await protocolOf(EDGE);
    const shown = variants(requestSchema(protocol.messages[0]), '', { strings: ['spl/data/write'] }).map((v) => `${v.path} = ${v.shown}`);
    expect(shown).toContain('all.s = "spl/data/write"');
    expect(shown).toContain('all.u.string = "spl/data/write"');
  });

  it('give every SPL message valid requests, bounded in number', async () => {
    const dir = path.resolve(import.meta.dirname, '../../../definitions');
    for (const file of ['spl-execute.avdl', 'spl-data.avdl', 'spl-pipeline.avdl', 'spl-node.avdl', 'spl-container.avdl']) {
      const result = await compileIdl(path.join(dir, file), { reader: nodeSourceReader });
      for (const message of result.protocol!.messages) {
        const cases = requestCases(message, { maxCases: 150 });
        expect(cases.length).toBeGreaterThan(0);
        expect(cases.length).toBeLessThanOrEqual(150);
        expect(cases[0].label).toBe('the example request');
        const schema: Schema = requestSchema(message);
        for (const c of cases) expect(validateValue(schema, c.request), `${message.name}: ${c.label}`).toEqual([]);
      }
    }
  });
});
