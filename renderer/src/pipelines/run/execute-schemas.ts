/**
 * The two SPL records a studio run speaks in: ExecuteRequest (whose `value` union is the run's
 * input) and ExecuteResponse (what each stage answers, pinned outputs included). The renderer
 * cannot compile definitions/ synchronously, so they are written out here as
 * definitions/spl-common.avdl compiles them (docs left out; names, order and defaults exactly
 * as there); execute-schemas.test.ts compiles the .avdl and checks that they still agree.
 */
import type { RecordSchema, UnionSchema } from '../../../../shared/avro/model.js';
import { readSchemaJson } from '../../../../shared/avro/schema-reader.js';

const SCHEMAS_JSON = `[
  {
    "type": "record", "name": "ExecuteRequest", "namespace": "spl.common",
    "fields": [
      { "name": "module", "type": "string" },
      { "name": "headers", "type": { "type": "map", "values": "string" }, "default": {} },
      { "name": "value", "type": ["null", "bytes", "string", {
        "type": "record", "name": "Payload",
        "fields": [
          { "name": "schema", "type": {
            "type": "record", "name": "SchemaRef",
            "fields": [
              { "name": "name", "type": ["null", "string"], "default": null },
              { "name": "fingerprint", "type": ["null", { "type": "fixed", "name": "SchemaFingerprint", "size": 8 }], "default": null },
              { "name": "json", "type": ["null", "string"], "default": null }
            ]
          } },
          { "name": "value", "type": "bytes" }
        ]
      }], "default": null },
      { "name": "schema", "type": ["null", "string"], "default": null }
    ]
  },
  {
    "type": "record", "name": "ExecuteResponse", "namespace": "spl.common",
    "fields": [
      { "name": "status", "type": { "type": "enum", "name": "ExecuteStatus", "symbols": ["UNKNOWN", "DATA", "BLOB", "ERROR", "COMPLETED"], "default": "UNKNOWN" } },
      { "name": "headers", "type": { "type": "map", "values": "string" }, "default": {} },
      { "name": "value", "type": ["null", "bytes", "string", "Payload"], "default": null },
      { "name": "errorMessage", "type": ["null", "string"], "default": null },
      { "name": "errorCode", "type": ["null", "string"], "default": null },
      { "name": "stages", "type": { "type": "array", "items": {
        "type": "record", "name": "PipelineStageResult",
        "fields": [
          { "name": "index", "type": "int" },
          { "name": "module", "type": "string" },
          { "name": "status", "type": "ExecuteStatus" },
          { "name": "durationMicros", "type": "long" },
          { "name": "outputSize", "type": "long" },
          { "name": "nodeId", "type": ["null", "string"], "default": null },
          { "name": "error", "type": ["null", {
            "type": "error", "name": "ExecutionError",
            "fields": [
              { "name": "code", "type": "string" },
              { "name": "message", "type": "string" },
              { "name": "module", "type": ["null", "string"], "default": null },
              { "name": "nodeId", "type": ["null", "string"], "default": null },
              { "name": "retryable", "type": "boolean", "default": false },
              { "name": "details", "type": { "type": "map", "values": "string" }, "default": {} }
            ]
          }], "default": null }
        ]
      } }, "default": [] }
    ]
  }
]`;

let read: { request: RecordSchema; response: RecordSchema } | undefined;

function schemas(): { request: RecordSchema; response: RecordSchema } {
  if (!read) {
    const [request, response] = readSchemaJson(SCHEMAS_JSON, { file: 'spl-common.avdl' }).list as RecordSchema[];
    read = { request, response };
  }
  return read;
}

/** spl.common.ExecuteRequest. */
export function executeRequestSchema(): RecordSchema {
  return schemas().request;
}

/** spl.common.ExecuteResponse: a stage's output, pinned or run. */
export function executeResponseSchema(): RecordSchema {
  return schemas().response;
}

/** ExecuteRequest.value, `union { null, bytes, string, Payload }`: what a run's first stage gets. */
export function runInputSchema(): UnionSchema {
  return schemas().request.fields.find((f) => f.name === 'value')!.type as UnionSchema;
}
