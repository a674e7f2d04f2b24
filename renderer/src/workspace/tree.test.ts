import { describe, expect, it } from 'vitest';
import { ancestors, buildTree, visibleRows } from './tree.js';
import { fileKind, languageOf } from './file-kind.js';

describe('the workspace tree', () => {
  const entries = [
    { path: 'README.md', kind: 'file' as const },
    { path: 'definitions', kind: 'directory' as const },
    { path: 'definitions/v10.avdl', kind: 'file' as const },
    { path: 'definitions/v2.avdl', kind: 'file' as const },
    { path: 'definitions/old/a.avsc', kind: 'file' as const },
    { path: 'spl-workspace.json', kind: 'file' as const },
    { path: 'requests/hello.json', kind: 'file' as const },
  ];

  it('puts folders first, sorts names naturally, and makes implied folders', () => {
    const tree = buildTree(entries);
    expect(tree.map((n) => n.name)).toEqual(['definitions', 'requests', 'README.md', 'spl-workspace.json']);
    expect(tree[0].children.map((n) => n.name)).toEqual(['old', 'v2.avdl', 'v10.avdl']);
    expect(tree[1]).toMatchObject({ kind: 'directory', path: 'requests' });
  });

  it('shows the rows of expanded folders only, with depth and parent', () => {
    const tree = buildTree(entries);
    expect(visibleRows(tree, new Set()).map((r) => r.node.path)).toEqual(['definitions', 'requests', 'README.md', 'spl-workspace.json']);
    const rows = visibleRows(tree, new Set(['definitions', 'definitions/old']));
    expect(rows.map((r) => `${r.depth}:${r.node.path}`)).toEqual([
      '0:definitions', '1:definitions/old', '2:definitions/old/a.avsc', '1:definitions/v2.avdl', '1:definitions/v10.avdl',
      '0:requests', '0:README.md', '0:spl-workspace.json',
    ]);
    expect(rows[2].parent).toBe('definitions/old');
  });

  it('lists the folders above a path', () => {
    expect(ancestors('a/b/c.avdl')).toEqual(['a', 'a/b']);
    expect(ancestors('top.avdl')).toEqual([]);
  });

  it('knows contracts by extension', () => {
    expect(fileKind('x/Y.AVDL')).toBe('avdl');
    expect(languageOf('p.avpr')).toBe('json');
    expect(languageOf('notes.txt')).toBe('plaintext');
  });
});
