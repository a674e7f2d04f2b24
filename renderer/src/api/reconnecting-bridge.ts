/**
 * A `StudioBridge` over a WebSocket that comes back: when the socket closes (the host
 * restarted, the machine slept), it reconnects with a growing delay and re-attaches every event
 * listener, so the rest of the renderer keeps its one bridge. Calls made before the first
 * connection opens wait for it; calls made while disconnected fail at once with an `io`
 * outcome (the status bar says why) rather than hanging.
 */
import type { CallOutcome, StudioBridge } from '../../../shared/studio/bridge.js';
import { createSocketBridge, type SocketBridge, type SocketLike } from '../../../shared/studio/socket-bridge.js';

export type BridgeStatus = 'connecting' | 'connected' | 'disconnected';

export interface ReconnectingBridge extends StudioBridge {
  readonly status: BridgeStatus;
  /** Status changes; `connected` after `disconnected` means the renderer should resync. */
  onStatus(listener: (status: BridgeStatus) => void): () => void;
  close(): void;
}

export interface ReconnectOptions {
  /** Opens a socket to the host (a browser WebSocket in the app, a fake in tests). */
  open: () => SocketLike & { addEventListener(type: 'open' | 'close' | 'message' | 'error', listener: (event: { data?: unknown }) => void): void };
  /** Delays between attempts, in ms; the last repeats. */
  delays?: readonly number[];
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  log?: (message: string) => void;
}

const DEFAULT_DELAYS = [250, 500, 1000, 2000, 4000];

export function createReconnectingBridge(options: ReconnectOptions): ReconnectingBridge {
  const delays = options.delays ?? DEFAULT_DELAYS;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(status: BridgeStatus) => void>();
  let status: BridgeStatus = 'connecting';
  let current: SocketBridge | null = null;
  let detach: (() => void)[] = [];
  let attempt = 0;
  let timer: unknown = null;
  let stopped = false;

  const setStatus = (next: BridgeStatus): void => {
    if (status === next) return;
    status = next;
    for (const listener of [...statusListeners]) listener(next);
  };

  const attach = (bridge: SocketBridge): void => {
    detach = [];
    for (const [event, set] of listeners) {
      detach.push(bridge.subscribe(event, (payload) => set.forEach((l) => l(payload))));
    }
  };

  const connect = (): void => {
    timer = null;
    if (stopped) return;
    const socket = options.open();
    const bridge = createSocketBridge(socket, options.log);
    // Calls made before the socket opens queue in the socket bridge (the first load does that).
    current = bridge;
    socket.addEventListener('open', () => {
      attempt = 0;
      attach(bridge);
      setStatus('connected');
    });
    bridge.onClose(() => {
      detach.forEach((d) => d());
      detach = [];
      if (stopped) return;
      setStatus('disconnected');
      const delay = delays[Math.min(attempt, delays.length - 1)];
      attempt++;
      timer = setTimer(connect, delay);
    });
  };

  connect();

  return {
    get status() {
      return status;
    },
    invoke(method, args): Promise<CallOutcome> {
      if (!current || status === 'disconnected') {
        return Promise.resolve({ ok: false, error: { code: 'io', message: `${method}: not connected to the studio host (reconnecting…)` } });
      }
      return current.invoke(method, args);
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        listeners.set(event, (set = new Set()));
        // A new event name while connected: forward it from the live socket too.
        if (current && status === 'connected') detach.push(current.subscribe(event, (payload) => set!.forEach((l) => l(payload))));
      }
      set.add(listener);
      return () => set!.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    close() {
      stopped = true;
      if (timer !== null) clearTimer(timer);
      current?.close();
      current = null;
    },
  };
}
