/**
 * The renderer's `StudioApi`: a proxy that sends each method over a `StudioBridge` and turns a
 * failed outcome back into a `StudioError` with its code, so the renderer catches the same
 * errors whichever host it runs in.
 */
import { StudioError, type StudioApi, type StudioEvents } from './api.js';
import { parseOutcome, type StudioBridge } from './bridge.js';
import type { StudioMethod, StudioMethods } from './methods.js';

export function createStudioApi(bridge: StudioBridge): StudioApi {
  async function call<M extends StudioMethod>(method: M, args: StudioMethods[M]['args']): Promise<StudioMethods[M]['result']> {
    let answer: unknown;
    try {
      answer = await bridge.invoke(method, args);
    } catch (error) {
      // The bridge itself failed (IPC torn down, socket gone): not an answer from the host.
      throw new StudioError('io', `${method}: the studio host did not answer: ${(error as Error)?.message ?? String(error)}`);
    }
    const outcome = parseOutcome(answer);
    if (!outcome) throw new StudioError('internal', `${method}: the studio host sent a malformed answer`);
    if (!outcome.ok) throw new StudioError(outcome.error.code, outcome.error.message);
    return outcome.value as StudioMethods[M]['result'];
  }

  return {
    workspace: {
      info: () => call('workspace.info', []),
      list: () => call('workspace.list', []),
      read: (path) => call('workspace.read', [path]),
      // Options are left out rather than sent as undefined: JSON would turn that into null.
      write: (path, text, options) => call('workspace.write', options === undefined ? [path, text] : [path, text, options]),
    },
    host: {
      info: () => call('host.info', []),
    },
    // Optional arguments are left out rather than sent as undefined (JSON would make them null).
    connections: {
      list: () => call('connections.list', []),
      save: (config, secrets) => call('connections.save', secrets === undefined ? [config] : [config, secrets]),
      remove: (id) => call('connections.remove', [id]),
    },
    cluster: {
      nodes: (connectionId) => call('cluster.nodes', connectionId === undefined ? [] : [connectionId]),
    },
    describe: {
      node: (connectionId, nodeId) => call('describe.node', [connectionId, nodeId]),
      modules: (connectionId, nodeId) => call('describe.modules', [connectionId, nodeId]),
    },
    call: {
      send: (request) => call('call.send', [request]),
      cancel: (callId) => call('call.cancel', [callId]),
    },
    history: {
      list: (query) => call('history.list', query === undefined ? [] : [query]),
      clear: () => call('history.clear', []),
    },
    containers: {
      list: (connectionId, nodeId) => call('containers.list', [connectionId, nodeId]),
      start: (connectionId, nodeId, image, config) => call('containers.start', [connectionId, nodeId, image, config]),
      stop: (connectionId, nodeId, containerId) => call('containers.stop', [connectionId, nodeId, containerId]),
    },
    pipelines: {
      list: (connectionId, nodeId) => call('pipelines.list', [connectionId, nodeId]),
      get: (connectionId, nodeId, name) => call('pipelines.get', [connectionId, nodeId, name]),
      register: (connectionId, nodeId, definition) => call('pipelines.register', [connectionId, nodeId, definition]),
      run: (request) => call('pipelines.run', [request]),
      cancel: (runId) => call('pipelines.cancel', [runId]),
    },
    on<E extends keyof StudioEvents>(event: E, listener: (payload: StudioEvents[E]) => void): () => void {
      return bridge.subscribe(event, listener as (payload: unknown) => void);
    },
  };
}
