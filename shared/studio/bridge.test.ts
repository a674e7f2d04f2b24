/**
 * The bridge end to end without a transport: a renderer's proxy (client.ts) talking to a host's
 * session (session.ts) through JSON text, as the WebSocket carries it; malformed messages on
 * both sides; and the socket bridge over a fake socket.
 */
import { describe, expect, it, vi } from 'vitest';
import { StudioError, type StudioApi, type WorkspaceChange } from './api.js';
import { parseCallMessage, parseHostMessage, type CallOutcome, type HostMessage, type StudioBridge } from './bridge.js';
import { createStudioApi } from './client.js';
import { createMemoryStudioApi } from './memory-api.js';
import { StudioSession } from './session.js';
import { createSocketBridge, studioSocketUrl, type SocketLike } from './socket-bridge.js';

/** A bridge whose host is a session over `api`, every message passing through JSON. */
function loopbackBridge(api: StudioApi, log: (m: string) => void = () => {}): StudioBridge & { session: StudioSession } {
  const pending = new Map<number, (o: CallOutcome) => void>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let nextId = 0;
  const session = new StudioSession(api, (message) => {
    const m = JSON.parse(JSON.stringify(message)) as HostMessage;
    if (m.kind === 'result') pending.get(m.id)?.(m.ok ? { ok: true, value: m.value } : { ok: false, error: m.error });
    else for (const l of listeners.get(m.event) ?? []) l(m.payload);
  }, { log });
  return {
    session,
    invoke(method, args) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        void session.receive(JSON.parse(JSON.stringify({ kind: 'call', id, method, args })));
      });
    },
    subscribe(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    },
  };
}

