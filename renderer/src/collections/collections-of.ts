/**
 * The collections store of a studio, created the first time anything asks (the side bar, the
 * save bar, a palette command): the studio object itself belongs to the lead's app/studio.ts.
 */
import type { Studio } from '../app/studio.js';
import { createCollectionsStore, type CollectionsStore } from './collections-store.js';

const stores = new WeakMap<object, CollectionsStore>();

export function collectionsOf(studio: Pick<Studio, 'api' | 'notifications'>): CollectionsStore {
  let store = stores.get(studio);
  if (!store) {
    store = createCollectionsStore({ api: studio.api, notify: (message, kind) => studio.notifications.getState().push(message, kind) });
    stores.set(studio, store);
  }
  return store;
}
