/**
 * The SPL service contracts in definitions/: each compiles cleanly (no diagnostics at all),
 * keeps every record, field, message, parameter and declared error the seed design names,
 * documents everything, types its payloads, and is accepted by avsc as a protocol.
 */
import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import avsc from 'avsc';
import { compileIdl, formatDiagnostics } from '../shared/idl/compile.js';
import { protocolToJson } from '../shared/avro/schema-writer.js';
import { nodeSourceReader } from '../electron/runtime/fs-reader.js';
import { readFile } from 'node:fs/promises';
import { parseIdl } from '../shared/idl/parser.js';
import { formatIdl } from '../shared/idl/format.js';
import type { Field, Message, NamedSchema, Protocol, RecordSchema, Schema } from '../shared/avro/model.js';

const definitionsDir = fileURLToPath(new URL('../definitions/', import.meta.url));

const reader = nodeSourceReader;

interface ExpectedMessage {
  params: string[];
  /** Full names of the declared errors, in order. */
  errors: string[];
}

interface ExpectedProtocol {
  file: string;
  protocol: string;
  namespace: string;
  /** Full record name -> the seed's field names, in the seed's order. */
  records: Record<string, string[]>;
  messages: Record<string, ExpectedMessage>;
}

const EXECUTION_ERROR = 'spl.common.ExecutionError';

/** The shared records every protocol gets through `import idl "spl-common.avdl"`. */
const COMMON_RECORDS: Record<string, string[]> = {
  'spl.common.ExecuteRequest': ['module', 'headers', 'value', 'schema'],
  'spl.common.ExecuteResponse': ['status', 'headers', 'value', 'errorMessage'],
  'spl.common.Payload': ['schema', 'value'],
  'spl.common.SchemaRef': ['name', 'fingerprint', 'json'],
  'spl.common.PipelineStageResult': ['index', 'module', 'status', 'durationMicros', 'outputSize', 'error'],
  [EXECUTION_ERROR]: ['code', 'message', 'module', 'details'],
};

const PROTOCOLS: ExpectedProtocol[] = [
  {
    file: 'spl-execute.avdl',
    protocol: 'SPLExecuteService',
    namespace: 'spl.execute',
    records: { 'spl.execute.ModuleInfo': ['module', 'inputSchema', 'outputSchema'] },
    messages: {
      execute: { params: ['request'], errors: [EXECUTION_ERROR] },
      listAvailableModules: { params: [], errors: [] },
      getModuleSchema: { params: ['module'], errors: [EXECUTION_ERROR] },
      getSchemaByFingerprint: { params: ['fingerprint'], errors: [EXECUTION_ERROR] },
      describeModule: { params: ['module'], errors: [EXECUTION_ERROR] },
    },
  },
  {
    file: 'spl-data.avdl',
    protocol: 'SPLDataService',
    namespace: 'spl.data',
    records: {
      'spl.data.DataWriteRequest': ['topic', 'primaryKey', 'data', 'schema'],
      'spl.data.DataReadRequest': ['topic', 'primaryKey', 'limit', 'offset'],
      'spl.data.DataResponse': ['records', 'totalCount', 'nextOffset'],
      'spl.data.DataWriteError': ['code', 'message', 'topic', 'details'],
      'spl.data.DataReadError': ['code', 'message', 'topic', 'details'],
    },
    messages: {
      write: { params: ['request'], errors: ['spl.data.DataWriteError'] },
      read: { params: ['request'], errors: ['spl.data.DataReadError'] },
      listTopics: { params: [], errors: [] },
    },
  },
  {
    file: 'spl-pipeline.avdl',
    protocol: 'SPLPipelineService',
    namespace: 'spl.pipeline',
    records: {
      'spl.pipeline.PipelineStage': ['module', 'configuration', 'inputSchema', 'outputSchema'],
      'spl.pipeline.PipelineDefinition': ['name', 'stages', 'globalConfig'],
      'spl.pipeline.PipelineExecutionRequest': ['pipeline', 'input', 'context'],
      'spl.pipeline.PipelineError': ['code', 'message', 'pipeline', 'stage', 'details'],
    },
    messages: {
      executePipeline: { params: ['request'], errors: ['spl.pipeline.PipelineError', EXECUTION_ERROR] },
      registerPipeline: { params: ['pipeline'], errors: ['spl.pipeline.PipelineError'] },
      listPipelines: { params: [], errors: [] },
      getPipeline: { params: ['name'], errors: ['spl.pipeline.PipelineError'] },
    },
  },
  {
    file: 'spl-node.avdl',
    protocol: 'SPLNodeService',
    namespace: 'spl.node',
    records: {
      'spl.node.NodeInfo': ['nodeId', 'endpoint', 'availableModules', 'capabilities', 'lastHeartbeat', 'protocols'],
      'spl.node.DistributedExecuteRequest': ['targetNode', 'request', 'timeout'],
      'spl.node.ServedProtocol': ['name', 'md5'],
      'spl.node.NodeError': ['code', 'message', 'nodeId', 'details'],
    },
    messages: {
      executeRemote: { params: ['request'], errors: [EXECUTION_ERROR] },
      listNodes: { params: [], errors: [] },
      registerNode: { params: ['node'], errors: ['spl.node.NodeError'] },
      heartbeat: { params: ['nodeId'], errors: ['spl.node.NodeError'] },
      describeNode: { params: [], errors: [] },
    },
  },
  {
    file: 'spl-container.avdl',
    protocol: 'SPLContainerService',
    namespace: 'spl.container',
    records: {
      'spl.container.ContainerExecuteRequest': ['image', 'request', 'environment', 'volumes'],
      'spl.container.ContainerInfo': ['containerId', 'image', 'status', 'exposedServices'],
      'spl.container.ContainerError': ['code', 'message', 'image', 'containerId', 'details'],
    },
    messages: {
      executeContainer: { params: ['request'], errors: ['spl.container.ContainerError', EXECUTION_ERROR] },
      listContainers: { params: [], errors: ['spl.container.ContainerError'] },
      startContainer: { params: ['image', 'config'], errors: ['spl.container.ContainerError'] },
      stopContainer: { params: ['containerId'], errors: ['spl.container.ContainerError'] },
    },
  },
];