describe('the StudioApi proxy over a session', () => {
  it('round-trips every method', async () => {
    const host = createMemoryStudioApi({ 'definitions/a.avdl': 'protocol A {}' }, { version: '1.2.3' });
    const api = createStudioApi(loopbackBridge(host));
    expect(await api.workspace.info()).toEqual({ name: 'memory', root: '/memory' });
    expect(await api.host.info()).toEqual({ version: '1.2.3' });
    const file = await api.workspace.read('definitions/a.avdl');
    expect(file).toMatchObject({ path: 'definitions/a.avdl', text: 'protocol A {}' });
    const { version } = await api.workspace.write('definitions/a.avdl', 'protocol B {}', { expectedVersion: file.version });
    expect(version).not.toBe(file.version);
    expect(await api.workspace.write('b.avdl', 'x')).toHaveProperty('version');
    expect((await api.workspace.list()).map((e) => e.path)).toEqual(['b.avdl', 'definitions', 'definitions/a.avdl']);
  });

  it('rethrows host errors as StudioError with their code', async () => {
    const api = createStudioApi(loopbackBridge(createMemoryStudioApi({ 'a': '1' })));
    const notFound = await api.workspace.read('nope').catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(StudioError);
    expect(notFound).toMatchObject({ code: 'not-found', message: 'workspace.read: nope does not exist' });
    await expect(api.workspace.write('a', '2', { expectedVersion: 'stale' })).rejects.toMatchObject({ name: 'StudioError', code: 'conflict' });
    await expect(api.workspace.read('../etc/passwd')).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('an unexpected failure is an internal error, logged on the host', async () => {
    const host = createMemoryStudioApi();
    host.host.info = () => Promise.reject(new TypeError('boom'));
    const log = vi.fn();
    const api = createStudioApi(loopbackBridge(host, log));
    await expect(api.host.info()).rejects.toMatchObject({ code: 'internal', message: 'host.info: boom' });
    expect(log.mock.calls[0][0]).toContain('host.info failed unexpectedly: TypeError: boom');
  });

  it('forwards workspace.change events until the listener stops, and the session closes', async () => {
    const host = createMemoryStudioApi();
    const bridge = loopbackBridge(host);
    const api = createStudioApi(bridge);
    const seen: WorkspaceChange[] = [];
    const stop = api.on('workspace.change', (change) => seen.push(change));
    host.touch('x.avdl', 'a');
    host.touch('x.avdl', 'b');
    host.remove('x.avdl');
    stop();
    host.touch('y.avdl', 'c');
    expect(seen.map((c) => c.type)).toEqual(['created', 'changed', 'deleted']);
    expect(seen[0]).toMatchObject({ path: 'x.avdl', version: expect.any(String) });

    const after: WorkspaceChange[] = [];
    api.on('workspace.change', (change) => after.push(change));
    bridge.session.close();
    host.touch('z.avdl', 'd');
    expect(after).toEqual([]);
  });

  it('a bridge that fails or answers nonsense becomes a StudioError, not a hang', async () => {
    const broken: StudioBridge = { invoke: () => Promise.reject(new Error('IPC gone')), subscribe: () => () => {} };
    await expect(createStudioApi(broken).host.info()).rejects.toMatchObject({ code: 'io', message: 'host.info: the studio host did not answer: IPC gone' });
    const nonsense: StudioBridge = { invoke: () => Promise.resolve({ ok: 'yes' } as unknown as CallOutcome), subscribe: () => () => {} };
    await expect(createStudioApi(nonsense).host.info()).rejects.toMatchObject({ code: 'internal', message: 'host.info: the studio host sent a malformed answer' });
  });
});

describe('malformed messages to a session', () => {
  async function answer(message: unknown): Promise<{ sent: HostMessage[]; logged: string[] }> {
    const sent: HostMessage[] = [];
    const logged: string[] = [];
    const session = new StudioSession(createMemoryStudioApi({ a: '1' }), (m) => sent.push(m), { log: (m) => logged.push(m) });
    await session.receive(message);
    session.close();
    return { sent, logged };
  }

  it.each([
    [null, 'a message must be an object'],
    ['text', 'a message must be an object'],
    [[1, 2], 'a message must be an object'],
    [{ kind: 'result', id: 1 }, 'unknown message kind "result"; only "call" is accepted'],
    [{ id: 1, method: 'host.info', args: [] }, 'unknown message kind "undefined"; only "call" is accepted'],
    [{ kind: 'call', method: 'host.info', args: [] }, 'a call needs an id: a non-negative integer'],
    [{ kind: 'call', id: -1, method: 'host.info', args: [] }, 'a call needs an id: a non-negative integer'],
    [{ kind: 'call', id: 1.5, method: 'host.info', args: [] }, 'a call needs an id: a non-negative integer'],
    [{ kind: 'call', id: '1', method: 'host.info', args: [] }, 'a call needs an id: a non-negative integer'],
  ])('drops %j with a logged reason', async (message, reason) => {
    const { sent, logged } = await answer(message);
    expect(sent).toEqual([]);
    expect(logged).toEqual([`studio: dropped a message: ${reason}`]);
  });

  it.each([
    [{ kind: 'call', id: 7, args: [] }, 'a call needs a method name (a string)'],
    [{ kind: 'call', id: 7, method: 'x'.repeat(500), args: [] }, 'a call needs a method name (a string)'],
    [{ kind: 'call', id: 7, method: 'host.info' }, "host.info: a call's args must be an array"],
    [{ kind: 'call', id: 7, method: 'host.info', args: 'x' }, "host.info: a call's args must be an array"],
    [{ kind: 'call', id: 7, method: 'nope', args: [] }, 'unknown method "nope"'],
    [{ kind: 'call', id: 7, method: 'workspace.read', args: ['/abs'] }, 'workspace.read: path must be a relative workspace path, got "/abs" (it is absolute)'],
  ])('answers %j with an invalid-argument result', async (message, reason) => {
    const { sent } = await answer(message);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: 'result', id: 7, ok: false, error: { code: 'invalid-argument' } });
    expect((sent[0] as { error: { message: string } }).error.message).toContain(reason);
  });

  it('call() never rejects, whatever it is given', async () => {
    const session = new StudioSession(createMemoryStudioApi(), () => {});
    expect(await session.call(undefined, undefined)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await session.call('host.info', [])).toEqual({ ok: true, value: { version: '0.0.0-memory' } });
  });

  it('a send that throws is logged, not thrown', async () => {
    const logged: string[] = [];
    const session = new StudioSession(createMemoryStudioApi(), () => { throw new Error('socket closed'); }, { log: (m) => logged.push(m) });
    await session.receive({ kind: 'call', id: 1, method: 'host.info', args: [] });
    expect(logged).toEqual(['studio: could not send a result message: socket closed']);
  });
});

