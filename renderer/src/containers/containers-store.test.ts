import { describe, expect, it } from 'vitest';
import type { ContainerSummary, StudioApi } from '../../../shared/studio/api.js';
import { createContainersStore, stopKey } from './containers-store.js';
import { ML, NEW_ID, WEB, summary } from './test-containers.js';

type Containers = StudioApi['containers'];

/** An engine whose answers the test releases one by one. */
function manualEngine() {
  const pending: { method: string; args: unknown[]; resolve(value: unknown): void; reject(error: unknown): void }[] = [];
  const call = (method: string) => (...args: unknown[]) => new Promise((resolve, reject) => pending.push({ method, args, resolve, reject }));
  const api = { containers: { list: call('list'), start: call('start'), stop: call('stop') } as unknown as Containers };
  const next = (method: string) => {
    const at = pending.findIndex((p) => p.method === method);
    if (at < 0) throw new Error(`no ${method} pending`);
    return pending.splice(at, 1)[0]!;
  };
  return { api, next };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the containers store', () => {
  it('drops a listing that was in flight when a stop changed the list', async () => {
    const { api, next } = manualEngine();
    const store = createContainersStore(api);
    const first = store.getState().list('local', 'h1');
    next('list').resolve([ML, WEB]);
    await first;

    const relisting = store.getState().list('local', 'h1', true);
    expect(store.getState().lists['local/h1']).toEqual({ status: 'loading', value: [ML, WEB] });
    const stopping = store.getState().stop('local', 'h1', WEB.containerId);
    expect(store.getState().stopping).toEqual({ [stopKey('local', 'h1', WEB.containerId)]: true });
    // A second Stop of the same container while the first runs does nothing.
    expect(await store.getState().stop('local', 'h1', WEB.containerId)).toBe(false);
    next('stop').resolve(undefined);
    expect(await stopping).toBe(true);
    expect(store.getState().lists['local/h1']).toEqual({ status: 'ready', value: [ML] });

    // The older listing still holds WEB: it must not bring it back.
    next('list').resolve([ML, WEB]);
    await relisting;
    expect(store.getState().lists['local/h1']).toEqual({ status: 'ready', value: [ML] });
    expect(store.getState().stopping).toEqual({});
  });

  it('adds a started container once, and records why a stop failed', async () => {
    const { api, next } = manualEngine();
    const store = createContainersStore(api);
    const listing = store.getState().list('local', 'h1');
    next('list').resolve([ML]);
    await listing;

    const started: ContainerSummary = summary(NEW_ID, 'localhost/spl-node:0.1.0');
    const starting = store.getState().start('local', 'h1', 'localhost/spl-node:0.1.0', { name: 'x' });
    await tick();
    next('start').resolve(started);
    expect(await starting).toBe(started);
    expect(store.getState().lists['local/h1']!.value).toEqual([ML, started]);

    const stopping = store.getState().stop('local', 'h1', ML.containerId);
    next('stop').reject(new Error('CONTAINER_FAILED: the engine answered 500: device busy'));
    expect(await stopping).toBe(false);
    expect(store.getState().stopErrors).toEqual({ [stopKey('local', 'h1', ML.containerId)]: 'CONTAINER_FAILED: the engine answered 500: device busy' });
    expect(store.getState().lists['local/h1']!.value).toEqual([ML, started]);
  });

  it('keeps a failed listing\'s message for the view', async () => {
    const { api, next } = manualEngine();
    const store = createContainersStore(api);
    const listing = store.getState().list('local', 'h1');
    next('list').reject(new Error('node h1 has no container engine'));
    await listing;
    expect(store.getState().lists['local/h1']).toEqual({ status: 'error', error: 'node h1 has no container engine' });
  });
});
