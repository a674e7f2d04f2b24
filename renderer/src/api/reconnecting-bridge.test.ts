import { describe, expect, it } from 'vitest';
import { createReconnectingBridge, type BridgeStatus } from './reconnecting-bridge.js';

type Listener = (event: { data?: unknown }) => void;

/** A WebSocket stand-in whose other end the test plays. */
class FakeSocket {
  readyState = 0;
  sent: unknown[] = [];
  private readonly listeners = new Map<string, Listener[]>();
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.drop();
  }
  open(): void {
    this.readyState = 1;
    this.emit('open', {});
  }
  drop(): void {
    this.readyState = 3;
    this.emit('close', {});
  }
  reply(message: unknown): void {
    this.emit('message', { data: JSON.stringify(message) });
  }
  private emit(type: string, event: { data?: unknown }): void {
    for (const l of this.listeners.get(type) ?? []) l(event);
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: (() => void)[] = [];
  const statuses: BridgeStatus[] = [];
  const bridge = createReconnectingBridge({
    open: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => {},
  });
  bridge.onStatus((s) => statuses.push(s));
  return { bridge, sockets, timers, statuses };
}

describe('the reconnecting bridge', () => {
  it('queues calls until the first connection opens', async () => {
    const { bridge, sockets } = setup();
    const result = bridge.invoke('workspace.info', []);
    sockets[0].open();
    expect(sockets[0].sent).toEqual([{ kind: 'call', id: 1, method: 'workspace.info', args: [] }]);
    sockets[0].reply({ kind: 'result', id: 1, ok: true, value: { name: 'ws', root: '/ws' } });
    expect(await result).toEqual({ ok: true, value: { name: 'ws', root: '/ws' } });
  });

  it('says it is disconnected, fails calls at once, reconnects and re-attaches listeners', async () => {
    const { bridge, sockets, timers, statuses } = setup();
    const events: unknown[] = [];
    bridge.subscribe('workspace.change', (p) => events.push(p));
    sockets[0].open();
    sockets[0].reply({ kind: 'event', event: 'workspace.change', payload: 1 });
    sockets[0].drop();
    expect(bridge.status).toBe('disconnected');
    expect(await bridge.invoke('workspace.list', [])).toMatchObject({ ok: false, error: { code: 'io' } });

    timers.shift()!();
    sockets[1].drop();
    timers.shift()!();
    sockets[2].open();
    expect(statuses).toEqual(['connected', 'disconnected', 'connected']);
    sockets[2].reply({ kind: 'event', event: 'workspace.change', payload: 2 });
    expect(events).toEqual([1, 2]);
  });

  it('stops for good when closed', () => {
    const { bridge, sockets, timers } = setup();
    sockets[0].open();
    bridge.close();
    expect(timers).toHaveLength(0);
    expect(sockets).toHaveLength(1);
  });
});