async function compileProtocol(file: string): Promise<Protocol> {
  const result = await compileIdl(path.join(definitionsDir, file), { reader });
  expect(formatDiagnostics(result)).toEqual([]);
  expect(result.ok).toBe(true);
  expect(result.kind).toBe('protocol');
  expect(result.protocol).toBeDefined();
  return result.protocol!;
}

function namedType(protocol: Protocol, fullName: string): NamedSchema {
  const type = protocol.types.find((t) => t.fullName === fullName);
  if (!type) throw new Error(`${protocol.protocol} has no type ${fullName}; it has ${protocol.types.map((t) => t.fullName).join(', ')}`);
  return type;
}

function recordType(protocol: Protocol, fullName: string): RecordSchema {
  const type = namedType(protocol, fullName);
  if (type.type !== 'record' && type.type !== 'error') throw new Error(`${fullName} is a ${type.type}, not a record`);
  return type;
}

function field(record: RecordSchema, name: string): Field {
  const found = record.fields.find((f) => f.name === name);
  if (!found) throw new Error(`${record.fullName} has no field ${name}`);
  return found;
}

function message(protocol: Protocol, name: string): Message {
  const found = protocol.messages.find((m) => m.name === name);
  if (!found) throw new Error(`${protocol.protocol} has no message ${name}`);
  return found;
}

/** A readable shape of a schema: primitives by name, named types by full name. */
function shape(schema: Schema): unknown {
  switch (schema.type) {
    case 'union':
      return { union: schema.types.map(shape) };
    case 'array':
      return { array: shape(schema.items) };
    case 'map':
      return { map: shape(schema.values) };
    case 'record':
    case 'error':
    case 'enum':
    case 'fixed':
      return schema.fullName;
    default:
      return schema.props.logicalType === undefined ? schema.type : `${schema.type}:${String(schema.props.logicalType)}`;
  }
}

/** Seed names appear, in the seed's order (fields added by us may follow or sit between). */
function expectSeedFields(record: RecordSchema, seed: string[]): void {
  const names = record.fields.map((f) => f.name);
  expect(names, `${record.fullName} fields`).toEqual(expect.arrayContaining(seed));
  expect(names.filter((n) => seed.includes(n)), `${record.fullName} field order`).toEqual(seed);
}

const VALUE_UNION = { union: ['null', 'bytes', 'string', 'spl.common.Payload'] };

describe('definitions/spl-common.avdl', () => {
  it('compiles as schema syntax with no diagnostics', async () => {
    const result = await compileIdl(path.join(definitionsDir, 'spl-common.avdl'), { reader });
    expect(formatDiagnostics(result)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.kind).toBe('schemas');
    expect(result.schemas?.map((s) => s.fullName)).toEqual([
      'spl.common.SchemaFingerprint', 'spl.common.SchemaRef', 'spl.common.Payload', 'spl.common.ExecuteStatus',
      EXECUTION_ERROR, 'spl.common.ExecuteRequest', 'spl.common.PipelineStageResult', 'spl.common.ExecuteResponse',
    ]);
    expect(result.schemas?.every((s) => s.namespace === 'spl.common')).toBe(true);
  });
});

