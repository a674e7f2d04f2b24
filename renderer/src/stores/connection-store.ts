/**
 * Whether the studio reaches its host. In a browser the WebSocket can drop (the host stopped,
 * the laptop slept); the status bar shows it, edits stay in the editor, and saving waits for
 * the reconnection instead of failing silently.
 */
import { createStore } from 'zustand/vanilla';
import type { HostInfo } from '../../../shared/studio/api.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Why the last connection ended, for the tooltip. */
  reason?: string;
  host: HostInfo | null;
  setStatus(status: ConnectionStatus, reason?: string): void;
  setHost(host: HostInfo | null): void;
}

export type ConnectionStore = ReturnType<typeof createConnectionStore>;

export function createConnectionStore() {
  return createStore<ConnectionState>()((set) => ({
    status: 'connecting',
    host: null,
    setStatus(status, reason) {
      set({ status, reason });
    },
    setHost(host) {
      set({ host });
    },
  }));
}
