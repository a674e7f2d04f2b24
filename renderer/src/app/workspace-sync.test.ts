import { describe, expect, it } from 'vitest';
import { createFakeStudio, memoryStorage } from '../test/fake-studio.js';
import { workspaceTitle } from '../workspace/workspace-settings.js';
import { loadWorkspace, persistSession, watchWorkspace } from './workspace-sync.js';

const FILES = {
  'definitions/a.avdl': 'protocol A {}',
  'definitions/b.avsc': '"string"',
  'README.md': '# notes',
  'spl-workspace.json': '{ "name": "Sample", "connections": [] }',
};

const settle = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('loading the workspace', () => {
  it('lists the tree, takes the name from spl-workspace.json and loads every contract up front', async () => {
    const { studio, buffers } = createFakeStudio(FILES);
    await loadWorkspace(studio, memoryStorage());
    await settle();
    expect(studio.workspace.getState().files()).toHaveLength(4);
    expect(studio.workspace.getState().title).toBe('Sample');
    expect([...buffers.texts.keys()].sort()).toEqual(['definitions/a.avdl', 'definitions/b.avsc']);
  });

  it('brings back the tabs of the last session that still exist', async () => {
    const storage = memoryStorage();
    const first = createFakeStudio(FILES);
    await loadWorkspace(first.studio, storage);
    persistSession(first.studio, storage);
    await first.studio.openFile('README.md');
    await first.studio.openFile('definitions/a.avdl');
    first.studio.tabs.getState().activate('README.md');

    const second = createFakeStudio(FILES);
    await loadWorkspace(second.studio, storage);
    expect(second.studio.tabs.getState()).toMatchObject({ tabs: ['README.md', 'definitions/a.avdl'], active: 'README.md' });
  });
});

describe('watching the workspace', () => {
  it('reloads clean files, lists new ones and loads new contracts', async () => {
    const { studio, api, buffers } = createFakeStudio(FILES);
    await loadWorkspace(studio, memoryStorage());
    const stop = watchWorkspace(studio);
    api.touch('definitions/a.avdl', 'protocol Changed {}');
    api.touch('definitions/new.avdl', 'protocol New {}');
    api.touch('spl-workspace.json', '{ "name": "Renamed" }');
    await settle(150);
    expect(buffers.get('definitions/a.avdl')).toBe('protocol Changed {}');
    expect(buffers.get('definitions/new.avdl')).toBe('protocol New {}');
    expect(studio.workspace.getState().files()).toContain('definitions/new.avdl');
    expect(studio.workspace.getState().title).toBe('Renamed');
    stop();
  });
});

describe('workspace settings', () => {
  it('takes a usable name only', () => {
    expect(workspaceTitle('{"name": " SPL "}')).toBe('SPL');
    expect(workspaceTitle('{"name": ""}')).toBeNull();
    expect(workspaceTitle('{"name": 3}')).toBeNull();
    expect(workspaceTitle('not json')).toBeNull();
    expect(workspaceTitle('null')).toBeNull();
  });
});