describe.each(PROTOCOLS)('definitions/$file', (expected) => {
  it('compiles with no diagnostics, as the right protocol', async () => {
    const protocol = await compileProtocol(expected.file);
    expect(protocol.protocol).toBe(expected.protocol);
    expect(protocol.namespace).toBe(expected.namespace);
    expect(protocol.doc?.trim()).toBeTruthy();
  });

  it("has every seed record and field, and the shared types from spl-common", async () => {
    const protocol = await compileProtocol(expected.file);
    for (const [fullName, seed] of Object.entries({ ...COMMON_RECORDS, ...expected.records })) {
      expectSeedFields(recordType(protocol, fullName), seed);
    }
    expect(namedType(protocol, EXECUTION_ERROR).type).toBe('error');
    for (const fullName of Object.keys(expected.records)) {
      expect(recordType(protocol, fullName).type, fullName).toBe(fullName.endsWith('Error') ? 'error' : 'record');
    }
  });

  it('has every seed message with its parameters and declared errors', async () => {
    const protocol = await compileProtocol(expected.file);
    expect(protocol.messages.map((m) => m.name).sort()).toEqual(Object.keys(expected.messages).sort());
    for (const [name, want] of Object.entries(expected.messages)) {
      const m = message(protocol, name);
      expect(m.request.map((p) => p.name), `${name} parameters`).toEqual(want.params);
      expect(m.errors.map((e) => shape(e)), `${name} errors`).toEqual(want.errors);
      expect(m.oneWay, `${name} one-way`).toBe(false);
    }
  });

  it('documents every protocol type, field, message and parameter', async () => {
    const protocol = await compileProtocol(expected.file);
    const undocumented: string[] = [];
    for (const type of protocol.types) {
      if (!type.doc?.trim()) undocumented.push(type.fullName);
      if (type.type === 'record' || type.type === 'error') {
        for (const f of type.fields) if (!f.doc?.trim()) undocumented.push(`${type.fullName}.${f.name}`);
      }
    }
    for (const m of protocol.messages) {
      if (!m.doc?.trim()) undocumented.push(`${m.name}()`);
      for (const p of m.request) if (!p.doc?.trim()) undocumented.push(`${m.name}(${p.name})`);
    }
    expect(undocumented).toEqual([]);
  });

  it('gives every optional field a null default, so records can evolve', async () => {
    const protocol = await compileProtocol(expected.file);
    const problems: string[] = [];
    for (const type of protocol.types) {
      if (type.type !== 'record' && type.type !== 'error') continue;
      for (const f of type.fields) {
        const optional = f.type.type === 'union' && f.type.types[0].type === 'null';
        if (optional && !(f.hasDefault && f.default === null)) problems.push(`${type.fullName}.${f.name}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps error types to primitive, array and map fields (Python avro reads them)', async () => {
    // Apache Avro's Python library resolves names inside an `error` record in the enclosing
    // namespace rather than the error's own, so a named type there breaks Python clients.
    const protocol = await compileProtocol(expected.file);
    const named: string[] = [];
    const visit = (owner: string, schema: Schema): void => {
      if (schema.type === 'union') schema.types.forEach((t) => visit(owner, t));
      else if (schema.type === 'array') visit(owner, schema.items);
      else if (schema.type === 'map') visit(owner, schema.values);
      else if (schema.type === 'record' || schema.type === 'error' || schema.type === 'enum' || schema.type === 'fixed') {
        named.push(`${owner}: ${schema.fullName}`);
      }
    };
    for (const type of protocol.types) {
      if (type.type === 'error') for (const f of type.fields) visit(`${type.fullName}.${f.name}`, f.type);
    }
    expect(named).toEqual([]);
  });

  it('is accepted by avsc as a protocol', async () => {
    const protocol = await compileProtocol(expected.file);
    const json = protocolToJson(protocol) as { protocol: string; namespace?: string };
    expect(json.protocol).toBe(expected.protocol);
    const service = avsc.Service.forProtocol(json);
    expect(service.name).toBe(`${expected.namespace}.${expected.protocol}`);
    for (const name of Object.keys(expected.messages)) expect(service.message(name), name).toBeTruthy();
  });
});

describe('payloads stay typed', () => {
  it('types the seed generic records as Payload, keeping bytes and text branches', async () => {
    const execute = await compileProtocol('spl-execute.avdl');
    const payload = recordType(execute, 'spl.common.Payload');
    expect(shape(field(payload, 'schema').type)).toBe('spl.common.SchemaRef');
    expect(shape(field(payload, 'value').type)).toBe('bytes');
    const ref = recordType(execute, 'spl.common.SchemaRef');
    expect(shape(field(ref, 'name').type)).toEqual({ union: ['null', 'string'] });
    expect(shape(field(ref, 'fingerprint').type)).toEqual({ union: ['null', 'spl.common.SchemaFingerprint'] });
    expect(shape(field(ref, 'json').type)).toEqual({ union: ['null', 'string'] });
    const fingerprint = namedType(execute, 'spl.common.SchemaFingerprint');
    expect(fingerprint.type === 'fixed' && fingerprint.size).toBe(8);

    expect(shape(field(recordType(execute, 'spl.common.ExecuteRequest'), 'value').type)).toEqual(VALUE_UNION);
    expect(shape(field(recordType(execute, 'spl.common.ExecuteResponse'), 'value').type)).toEqual(VALUE_UNION);
    expect(shape(field(recordType(execute, 'spl.common.ExecuteResponse'), 'status').type)).toBe('spl.common.ExecuteStatus');

    const data = await compileProtocol('spl-data.avdl');
    expect(shape(field(recordType(data, 'spl.data.DataWriteRequest'), 'data').type)).toBe('spl.common.Payload');
    expect(shape(field(recordType(data, 'spl.data.DataResponse'), 'records').type)).toEqual({ array: 'spl.common.Payload' });

    const pipeline = await compileProtocol('spl-pipeline.avdl');
    const run = recordType(pipeline, 'spl.pipeline.PipelineExecutionRequest');
    expect(shape(field(run, 'input').type)).toBe('spl.common.Payload');
    expect(shape(field(run, 'pipeline').type)).toEqual({ union: ['string', 'spl.pipeline.PipelineDefinition'] });
    expect(shape(message(pipeline, 'executePipeline').response)).toBe('spl.common.ExecuteResponse');

    const node = await compileProtocol('spl-node.avdl');
    expect(shape(field(recordType(node, 'spl.node.NodeInfo'), 'lastHeartbeat').type)).toBe('long:timestamp-millis');
    expect(shape(field(recordType(node, 'spl.node.DistributedExecuteRequest'), 'request').type)).toBe('spl.common.ExecuteRequest');

    const container = await compileProtocol('spl-container.avdl');
    const start = message(container, 'startContainer');
    expect(start.request.map((p) => shape(p.type))).toEqual(['string', { map: 'string' }]);
    expect(shape(message(container, 'stopContainer').response)).toBe('null');
    // Added for the studio: where the node inside a container answers, to list its services.
    const info = recordType(container, 'spl.container.ContainerInfo');
    expect(info.fields.map((f) => f.name)).toEqual(['containerId', 'image', 'status', 'exposedServices', 'createdAt', 'endpoint']);
    expect(shape(field(info, 'endpoint').type)).toEqual({ union: ['null', 'string'] });
    expect(field(info, 'endpoint').default).toBeNull();
  });

  it("keeps the sample workspace's copy of spl-container.avdl identical (the studio's drift view compares them)", async () => {
    const copy = fileURLToPath(new URL('../assets/sample-workspace/definitions/spl-container.avdl', import.meta.url));
    expect(await readFile(copy, 'utf8')).toBe(await readFile(path.join(definitionsDir, 'spl-container.avdl'), 'utf8'));
  });

  it('round-trips an ExecuteRequest carrying a Payload through avsc', async () => {
    const execute = await compileProtocol('spl-execute.avdl');
    const service = avsc.Service.forProtocol(protocolToJson(execute));
    const requestType = service.type('spl.common.ExecuteRequest');
    expect(requestType).toBeDefined();

    // The payload: a small record written with its own schema, referenced by name and fingerprint.
    const userType = avsc.Type.forSchema({
      type: 'record', name: 'User', namespace: 'spl.test',
      fields: [{ name: 'id', type: 'string' }, { name: 'age', type: 'int' }],
    });
    const request = {
      module: 'spl/data/write',
      headers: { trace: 't1' },
      value: {
        schema: { name: 'spl.test.User', fingerprint: Buffer.alloc(8, 7), json: null },
        value: userType.toBuffer({ id: 'u1', age: 42 }),
      },
      schema: null,
    };
    expect(requestType!.isValid(request)).toBe(true);
    const decoded = requestType!.fromBuffer(requestType!.toBuffer(request)) as typeof request;
    expect(decoded.module).toBe('spl/data/write');
    expect(userType.fromBuffer(decoded.value.value)).toEqual(userType.clone({ id: 'u1', age: 42 }));
    // Text and blob values stay plain.
    expect(requestType!.isValid({ ...request, value: 'hello' })).toBe(true);
    expect(requestType!.isValid({ ...request, value: Buffer.from([1, 2]) })).toBe(true);
  });
});

describe('definitions are formatted as spl fmt writes them', () => {
  for (const file of ['spl-common.avdl', ...PROTOCOLS.map((p) => p.file)]) {
    it(file, async () => {
      const text = await readFile(path.join(definitionsDir, file), 'utf8');
      const { ast, diagnostics } = parseIdl(text, file);
      expect(diagnostics).toEqual([]);
      expect(formatIdl(ast)).toBe(text);
    });
  }
});
