import { describe, expect, it, vi } from 'vitest';
import { StudioError } from '../../../shared/studio/api.js';
import { CONNECTIONS, description, node, ORDERS_DESCRIPTION, ORDERS_MD5_V2, testNetwork } from '../explorer/test-network.js';
import { createConnectionsStore, nodeKey } from './connections-store.js';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the connections store', () => {
  it('loads the connections and every node, grouped by connection', async () => {
    const { api } = testNetwork();
    const store = createConnectionsStore(api);
    expect(store.getState().loaded).toBe(false);
    await store.getState().load();
    const state = store.getState();
    expect(state.loaded).toBe(true);
    expect(state.connections.map((c) => c.id)).toEqual(['local', 'prod']);
    expect(state.nodes.local!.map((n) => n.nodeId)).toEqual(['n1']);
    expect(state.nodes.prod!.map((n) => n.nodeId)).toEqual(['n2']);
  });

  it('says why loading failed', async () => {
    const { api } = testNetwork();
    api.connections.list = () => Promise.reject(new StudioError('io', 'the host is gone'));
    const store = createConnectionsStore(api);
    await store.getState().load();
    expect(store.getState().loadError).toBe('Could not list the connections: the host is gone');
  });

  it('follows connection and cluster events, subscribing once however often it loads', async () => {
    const { api } = testNetwork();
    const on = vi.spyOn(api, 'on');
    const store = createConnectionsStore(api);
    await store.getState().load();
    await store.getState().load();
    expect(on).toHaveBeenCalledTimes(2);

    api.setNodes('local', [node('local', 'n1'), node('local', 'n3')]);
    expect(store.getState().nodes.local!.map((n) => n.nodeId)).toEqual(['n1', 'n3']);
    api.setConnections([CONNECTIONS[0]!]);
    expect(store.getState().connections.map((c) => c.id)).toEqual(['local']);
    expect(store.getState().nodes.prod).toBeUndefined();
  });

  it('describes a node once and serves the cached description after', async () => {
    const { api } = testNetwork();
    const spy = vi.spyOn(api.describe, 'node');
    const store = createConnectionsStore(api);
    await store.getState().load();
    const first = store.getState().describe('local', 'n1');
    expect(store.getState().descriptions[nodeKey('local', 'n1')]?.status).toBe('loading');
    // A second ask while the first is in flight shares it.
    const second = store.getState().describe('local', 'n1');
    expect(await first).toEqual(description('local', 'n1'));
    expect(await second).toEqual(description('local', 'n1'));
    await store.getState().describe('local', 'n1');
    expect(spy).toHaveBeenCalledTimes(1);
    expect(store.getState().descriptions['local/n1']).toMatchObject({ status: 'ready', value: { nodeId: 'n1' } });

    await store.getState().describe('local', 'n1', true);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('keeps the error of a description that failed', async () => {
    const { api } = testNetwork();
    const store = createConnectionsStore(api);
    await store.getState().load();
    expect(await store.getState().describe('local', 'nope')).toBeUndefined();
    expect(store.getState().descriptions['local/nope']).toEqual({ status: 'error', error: 'no node nope on connection local' });
  });

  it('describes a node again when its protocols change, not on heartbeats', async () => {
    const { api, network } = testNetwork();
    const spy = vi.spyOn(api.describe, 'node');
    const store = createConnectionsStore(api);
    await store.getState().load();
    await store.getState().describe('local', 'n1');

    api.setNodes('local', [node('local', 'n1', { lastHeartbeat: Date.now() + 1000 })]);
    await settle();
    expect(spy).toHaveBeenCalledTimes(1);

    const v2 = { ...ORDERS_DESCRIPTION, md5: ORDERS_MD5_V2 };
    network.descriptions![0] = description('local', 'n1', [v2]);
    api.setNodes('local', [node('local', 'n1', { protocols: [{ name: 'shop.OrderService', md5: ORDERS_MD5_V2 }] })]);
    await settle();
    expect(spy).toHaveBeenCalledTimes(2);
    expect(store.getState().descriptions['local/n1']).toMatchObject({ status: 'ready', value: { protocols: [{ md5: ORDERS_MD5_V2 }] } });
  });

  it('keeps the old description visible while refreshing', async () => {
    const { api } = testNetwork();
    const store = createConnectionsStore(api);
    await store.getState().load();
    await store.getState().describe('local', 'n1');
    const refreshing = store.getState().describe('local', 'n1', true);
    expect(store.getState().descriptions['local/n1']).toMatchObject({ status: 'loading', value: { nodeId: 'n1' } });
    await refreshing;
  });

  it('forgets what it knew of a node that left, and drops its late answers', async () => {
    const { api } = testNetwork();
    const store = createConnectionsStore(api);
    await store.getState().load();
    await store.getState().describeModules('local', 'n1');
    expect(store.getState().modules['local/n1']).toMatchObject({ status: 'ready', value: [{ module: 'echo' }] });
    const late = store.getState().describe('local', 'n1');
    api.setNodes('local', []);
    await late;
    expect(store.getState().descriptions['local/n1']).toBeUndefined();
    expect(store.getState().modules['local/n1']).toBeUndefined();
  });

  it('describes the modules again when the node offers other modules', async () => {
    const { api } = testNetwork();
    const spy = vi.spyOn(api.describe, 'modules');
    const store = createConnectionsStore(api);
    await store.getState().load();
    await store.getState().describeModules('local', 'n1');
    api.setNodes('local', [node('local', 'n1', { availableModules: ['echo', 'sort'] })]);
    await settle();
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('saves and removes connections, passing the host errors on', async () => {
    const { api } = testNetwork();
    const store = createConnectionsStore(api);
    await store.getState().load();
    const saved = await store.getState().save({ id: 'staging', name: 'Staging', kind: 'node', url: 'http://127.0.0.1:7500' }, { token: 's3cret' });
    expect(saved).toMatchObject({ id: 'staging', hasToken: true });
    expect(store.getState().connections.map((c) => c.id)).toEqual(['local', 'prod', 'staging']);

    await store.getState().remove('prod');
    expect(store.getState().connections.map((c) => c.id)).toEqual(['local', 'staging']);
    expect(store.getState().nodes.prod).toBeUndefined();

    api.connections.remove = () => Promise.reject(new StudioError('not-found', 'no connection ghost'));
    await expect(store.getState().remove('ghost')).rejects.toThrow('no connection ghost');
  });
});
