/**
 * SPLExecuteService on a node: module listing and description from the module registry. Running
 * modules (`execute`) and their schemas arrive with the module system (issue #5); until a module
 * is registered, every lookup answers the declared ExecutionError MODULE_NOT_FOUND.
 */
import type { Handler } from '../rpc/server.js';
import { DeclaredError } from '../rpc/errors.js';
import type { ModuleRegistry } from './modules.js';

const EXECUTION_ERROR = 'spl.common.ExecutionError';

function moduleNotFound(uri: string, nodeId: string, registry: ModuleRegistry): DeclaredError {
  const known = registry.list().map((m) => m.uri);
  return new DeclaredError(EXECUTION_ERROR, {
    code: 'MODULE_NOT_FOUND',
    message: `no module '${uri}' on node ${nodeId}${known.length ? `; it has ${known.join(', ')}` : '; it has no modules yet'}`,
    module: { string: uri },
    nodeId: { string: nodeId },
    retryable: false,
    details: {},
  });
}

const optional = (value: string | undefined) => (value === undefined ? null : { string: value });

export function executeHandlers(registry: ModuleRegistry, nodeId: string): Record<string, Handler> {
  const find = (uri: string) => {
    const module = registry.get(uri);
    if (!module) throw moduleNotFound(uri, nodeId, registry);
    return module;
  };
  return {
    listAvailableModules: () => registry.list().map((m) => m.uri),
    describeModule: ({ module }) => {
      const found = find(module as string);
      return { module: found.uri, description: optional(found.description), inputSchema: optional(found.inputSchema), outputSchema: optional(found.outputSchema) };
    },
    getModuleSchema: ({ module }) => {
      find(module as string);
      throw new DeclaredError(EXECUTION_ERROR, { code: 'SCHEMA_NOT_FOUND', message: `module '${module as string}' has no registered schema on node ${nodeId}`, module: { string: module as string }, nodeId: { string: nodeId }, retryable: false, details: {} });
    },
    execute: ({ request }) => {
      const uri = (request as { module: string }).module;
      find(uri);
      throw new DeclaredError(EXECUTION_ERROR, { code: 'MODULE_FAILED', message: `module '${uri}' cannot run on node ${nodeId}: no handler is registered for it`, module: { string: uri }, nodeId: { string: nodeId }, retryable: false, details: {} });
    },
    getSchemaByFingerprint: () => {
      throw new DeclaredError(EXECUTION_ERROR, { code: 'SCHEMA_NOT_FOUND', message: `node ${nodeId} knows no schema by that fingerprint`, module: null, nodeId: { string: nodeId }, retryable: false, details: {} });
    },
  };
}
