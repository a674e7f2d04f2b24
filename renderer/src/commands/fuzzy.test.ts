import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyMatch } from './fuzzy.js';

describe('fuzzyMatch', () => {
  it('matches characters in order, case-insensitively, and reports where', () => {
    expect(fuzzyMatch('sav', 'File: Save')?.indices).toEqual([6, 7, 8]);
    expect(fuzzyMatch('FS', 'File: Save')?.indices).toEqual([0, 6]);
    expect(fuzzyMatch('xyz', 'File: Save')).toBeNull();
    expect(fuzzyMatch('evas', 'File: Save')).toBeNull();
  });

  it('prefers word starts to earlier letters inside words', () => {
    // "d" of "Definition", not the "d" inside "Editor".
    expect(fuzzyMatch('gtd', 'Editor: Go to Definition')?.indices).toEqual([8, 11, 14]);
  });

  it('treats an empty query as matching everything', () => {
    expect(fuzzyMatch('  ', 'anything')).toEqual({ score: 0, indices: [] });
  });
});

describe('fuzzyFilter', () => {
  const commands = ['Toggle Diagnostics Panel', 'Go to Definition', 'File: Save All', 'File: Save', 'Format Document'];

  it('ranks initials and whole words first', () => {
    expect(fuzzyFilter(commands, 'gtd', (c) => c)[0].item).toBe('Go to Definition');
    expect(fuzzyFilter(commands, 'save', (c) => c).map((r) => r.item)).toEqual(['File: Save', 'File: Save All']);
    expect(fuzzyFilter(commands, 'fmt', (c) => c)[0].item).toBe('Format Document');
  });

  it('keeps the original order without a query', () => {
    expect(fuzzyFilter(commands, '', (c) => c).map((r) => r.item)).toEqual(commands);
  });

  it('matches file paths by their names', () => {
    const files = ['definitions/spl-common.avdl', 'definitions/spl-data.avdl', 'README.md', 'spl-workspace.json'];
    expect(fuzzyFilter(files, 'data', (f) => f)[0].item).toBe('definitions/spl-data.avdl');
    expect(fuzzyFilter(files, 'sca', (f) => f).map((r) => r.item)).toContain('definitions/spl-common.avdl');
  });
});
