import { describe, expect, it } from 'vitest';
import { paletteGroups } from './palette-model.js';
import { COUNT_WORDS, ECHO, JOIN_WORDS, MODULES, SPLIT_WORDS, SUMMARIZE, UPPERCASE } from './test-modules.js';
import { checkWire, shortSchemaName, type TargetModules } from './wire-checks.js';

const ready: TargetModules = { status: 'ready', modules: MODULES, node: 'n1' };

describe('wire checks', () => {
  it('passes wires whose schemas resolve (same type, or a reader alias)', () => {
    expect(checkWire(UPPERCASE.module, SPLIT_WORDS.module, ready)).toMatchObject({ state: 'ok', writer: 'tools.text.Text', reader: 'tools.text.Text' });
    expect(checkWire(SPLIT_WORDS.module, COUNT_WORDS.module, ready)).toMatchObject({ state: 'ok', note: 'WordList reads Words: the schemas resolve.' });
  });

  it('gives the reasons of a mismatch by field path', () => {
    const check = checkWire(SPLIT_WORDS.module, JOIN_WORDS.module, ready);
    expect(check.state).toBe('mismatch');
    expect(check.note).toBe('Words cannot read Words:');
    expect(check.state === 'mismatch' && check.reasons).toEqual([expect.stringMatching(/^Words\.words: /)]);

    const other = checkWire(SPLIT_WORDS.module, SUMMARIZE.module, ready);
    expect(other).toMatchObject({ state: 'mismatch', writer: 'tools.text.Words', reader: 'apps.analytics.WordCounts' });
    expect(other.state === 'mismatch' && other.reasons.length).toBeGreaterThan(0);
  });

  it('calls a wire with an untyped end untyped', () => {
    expect(checkWire(ECHO.module, UPPERCASE.module, ready)).toEqual({ state: 'untyped', note: 'Untyped: echo writes untyped output, so there is nothing to check.' });
    expect(checkWire(UPPERCASE.module, ECHO.module, ready)).toEqual({ state: 'untyped', note: 'Untyped: echo takes untyped input, so there is nothing to check.' });
  });

  it('is checking while the node describes its modules, and says why it cannot check otherwise', () => {
    expect(checkWire(UPPERCASE.module, SPLIT_WORDS.module, { status: 'loading' }).state).toBe('checking');
    expect(checkWire(UPPERCASE.module, SPLIT_WORDS.module, { status: 'no-target' })).toMatchObject({ state: 'unknown', note: expect.stringMatching(/pick a node/) });
    expect(checkWire(UPPERCASE.module, 'x/missing', ready)).toMatchObject({ state: 'unknown', note: expect.stringMatching(/n1 has no module x\/missing/) });
    expect(checkWire(UPPERCASE.module, SPLIT_WORDS.module, { status: 'error', error: 'n1 did not answer' })).toMatchObject({ state: 'unknown', note: 'Not checked: n1 did not answer' });
    const unreadable: TargetModules = { status: 'ready', node: 'n1', modules: [UPPERCASE, { ...SPLIT_WORDS, inputSchemaText: '{"type": "record"}' }] };
    expect(checkWire(UPPERCASE.module, SPLIT_WORDS.module, unreadable)).toMatchObject({ state: 'unknown', note: expect.stringMatching(/cannot be read/) });
  });

  it('shortens schema names for the canvas', () => {
    expect(shortSchemaName('tools.text.Words')).toBe('Words');
    expect(shortSchemaName(null)).toBe('untyped');
  });
});

describe('the module palette', () => {
  it('groups the modules of every node by namespace, once each, listing the nodes that have them', () => {
    const groups = paletteGroups([
      { node: 'local/n1', modules: [SPLIT_WORDS, SUMMARIZE, UPPERCASE] },
      { node: 'local/n2', modules: [UPPERCASE, COUNT_WORDS, ECHO] },
    ]);
    expect(groups.map((g) => [g.namespace, g.items.map((i) => i.module.module)])).toEqual([
      ['(top level)', ['echo']],
      ['apps/analytics', ['apps/analytics/count-words', 'apps/analytics/summarize']],
      ['tools/text', ['tools/text/split-words', 'tools/text/uppercase']],
    ]);
    expect(groups[2].items[1].nodes).toEqual(['local/n1', 'local/n2']);
  });

  it('finds modules by every word, in their path, description or schemas', () => {
    const sources = [{ node: 'local/n1', modules: MODULES }];
    const found = (query: string) => paletteGroups(sources, query).flatMap((g) => g.items.map((i) => i.module.module));
    expect(found('analytics')).toEqual(['apps/analytics/count-words', 'apps/analytics/summarize']);
    expect(found('WORDS split')).toEqual(['tools/text/split-words']);
    expect(found('wordcounts')).toEqual(['apps/analytics/count-words', 'apps/analytics/summarize']);
    expect(found('unchanged')).toEqual(['echo']);
    expect(found('nothing like it')).toEqual([]);
  });
});
