/**
 * SPLExecuteService (definitions/spl-execute.avdl) on a node: runs modules and describes them.
 * `execute` checks the input against the module's input schema (a Payload resolved by Avro
 * schema resolution, or Avro JSON text) and answers with the status, the updated headers and
 * the typed result as a Payload whose SchemaRef carries the schema's name and fingerprint.
 */
import { toJsonText } from '../../../shared/avro/json-text.js';
import { schemaToJson } from '../../../shared/avro/schema-writer.js';
import { fingerprintHex } from '../../../shared/avro/fingerprint.js';
import type { Handler } from '../rpc/server.js';
import type { SchemaRegistry } from '../schemas/schema-registry.js';
import type { ModuleExecutor } from '../modules/executor.js';
import { executionError } from '../modules/execution-error.js';
import type { ModuleRegistry } from '../modules/registry.js';
import { datumOfValue, executeResponse } from './execute-values.js';

const optional = (value: string | undefined) => (value === undefined ? null : { string: value });

export interface ExecuteServiceDependencies {
  modules: ModuleRegistry;
  schemas: SchemaRegistry;
  executor: ModuleExecutor;
  nodeId: string;
}

export function executeHandlers({ modules, schemas, executor, nodeId }: ExecuteServiceDependencies): Record<string, Handler> {
  return {
    async execute({ request }) {
      const { module, headers, value, schema } = request as { module: string; headers: Record<string, string>; value: unknown; schema: { string: string } | null };
      const outcome = await executor.run(module, datumOfValue(value), { headers, readerSchema: schema?.string });
      return executeResponse(outcome);
    },

    listAvailableModules: () => modules.list().map((m) => m.uri),

    describeModule({ module }) {
      const found = executor.module(module as string);
      return { module: found.uri, description: optional(found.description), inputSchema: optional(found.inputSchema?.fullName), outputSchema: optional(found.outputSchema?.fullName) };
    },

    getModuleSchema({ module }) {
      const name = module as string;
      // A module path has a slash; a schema's full name never does.
      if (name.includes('/')) {
        const found = executor.module(name);
        if (!found.inputSchema) {
          throw executionError({ code: 'SCHEMA_NOT_FOUND', message: `module ${name} takes no typed input (nothing, bytes or text), so it has no input schema${found.outputSchema ? `; it writes ${found.outputSchema.fullName}` : ''}`, module: name, nodeId });
        }
        return toJsonText(schemaToJson(found.inputSchema.schema), 0);
      }
      const found = schemas.byName(name);
      if (!found) throw executionError({ code: 'SCHEMA_NOT_FOUND', message: `node ${nodeId} knows no module or schema named '${name}': pass a module path (tools/text/uppercase) or a schema's full name (see describeModule)`, nodeId, details: { schema: name } });
      return found.json;
    },

    getSchemaByFingerprint({ fingerprint }) {
      const found = schemas.byFingerprint(fingerprint as Buffer);
      if (!found) throw executionError({ code: 'SCHEMA_NOT_FOUND', message: `node ${nodeId} knows no schema with fingerprint ${fingerprintHex(fingerprint as Buffer)}`, nodeId, details: { fingerprint: fingerprintHex(fingerprint as Buffer) } });
      return found.json;
    },
  };
}
