/**
 * A `StudioBridge` over a WebSocket: how the studio in a browser reaches the web host
 * (`spl studio --web`). Messages are bridge.ts's, as JSON text. Calls made before the socket
 * opens wait for it; when it closes, every pending and later call fails with an `io` error,
 * so the UI can say the host is gone instead of hanging.
 */
import type { StudioErrorShape } from './api.js';
import { parseHostMessage, type CallMessage, type CallOutcome, type StudioBridge } from './bridge.js';

/** The part of a WebSocket (the browser's, or the `ws` package's) that the bridge uses. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  /** Events are typed loosely (`object`) so both the DOM's and `ws`'s event types fit; a message event has `data`. */
  addEventListener(type: 'open' | 'close' | 'message', listener: (event: object) => void): void;
}

export interface SocketBridge extends StudioBridge {
  /** Called once when the connection to the host is lost. */
  onClose(listener: () => void): void;
  close(): void;
}

const CONNECTING = 0;
const OPEN = 1;

/** The WebSocket URL of the web host's API, from the page's URL (`.../<token>/` → `ws://.../<token>/api`). */
export function studioSocketUrl(pageHref: string): string {
  const url = new URL('api', pageHref);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  url.hash = '';
  return url.href;
}

export function createSocketBridge(socket: SocketLike, log: (message: string) => void = () => {}): SocketBridge {
  const pending = new Map<number, (outcome: CallOutcome) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const closeListeners: (() => void)[] = [];
  const queue: string[] = [];
  let nextId = 1;
  let closed = socket.readyState > OPEN;
  const gone: StudioErrorShape = { code: 'io', message: 'the connection to the studio host is closed; reload the page to reconnect' };

  socket.addEventListener('open', () => {
    for (const text of queue.splice(0)) socket.send(text);
  });
  socket.addEventListener('close', () => {
    if (closed) return;
    closed = true;
    queue.length = 0;
    for (const resolve of pending.values()) resolve({ ok: false, error: gone });
    pending.clear();
    for (const listener of closeListeners) listener();
  });
  socket.addEventListener('message', (event) => {
    const data = (event as { data?: unknown }).data;
    if (typeof data !== 'string') return log('studio: dropped a binary message from the host');
    let message;
    try {
      message = parseHostMessage(JSON.parse(data));
    } catch {
      message = undefined;
    }
    if (!message) return log('studio: dropped a malformed message from the host');
    if (message.kind === 'result') {
      const resolve = pending.get(message.id);
      pending.delete(message.id);
      resolve?.(message.ok ? { ok: true, value: message.value } : { ok: false, error: message.error });
      return;
    }
    for (const listener of [...(listeners.get(message.event) ?? [])]) {
      try {
        listener(message.payload);
      } catch (error) {
        log(`studio: a ${message.event} listener failed: ${(error as Error)?.message ?? String(error)}`);
      }
    }
  });

  return {
    invoke(method, args) {
      if (closed) return Promise.resolve({ ok: false, error: gone });
      const call: CallMessage = { kind: 'call', id: nextId++, method, args };
      const text = JSON.stringify(call);
      return new Promise<CallOutcome>((resolve) => {
        pending.set(call.id, resolve);
        if (socket.readyState === CONNECTING) queue.push(text);
        else socket.send(text);
      });
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
    close() {
      socket.close();
    },
  };
}
