/** A studio over the test network's memory host, for the explorer's and cluster browser's tests. */
import type { MemoryNetwork, MemoryStudioApi } from '../../../shared/studio/memory-api.js';
import { createStudio, type Studio } from '../app/studio.js';
import { FakeBuffers } from '../test/fake-buffers.js';
import { memoryStorage } from '../test/fake-studio.js';
import { testNetwork } from './test-network.js';

/** A studio over `testNetwork`'s host: the real stores, no Monaco. */
export function networkStudio(overrides: MemoryNetwork = {}): { studio: Studio; api: MemoryStudioApi; network: MemoryNetwork } {
  const { api, network } = testNetwork(overrides);
  const buffers = new FakeBuffers();
  const studio = createStudio({
    connection: { api, host: 'web', status: () => 'connected', onStatus: () => () => {}, onCommand: () => () => {} },
    buffers,
    storage: memoryStorage(),
    mac: false,
  });
  buffers.onDirty = (path, dirty) => studio.documents.getState().setDirty(path, dirty);
  return { studio, api, network };
}
