import { describe, expect, it } from 'vitest';
import type { NamedSchema, Schema } from '../avro/model.js';
import { readSchemaJson } from '../avro/schema-reader.js';
import { checkSchemaEvolution, checkSchemaSetEvolution } from './schema-evolution.js';

const s = (json: unknown): Schema => readSchemaJson(JSON.stringify(json), { file: 't.avsc' }).schema;
const list = (json: unknown[]): NamedSchema[] => readSchemaJson(JSON.stringify(json), { file: 't.avsc' }).list ?? [];
const rec = (name: string, fields: unknown[], extra: object = {}) => ({ type: 'record', name, fields, ...extra });

describe('checkSchemaEvolution', () => {
  const v1 = rec('shop.Order', [{ name: 'id', type: 'long' }]);
  const v2 = rec('shop.Order', [{ name: 'id', type: 'long' }, { name: 'note', type: 'string' }]);

  it('reports both directions', () => {
    expect(checkSchemaEvolution(s(v1), s(v2))).toEqual({
      kind: 'schema',
      mode: 'full',
      schemas: [
        {
          name: 'shop.Order',
          status: 'incompatible',
          backward: [{ path: 'Order.note', message: "new field 'note' (string) has no default, and the old record shop.Order has no field 'note'" }],
          forward: [],
        },
      ],
      compatible: false,
    });
  });

  it('counts only the chosen direction', () => {
    expect(checkSchemaEvolution(s(v1), s(v2), { mode: 'forward' }).compatible).toBe(true);
    expect(checkSchemaEvolution(s(v1), s(v2), { mode: 'backward' }).compatible).toBe(false);
    expect(checkSchemaEvolution(s(v2), s(v1), { mode: 'backward' }).compatible).toBe(true);
  });

  it('names a renamed type by both names', () => {
    const report = checkSchemaEvolution(s(v1), s(rec('shop.Purchase', [{ name: 'id', type: 'long' }], { aliases: ['Order'] })));
    expect(report.schemas[0].name).toBe('shop.Order → shop.Purchase');
    expect(report.schemas[0].backward).toEqual([]);
    expect(report.schemas[0].forward).toHaveLength(1);
  });

  it('handles unnamed schemas', () => {
    expect(checkSchemaEvolution(s({ type: 'array', items: 'int' }), s({ type: 'array', items: 'long' }))).toMatchObject({
      schemas: [{ name: 'array<int> → array<long>', backward: [], forward: [{ path: '[]', message: 'new type long cannot be read as old type int' }] }],
    });
  });
});

describe('checkSchemaSetEvolution', () => {
  const a = { type: 'enum', name: 'ns.A', symbols: ['X'] };
  const b = { type: 'fixed', name: 'ns.B', size: 4 };

  it('pairs types by full name and reports each', () => {
    const report = checkSchemaSetEvolution(list([a, b]), list([b, { ...a, symbols: ['X', 'Y'] }]));
    expect(report.schemas.map((e) => [e.name, e.status])).toEqual([['ns.A', 'incompatible'], ['ns.B', 'compatible']]);
    expect(report.schemas[0].forward[0].message).toContain('has the symbol Y');
  });

  it('reports removed and added types', () => {
    const report = checkSchemaSetEvolution(list([a, b]), list([a, { type: 'fixed', name: 'ns.C', size: 1 }]));
    expect(report.schemas).toEqual([
      { name: 'ns.A', status: 'compatible', backward: [], forward: [] },
      { name: 'ns.B', status: 'removed', backward: [{ path: '', message: 'fixed ns.B was removed: data written with it cannot be read with the new schemas' }], forward: [] },
      { name: 'ns.C', status: 'added', backward: [], forward: [{ path: '', message: 'fixed ns.C is new: data written with it cannot be read with the old schemas' }] },
    ]);
  });

  it('pairs by unqualified name, then by an alias of the new type', () => {
    const report = checkSchemaSetEvolution(list([a, b]), list([{ ...a, name: 'other.A' }, { ...b, name: 'ns.Bee', aliases: ['B'] }]));
    expect(report.schemas.map((e) => [e.name, e.status])).toEqual([['ns.A → other.A', 'compatible'], ['ns.B → ns.Bee', 'incompatible']]);
    // The new type reads the old by its alias; the old cannot read the new (it has no alias).
    expect(report.schemas[1].backward).toEqual([]);
    expect(report.schemas[1].forward).toHaveLength(1);
  });
});