describe('parsing on the renderer side', () => {
  it('accepts results and events, drops the rest', () => {
    expect(parseHostMessage({ kind: 'result', id: 1, ok: true, value: 5 })).toEqual({ kind: 'result', id: 1, ok: true, value: 5 });
    expect(parseHostMessage({ kind: 'result', id: 1, ok: false, error: { code: 'conflict', message: 'm' } })).toMatchObject({ ok: false });
    expect(parseHostMessage({ kind: 'event', event: 'workspace.change', payload: {} })).toMatchObject({ kind: 'event' });
    expect(parseHostMessage({ kind: 'result', id: 1, ok: false, error: { code: 'weird', message: 'm' } })).toBeUndefined();
    expect(parseHostMessage({ kind: 'result', id: 1 })).toBeUndefined();
    expect(parseHostMessage({ kind: 'event' })).toBeUndefined();
    expect(parseHostMessage('x')).toBeUndefined();
  });

  it('parseCallMessage keeps only the envelope', () => {
    expect(parseCallMessage({ kind: 'call', id: 0, method: 'm', args: [], extra: 1 })).toEqual({ ok: true, call: { kind: 'call', id: 0, method: 'm', args: [] } });
  });
});

/** A socket that records what is sent and lets the test play the host. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  private readonly handlers: Record<string, ((event: { data?: unknown }) => void)[]> = {};
  send(data: string): void {
    this.sent.push(data);
  }
  close(): void {
    this.fire('close', {});
  }
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void {
    (this.handlers[type] ??= []).push(listener);
  }
  fire(type: string, event: { data?: unknown }): void {
    if (type === 'open') this.readyState = 1;
    if (type === 'close') this.readyState = 3;
    for (const h of this.handlers[type] ?? []) h(event);
  }
}

describe('the socket bridge', () => {
  it('queues calls until open, matches results by id, dispatches events', async () => {
    const socket = new FakeSocket();
    const bridge = createSocketBridge(socket);
    const api = createStudioApi(bridge);
    const info = api.host.info();
    const read = api.workspace.read('a');
    expect(socket.sent).toEqual([]);
    socket.fire('open', {});
    const calls = socket.sent.map((t) => JSON.parse(t) as { id: number; method: string; args: unknown[] });
    expect(calls.map((c) => [c.method, c.args])).toEqual([['host.info', []], ['workspace.read', ['a']]]);
    socket.fire('message', { data: JSON.stringify({ kind: 'result', id: calls[1].id, ok: false, error: { code: 'not-found', message: 'no a' } }) });
    socket.fire('message', { data: JSON.stringify({ kind: 'result', id: calls[0].id, ok: true, value: { version: '9' } }) });
    expect(await info).toEqual({ version: '9' });
    await expect(read).rejects.toMatchObject({ code: 'not-found', message: 'no a' });

    const changes: unknown[] = [];
    api.on('workspace.change', (c) => changes.push(c));
    socket.fire('message', { data: JSON.stringify({ kind: 'event', event: 'workspace.change', payload: { type: 'deleted', path: 'a' } }) });
    expect(changes).toEqual([{ type: 'deleted', path: 'a' }]);
  });

  it('drops malformed and binary messages with a logged reason', () => {
    const log = vi.fn();
    const socket = new FakeSocket();
    createSocketBridge(socket, log);
    socket.fire('open', {});
    socket.fire('message', { data: '{not json' });
    socket.fire('message', { data: JSON.stringify({ kind: 'result', id: 'x' }) });
    socket.fire('message', { data: new Uint8Array(2) });
    expect(log.mock.calls.map((c) => c[0])).toEqual([
      'studio: dropped a malformed message from the host',
      'studio: dropped a malformed message from the host',
      'studio: dropped a binary message from the host',
    ]);
  });

  it('fails pending and later calls with an io error when the socket closes', async () => {
    const socket = new FakeSocket();
    const bridge = createSocketBridge(socket);
    const closed = vi.fn();
    bridge.onClose(closed);
    const api = createStudioApi(bridge);
    socket.fire('open', {});
    const pending = api.workspace.list();
    socket.fire('close', {});
    await expect(pending).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('reload the page') });
    await expect(api.workspace.list()).rejects.toMatchObject({ code: 'io' });
    expect(closed).toHaveBeenCalledTimes(1);
  });

  it('finds the API next to the page', () => {
    expect(studioSocketUrl('http://127.0.0.1:5000/tok/')).toBe('ws://127.0.0.1:5000/tok/api');
    expect(studioSocketUrl('http://127.0.0.1:5000/tok/index.html?x=1#y')).toBe('ws://127.0.0.1:5000/tok/api');
    expect(studioSocketUrl('https://h/tok/')).toBe('wss://h/tok/api');
  });
});
