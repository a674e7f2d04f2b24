/**
 * Messages for the user that need no decision (a failed read, a save that could not reach the
 * host): shown in the corner until dismissed or replaced; the newest few are kept.
 */
import { createStore } from 'zustand/vanilla';

export interface Notification {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

export interface NotificationsState {
  items: Notification[];
  push(message: string, kind?: Notification['kind']): void;
  dismiss(id: number): void;
}

export type NotificationsStore = ReturnType<typeof createNotificationsStore>;

const KEEP = 3;

export function createNotificationsStore() {
  let nextId = 1;
  return createStore<NotificationsState>()((set, get) => ({
    items: [],
    push(message, kind = 'error') {
      // The same message again (a retry failing the same way) replaces the old one.
      const items = get().items.filter((n) => n.message !== message);
      set({ items: [...items, { id: nextId++, kind, message }].slice(-KEEP) });
    },
    dismiss(id) {
      set({ items: get().items.filter((n) => n.id !== id) });
    },
  }));
}
