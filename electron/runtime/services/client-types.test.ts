/**
 * The hand-written client types (client-types.ts) against the contracts: every message of each
 * SPL protocol has a method and no method lacks a message, and a value using every field of
 * each request type is a valid value of its schema (an unknown field would be refused by name).
 */
import { describe, expect, it } from 'vitest';
import { isNamed, type Protocol } from '../../../shared/avro/model.js';
import { loadDefinition } from '../definitions.js';
import { toEngineValue } from '../modules/plain-value.js';
import type { DataReadRequest, DataWriteRequest, ExecuteRequest, PipelineDefinition, PipelineExecutionRequest, SPLDataServiceClient, SPLExecuteServiceClient, SPLPipelineServiceClient } from './client-types.js';

// The compiler checks these lists name exactly the interfaces' methods.
const methods = {
  execute: { execute: true, listAvailableModules: true, getModuleSchema: true, getSchemaByFingerprint: true, describeModule: true } satisfies Record<keyof SPLExecuteServiceClient, true>,
  data: { write: true, read: true, listTopics: true } satisfies Record<keyof SPLDataServiceClient, true>,
  pipeline: { executePipeline: true, registerPipeline: true, listPipelines: true, getPipeline: true } satisfies Record<keyof SPLPipelineServiceClient, true>,
};

const payload = { schema: { name: 'x.Y', fingerprint: new Uint8Array(8), json: null }, value: new Uint8Array(0) };
const definition: Required<PipelineDefinition> = { name: 'p', stages: [{ module: 'a/b', configuration: {}, inputSchema: 'x.Y', outputSchema: null }], globalConfig: {}, description: 'd' };
const requests: [string, string, unknown][] = [
  ['spl.common.ExecuteRequest', 'execute', { module: 'a/b', headers: {}, value: payload, schema: 'x.Y' } satisfies Required<ExecuteRequest>],
  ['spl.data.DataWriteRequest', 'data', { topic: 't', primaryKey: 'k', data: payload, schema: null } satisfies Required<DataWriteRequest>],
  ['spl.data.DataReadRequest', 'data', { topic: 't', primaryKey: 'k', limit: 1, offset: 2n } satisfies Required<DataReadRequest>],
  ['spl.pipeline.PipelineDefinition', 'pipeline', definition],
  ['spl.pipeline.PipelineExecutionRequest', 'pipeline', { pipeline: definition, input: payload, context: {} } satisfies Required<PipelineExecutionRequest>],
];

describe('the SPL client types', () => {
  const protocols: Record<string, Promise<Protocol>> = { execute: loadDefinition('execute'), data: loadDefinition('data'), pipeline: loadDefinition('pipeline') };

  it('have one method per message', async () => {
    for (const [service, listed] of Object.entries(methods)) {
      expect(Object.keys(listed).sort()).toEqual((await protocols[service]).messages.map((m) => m.name).sort());
    }
  });

  it('have only fields the schemas have', async () => {
    for (const [fullName, service, value] of requests) {
      const schema = (await protocols[service]).types.find((t) => isNamed(t) && t.fullName === fullName)!;
      expect(() => toEngineValue(schema, value, fullName)).not.toThrow();
    }
  });
});
