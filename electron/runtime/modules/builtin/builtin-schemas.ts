/**
 * The schemas of the built-in modules. Most are the contracts' own records (`spl/data/write`
 * reads spl.data.DataWriteRequest, exactly what SPLDataService.write takes), so a module and
 * the service behind it can never disagree; the few the contracts lack are declared here in IDL.
 */
import type { NamedSchema, Protocol } from '../../../../shared/avro/model.js';
import { compileIdlText, formatDiagnostics } from '../../../../shared/idl/compile.js';

const EXTRA_IDL = `namespace spl.modules;

/** The topics of a node's data store, sorted (the output of spl/data/topics). */
record TopicList {
  array<string> topics;
}
`;

export interface BuiltinSchemas {
  dataWriteRequest: NamedSchema;
  dataReadRequest: NamedSchema;
  dataResponse: NamedSchema;
  topicList: NamedSchema;
  pipelineExecutionRequest: NamedSchema;
}

export async function builtinSchemas(data: Protocol, pipeline: Protocol): Promise<BuiltinSchemas> {
  const compiled = await compileIdlText('/builtin/spl-modules.avdl', EXTRA_IDL, { reader: { read: async () => undefined } });
  if (!compiled.ok) throw new Error(`the built-in module schemas do not compile:\n${formatDiagnostics(compiled).join('\n')}`);
  const extra = compiled.schemas ?? [];
  return {
    dataWriteRequest: named(data.types, 'spl.data.DataWriteRequest'),
    dataReadRequest: named(data.types, 'spl.data.DataReadRequest'),
    dataResponse: named(data.types, 'spl.data.DataResponse'),
    topicList: named(extra, 'spl.modules.TopicList'),
    pipelineExecutionRequest: named(pipeline.types, 'spl.pipeline.PipelineExecutionRequest'),
  };
}

function named(types: NamedSchema[], fullName: string): NamedSchema {
  const found = types.find((t) => t.fullName === fullName);
  if (!found) throw new Error(`the SPL definitions have no ${fullName}: the built-in modules need it`);
  return found;
}
