/**
 * The modules a node can execute, with their schemas, from its SPLExecuteService:
 * listAvailableModules, then describeModule for each, then getModuleSchema for each distinct
 * input and output schema. A few requests at a time: 200 modules are not 600 round trips in a
 * row, nor 600 at once. One module that cannot be described, or whose schema cannot be fetched,
 * is still listed with what is known, and the failure is logged.
 */
import type { ModuleDescription } from '../../../../shared/studio/api.js';
import { loadDefinition } from '../../definitions.js';
import type { RpcClient } from '../../rpc/client.js';
import { errorMessage } from '../../rpc/errors.js';
import { clientTo, type NodeAccess } from './node-access.js';
import { HANDSHAKE_TIMEOUT_MS } from './protocol-cache.js';

export const EXECUTE_PROTOCOL = 'spl.execute.SPLExecuteService';

/** Requests in flight at once per node. */
const CONCURRENCY = 4;
/** A module's description or schema is one lookup: generous, but bounded. */
const CALL_TIMEOUT_MS = 3 * HANDSHAKE_TIMEOUT_MS;

/** The engine's ModuleInfo: optional strings as wrapped unions. */
interface ModuleInfoValue {
  module: string;
  description: { string: string } | null;
  inputSchema: { string: string } | null;
  outputSchema: { string: string } | null;
}

export async function describeModules(endpoint: string, access: NodeAccess, log: (message: string) => void): Promise<ModuleDescription[]> {
  const client = clientTo(endpoint, await loadDefinition('execute'), access);
  try {
    const modules = (await client.call('listAvailableModules', {}, { timeoutMs: CALL_TIMEOUT_MS })) as string[];
    const described = await mapLimit(modules, CONCURRENCY, (module) => describeOne(client, endpoint, module, log));
    const schemas = new Map<string, string | undefined>();
    const names = [...new Set(described.flatMap((m) => [m.inputSchema, m.outputSchema]).filter((n): n is string => n !== undefined))];
    await mapLimit(names, CONCURRENCY, async (name) => {
      try {
        schemas.set(name, (await client.call('getModuleSchema', { module: name }, { timeoutMs: CALL_TIMEOUT_MS })) as string);
      } catch (error) {
        const users = described.filter((m) => m.inputSchema === name || m.outputSchema === name).map((m) => m.module);
        log(`${endpoint}: cannot fetch the schema ${name} (of ${users.join(', ')}): ${errorMessage(error)}; the modules are listed without it`);
      }
    });
    return described.map((m) => {
      const input = m.inputSchema === undefined ? undefined : schemas.get(m.inputSchema);
      const output = m.outputSchema === undefined ? undefined : schemas.get(m.outputSchema);
      return { ...m, ...(input !== undefined ? { inputSchemaText: input } : {}), ...(output !== undefined ? { outputSchemaText: output } : {}) };
    });
  } finally {
    await client.channel.close();
  }
}

async function describeOne(client: RpcClient, endpoint: string, module: string, log: (message: string) => void): Promise<ModuleDescription> {
  try {
    const info = (await client.call('describeModule', { module }, { timeoutMs: CALL_TIMEOUT_MS })) as ModuleInfoValue;
    const result: ModuleDescription = { module };
    if (info.description) result.description = info.description.string;
    if (info.inputSchema) result.inputSchema = info.inputSchema.string;
    if (info.outputSchema) result.outputSchema = info.outputSchema.string;
    return result;
  } catch (error) {
    log(`${endpoint}: cannot describe the module ${module}: ${errorMessage(error)}; it is listed without its schemas`);
    return { module };
  }
}

/** `work` on every item, at most `limit` at a time; results in the items' order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
