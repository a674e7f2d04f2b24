import { describe, expect, it } from 'vitest';
import { createWorkspaceStore } from './workspace-store.js';

const info = { name: 'ws', root: '/tmp/ws' };

describe('the workspace store', () => {
  it('opens with top-level folders expanded', () => {
    const ws = createWorkspaceStore();
    ws.getState().setWorkspace(info, [
      { path: 'definitions', kind: 'directory' },
      { path: 'definitions/a.avdl', kind: 'file' },
      { path: 'definitions/nested', kind: 'directory' },
      { path: 'definitions/nested/b.avdl', kind: 'file' },
    ]);
    expect([...ws.getState().expanded]).toEqual(['definitions']);
    expect(ws.getState().files()).toEqual(['definitions/a.avdl', 'definitions/nested/b.avdl']);
  });

  it('reveals a file by expanding the folders above it', () => {
    const ws = createWorkspaceStore();
    ws.getState().setWorkspace(info, [{ path: 'a/b/c.avdl', kind: 'file' }]);
    ws.getState().collapse('a');
    ws.getState().reveal('a/b/c.avdl');
    expect(ws.getState().expanded).toEqual(new Set(['a', 'a/b']));
    expect(ws.getState().selected).toBe('a/b/c.avdl');
  });

  it('keeps expansion and selection across a relisting, dropping what is gone', () => {
    const ws = createWorkspaceStore();
    ws.getState().setWorkspace(info, [{ path: 'a', kind: 'directory' }, { path: 'a/x.avdl', kind: 'file' }, { path: 'b/y.avdl', kind: 'file' }]);
    ws.getState().expand('b');
    ws.getState().select('b/y.avdl');
    ws.getState().setEntries([{ path: 'a', kind: 'directory' }, { path: 'a/x.avdl', kind: 'file' }]);
    expect(ws.getState().expanded).toEqual(new Set(['a']));
    expect(ws.getState().selected).toBeNull();
  });
});
