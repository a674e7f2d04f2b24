import { describe, expect, it } from 'vitest';
import { createFakeStudio } from '../test/fake-studio.js';

const PATH = 'definitions/a.avdl';

async function opened(text = 'protocol A {}') {
  const fake = createFakeStudio({ [PATH]: text });
  await fake.studio.openFile(PATH);
  return { ...fake, docs: fake.studio.documents };
}

/** Lets the host's change events (delivered synchronously by the memory host) settle. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('documents: dirty state and saving', () => {
  it('is dirty after an edit, clean again after undoing it, and clean after saving', async () => {
    const { buffers, docs, api } = await opened();
    buffers.edit(PATH, 'protocol B {}');
    expect(docs.getState().docs[PATH].dirty).toBe(true);
    buffers.edit(PATH, 'protocol A {}');
    expect(docs.getState().docs[PATH].dirty).toBe(false);
    buffers.edit(PATH, 'protocol C {}');
    expect(await docs.getState().save(PATH)).toBe(true);
    expect(docs.getState().docs[PATH].dirty).toBe(false);
    expect((await api.workspace.read(PATH)).text).toBe('protocol C {}');
  });

  it('sends the version it started from, and its own write does not count as a change on disk', async () => {
    const { buffers, docs, api } = await opened();
    const before = docs.getState().docs[PATH].version;
    buffers.edit(PATH, 'protocol B {}');
    await docs.getState().save(PATH);
    await settle();
    const after = docs.getState().docs[PATH];
    expect(after.version).not.toBe(before);
    expect(after.version).toBe((await api.workspace.read(PATH)).version);
    expect(after.prompt).toBeUndefined();
  });

  it('refuses to overwrite a change made on disk meanwhile, and lets the user choose', async () => {
    const { buffers, docs, api } = await opened();
    buffers.edit(PATH, 'mine');
    // Someone else writes, and nothing tells the studio (no watcher here: as while disconnected).
    api.touch(PATH, 'theirs');

    expect(await docs.getState().save(PATH)).toBe(false);
    expect(docs.getState().docs[PATH].prompt).toEqual({ kind: 'conflict' });
    expect((await api.workspace.read(PATH)).text).toBe('theirs');

    await docs.getState().resolve(PATH, 'cancel');
    expect(docs.getState().docs[PATH]).toMatchObject({ dirty: true, prompt: undefined });
    expect(await docs.getState().save(PATH)).toBe(false);

    await docs.getState().resolve(PATH, 'overwrite');
    expect((await api.workspace.read(PATH)).text).toBe('mine');
    expect(docs.getState().docs[PATH]).toMatchObject({ dirty: false, prompt: undefined });
  });

  it('reloads theirs on request', async () => {
    const { buffers, docs, api } = await opened();
    buffers.edit(PATH, 'mine');
    docs.setState({ docs: { ...docs.getState().docs, [PATH]: { ...docs.getState().docs[PATH], version: 'stale' } } });
    expect(await docs.getState().save(PATH)).toBe(false);
    await docs.getState().resolve(PATH, 'reload');
    expect(buffers.get(PATH)).toBe((await api.workspace.read(PATH)).text);
    expect(docs.getState().docs[PATH]).toMatchObject({ dirty: false, prompt: undefined });
  });
});

describe('documents: changes on disk', () => {
  it('reloads a clean file silently', async () => {
    const { buffers, docs, api, studio } = await opened();
    api.on('workspace.change', (change) => void studio.documents.getState().diskChanged(change));
    api.touch(PATH, 'protocol Changed {}');
    await settle();
    expect(buffers.get(PATH)).toBe('protocol Changed {}');
    expect(docs.getState().docs[PATH]).toMatchObject({ dirty: false, prompt: undefined });
  });

  it('asks before replacing unsaved edits; keep mine then saves over theirs', async () => {
    const { buffers, docs, api, studio } = await opened();
    api.on('workspace.change', (change) => void studio.documents.getState().diskChanged(change));
    buffers.edit(PATH, 'mine');
    api.touch(PATH, 'theirs');
    await settle();
    expect(buffers.get(PATH)).toBe('mine');
    expect(docs.getState().docs[PATH].prompt).toMatchObject({ kind: 'changed' });
    await docs.getState().resolve(PATH, 'keep');
    expect(await docs.getState().save(PATH)).toBe(true);
    expect((await api.workspace.read(PATH)).text).toBe('mine');
  });

  it('reload takes theirs', async () => {
    const { buffers, docs, api, studio } = await opened();
    api.on('workspace.change', (change) => void studio.documents.getState().diskChanged(change));
    buffers.edit(PATH, 'mine');
    api.touch(PATH, 'theirs');
    await settle();
    await docs.getState().resolve(PATH, 'reload');
    expect(buffers.get(PATH)).toBe('theirs');
    expect(docs.getState().docs[PATH].dirty).toBe(false);
  });

  it('forgets a deleted file nobody shows, and asks about an open one', async () => {
    const fake = createFakeStudio({ [PATH]: 'a', 'definitions/b.avdl': 'b' });
    const { studio, api } = fake;
    api.on('workspace.change', (change) => void studio.documents.getState().diskChanged(change));
    await studio.openFile(PATH);
    await studio.documents.getState().load('definitions/b.avdl');
    api.remove('definitions/b.avdl');
    api.remove(PATH);
    await settle();
    expect(studio.documents.getState().docs['definitions/b.avdl']).toBeUndefined();
    expect(studio.documents.getState().docs[PATH].prompt).toEqual({ kind: 'deleted' });
    // Keeping it and saving recreates the file.
    await studio.documents.getState().resolve(PATH, 'keep');
    expect(await studio.documents.getState().save(PATH)).toBe(true);
    expect((await api.workspace.read(PATH)).text).toBe('a');
  });
});

describe('closing a tab with unsaved changes', () => {
  it('asks, and saves, discards or cancels as answered', async () => {
    const { studio, buffers, api } = await opened('one');
    buffers.edit(PATH, 'two');
    let closing = studio.closeTab(PATH);
    expect(studio.dialog.getState().dialog?.title).toBe('Save changes to a.avdl?');
    studio.dialog.getState().answer('cancel');
    expect(await closing).toBe(false);
    expect(studio.tabs.getState().tabs).toEqual([PATH]);

    closing = studio.closeTab(PATH);
    studio.dialog.getState().answer('discard');
    expect(await closing).toBe(true);
    expect(buffers.get(PATH)).toBe('one');
    expect(studio.documents.getState().docs[PATH].dirty).toBe(false);

    await studio.openFile(PATH);
    buffers.edit(PATH, 'three');
    closing = studio.closeTab(PATH);
    studio.dialog.getState().answer('save');
    expect(await closing).toBe(true);
    expect((await api.workspace.read(PATH)).text).toBe('three');
  });
});
