import { describe, expect, it } from 'vitest';
import { serializeCollection, type SavedRequest } from '../../../shared/studio/saved-requests.js';
import { createFixture } from '../composer/test-fixture.js';
import { createCollectionsStore } from './collections-store.js';

const REQUEST: SavedRequest = { name: 'big put', connectionId: 'local', nodeId: 'n1', protocol: 'shop.Shop', message: 'put', body: { thing: { id: 2n ** 60n } } };
const SMOKE = serializeCollection({ name: 'Smoke', requests: [REQUEST] });

function setup(files: Record<string, string> = {}) {
  const fixture = createFixture(files);
  const notices: string[] = [];
  const store = createCollectionsStore({ api: fixture.api, notify: (m) => notices.push(m) });
  return { ...fixture, store, notices };
}

describe('the collections store', () => {
  it('reads every requests/*.json, listing broken files with their error', async () => {
    const { store } = setup({ 'requests/smoke.json': SMOKE, 'requests/broken.json': '{"name": "B", "requests": [{"name": 1}]}', 'requests/notes.txt': 'x', 'other.json': '{}' });
    await store.getState().load();
    const files = store.getState().files;
    expect(files.map((f) => f.path)).toEqual(['requests/broken.json', 'requests/smoke.json']);
    expect(files[0].collection).toBeUndefined();
    expect(files[0].error).toMatch(/requests\[0\]/);
    expect(files[1].collection?.requests[0].body).toEqual({ thing: { id: 2n ** 60n } });
  });

  it('saves into a new collection, then into it again replacing the request of the same name', async () => {
    const { store, api } = setup();
    await store.getState().load();
    expect(await store.getState().save({ newCollection: 'Smoke tests' }, REQUEST)).toBe('requests/smoke-tests.json');
    expect((await api.workspace.read('requests/smoke-tests.json')).text).toContain('"id": 1152921504606846976');
    const other = { ...REQUEST, body: { thing: { id: 1 } } };
    expect(await store.getState().save({ path: 'requests/smoke-tests.json' }, other)).toBe('requests/smoke-tests.json');
    expect(await store.getState().save({ path: 'requests/smoke-tests.json' }, { ...REQUEST, name: 'second' })).toBe('requests/smoke-tests.json');
    const collection = store.getState().files[0].collection!;
    expect(collection.requests.map((r) => [r.name, r.body])).toEqual([['big put', { thing: { id: 1 } }], ['second', { thing: { id: 2n ** 60n } }]]);
  });

  it('tells the user, and reads again, when the file changed on disk since it was read', async () => {
    const { store, api, notices } = setup({ 'requests/smoke.json': SMOKE });
    await store.getState().load();
    // Written behind the store's back (the change event is what keeps it current otherwise).
    const version = store.getState().files[0].version;
    await api.workspace.write('requests/smoke.json', serializeCollection({ name: 'Smoke', requests: [] }), { expectedVersion: version });
    store.setState({ files: [{ ...store.getState().files[0], version }] });
    expect(await store.getState().rename('requests/smoke.json', 0, 'renamed')).toBe(false);
    expect(notices.at(-1)).toBe('Not saved: requests/smoke.json changed on disk since it was read. The collections have been read again: try once more.');
    expect(store.getState().files[0].collection?.requests).toEqual([]);
  });

  it('renames and deletes saved requests', async () => {
    const { store, api, notices } = setup({ 'requests/smoke.json': serializeCollection({ name: 'Smoke', requests: [REQUEST, { ...REQUEST, name: 'other' }] }) });
    await store.getState().load();
    expect(await store.getState().rename('requests/smoke.json', 0, 'other')).toBe(false);
    expect(notices.at(-1)).toBe('Smoke already has a request named "other".');
    expect(await store.getState().rename('requests/smoke.json', 0, ' first ')).toBe(true);
    expect(await store.getState().remove('requests/smoke.json', 1)).toBe(true);
    const text = (await api.workspace.read('requests/smoke.json')).text;
    expect(text).toBe(serializeCollection({ name: 'Smoke', requests: [{ ...REQUEST, name: 'first' }] }));
  });

  it('refuses to change a broken collection, saying how to fix it', async () => {
    const { store, notices } = setup({ 'requests/broken.json': 'not json' });
    await store.getState().load();
    expect(await store.getState().save({ path: 'requests/broken.json' }, REQUEST)).toBeNull();
    expect(notices.at(-1)).toMatch(/^requests\/broken\.json is not a valid collection \(.+\): fix it in the editor first\.$/);
  });

  it('follows collection files changing on disk', async () => {
    const { store, api } = setup();
    await store.getState().load();
    api.touch('requests/new.json', SMOKE);
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().files.map((f) => f.collection?.name)).toEqual(['Smoke']);
    api.remove('requests/new.json');
    expect(store.getState().files).toEqual([]);
  });
});
