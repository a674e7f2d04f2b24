/**
 * A small world for the composer's, response panel's, history's and collections' tests: a node
 * serving a shop protocol (longs, unions, a declared error) and an execute service whose
 * requests carry `spl.common.Payload`s, with module schemas, over the memory host; calls are
 * answered by a function the test sets. Imported by tests only.
 */
import { createMemoryStudioApi, type MemoryNetwork, type MemoryStudioApi } from '../../../shared/studio/memory-api.js';
import type { CallRequest, CallResult, ClusterNode, ConnectionStatus, NodeDescription } from '../../../shared/studio/api.js';
import { createStudio, type Studio } from '../app/studio.js';
import { FakeBuffers } from '../test/fake-buffers.js';
import { memoryStorage } from '../test/fake-studio.js';
import type { ComposerTarget } from './target-schema.js';
import { EXECUTE_PROTOCOL, MODULES, SHOP_PROTOCOL } from './test-protocols.js';

export { ECHO_INPUT, ECHO_OUTPUT, EXECUTE_PROTOCOL, MODULES, SHOP_PROTOCOL } from './test-protocols.js';

export const CONNECTIONS: ConnectionStatus[] = [
  { id: 'local', name: 'Local runtime', kind: 'local', url: 'http://127.0.0.1:7400', hasToken: false, state: 'connected' },
  { id: 'prod', name: 'Production', kind: 'registry', url: 'https://registry.example:7400', hasToken: true, state: 'connected' },
];

function node(connectionId: string, nodeId: string, endpoint: string): ClusterNode {
  return {
    connectionId,
    nodeId,
    endpoint,
    availableModules: ['demo/echo'],
    capabilities: {},
    lastHeartbeat: 0,
    protocols: [{ name: 'shop.Shop', md5: '0'.repeat(32) }, { name: 'spl.execute.SPLExecuteService', md5: '1'.repeat(32) }],
    health: 'up',
    drift: {},
  };
}

export const NODES: ClusterNode[] = [node('local', 'n1', 'http://127.0.0.1:7400'), node('prod', 'p1', 'https://10.0.0.5:7400')];

const description = (connectionId: string, nodeId: string, endpoint: string): NodeDescription => ({
  connectionId,
  nodeId,
  endpoint,
  protocols: [
    { name: 'shop.Shop', md5: '0'.repeat(32), text: SHOP_PROTOCOL, drift: 'same' },
    { name: 'spl.execute.SPLExecuteService', md5: '1'.repeat(32), text: EXECUTE_PROTOCOL, drift: 'same' },
  ],
});

export const PUT: ComposerTarget = { connectionId: 'local', nodeId: 'n1', protocol: 'shop.Shop', message: 'put' };
export const EXECUTE: ComposerTarget = { connectionId: 'local', nodeId: 'n1', protocol: 'spl.execute.SPLExecuteService', message: 'execute' };

export type Answer = NonNullable<MemoryNetwork['answer']>;
export type Answered = Omit<CallResult, 'callId' | 'historyId'>;

/** An answer with everything but what the test cares about filled in. */
export function answered(partial: Partial<Answered>): Answered {
  return {
    outcome: 'ok',
    endpoint: 'http://127.0.0.1:7400',
    startedAt: 1_700_000_000_000,
    durationMs: 12.5,
    requestBytes: 40,
    responseBytes: 30,
    frames: [],
    responseMetadata: {},
    ...partial,
  };
}

export interface Fixture {
  studio: Studio;
  api: MemoryStudioApi;
  /** Every request the node was called with. */
  calls: CallRequest[];
  /** How the node answers (default: echo the body back with outcome ok). */
  answer: Answer;
}

export function createFixture(files: Record<string, string> = {}): Fixture {
  const calls: CallRequest[] = [];
  const fixture = {} as Fixture;
  fixture.calls = calls;
  fixture.answer = async (request) => answered({ body: request.body });
  const api = createMemoryStudioApi(files, { version: '0.1.0-test' }, {
    connections: CONNECTIONS,
    nodes: NODES,
    descriptions: [description('local', 'n1', 'http://127.0.0.1:7400'), description('prod', 'p1', 'https://10.0.0.5:7400')],
    modules: { 'local/n1': MODULES, 'prod/p1': MODULES },
    answer: (request, signal) => {
      calls.push(request);
      return fixture.answer(request, signal);
    },
  });
  const buffers = new FakeBuffers();
  const studio = createStudio({
    connection: { api, host: 'web', status: () => 'connected', onStatus: () => () => {}, onCommand: () => () => {} },
    buffers,
    storage: memoryStorage(),
    mac: false,
  });
  fixture.api = api;
  fixture.studio = studio;
  return fixture;
}

/** An answer that waits until the call is cancelled, then says so. */
export const untilCancelled: Answer = (_request, signal) =>
  new Promise((resolve) => {
    signal.addEventListener('abort', () => resolve(answered({ outcome: 'cancelled', message: 'cancelled by the user' })));
  });
