/**
 * TypeScript types of the SPL services as the seed's JavaScript API calls them: plain values
 * (a union's value bare, fields with defaults optional; see modules/plain-value.ts). They mirror
 * definitions/spl-execute.avdl, spl-data.avdl and spl-pipeline.avdl; client-types.test.ts checks
 * that every message and field here exists there, so a change to a contract breaks the build
 * of its callers instead of their calls at run time.
 */

/** spl.common.SchemaRef: the writer schema of a Payload (set at least one). */
export interface SchemaRef {
  name?: string | null;
  /** CRC-64-AVRO of the schema's Parsing Canonical Form (8 bytes, little-endian). */
  fingerprint?: Uint8Array | null;
  json?: string | null;
}

/** spl.common.Payload: Avro binary plus its writer schema. */
export interface Payload {
  schema: SchemaRef;
  value: Uint8Array;
}

export type ExecuteStatus = 'UNKNOWN' | 'DATA' | 'BLOB' | 'ERROR' | 'COMPLETED';

export type ExecuteValue = null | Uint8Array | string | Payload;

export interface ExecutionError {
  code: string;
  message: string;
  module: string | null;
  nodeId: string | null;
  retryable: boolean;
  details: Record<string, string>;
}

export interface ExecuteRequest {
  module: string;
  headers?: Record<string, string>;
  value?: ExecuteValue;
  schema?: string | null;
}

export interface PipelineStageResult {
  index: number;
  module: string;
  status: ExecuteStatus;
  durationMicros: number | bigint;
  outputSize: number | bigint;
  nodeId: string | null;
  error: ExecutionError | null;
}

export interface ExecuteResponse {
  status: ExecuteStatus;
  headers: Record<string, string>;
  value: ExecuteValue;
  errorMessage: string | null;
  errorCode: string | null;
  stages: PipelineStageResult[];
}

export interface ModuleInfo {
  module: string;
  description: string | null;
  inputSchema: string | null;
  outputSchema: string | null;
}

export interface SPLExecuteServiceClient {
  execute(request: ExecuteRequest): Promise<ExecuteResponse>;
  listAvailableModules(): Promise<string[]>;
  getModuleSchema(module: string): Promise<string>;
  getSchemaByFingerprint(fingerprint: Uint8Array): Promise<string>;
  describeModule(module: string): Promise<ModuleInfo>;
}

export interface DataWriteRequest {
  topic: string;
  primaryKey: string;
  data: Payload;
  schema?: string | null;
}

export interface DataReadRequest {
  topic: string;
  primaryKey?: string | null;
  limit?: number | bigint | null;
  offset?: number | bigint | null;
}

export interface DataResponse {
  records: Payload[];
  totalCount: number | bigint;
  nextOffset: string | null;
  primaryKeys: string[];
}

export interface SPLDataServiceClient {
  write(request: DataWriteRequest): Promise<null>;
  read(request: DataReadRequest): Promise<DataResponse>;
  listTopics(): Promise<string[]>;
}

export interface PipelineStage {
  module: string;
  configuration?: Record<string, string>;
  inputSchema?: string | null;
  outputSchema?: string | null;
}

export interface PipelineDefinition {
  name: string;
  stages: PipelineStage[];
  globalConfig?: Record<string, string>;
  description?: string | null;
}

/** A PipelineDefinition as the node returns it: every field present. */
export interface StoredPipelineDefinition {
  name: string;
  stages: Required<PipelineStage>[];
  globalConfig: Record<string, string>;
  description: string | null;
}

export interface PipelineExecutionRequest {
  pipeline: string | PipelineDefinition;
  input: Payload;
  context?: Record<string, string>;
}

export interface SPLPipelineServiceClient {
  executePipeline(request: PipelineExecutionRequest): Promise<ExecuteResponse>;
  registerPipeline(pipeline: PipelineDefinition): Promise<null>;
  listPipelines(): Promise<string[]>;
  getPipeline(name: string): Promise<StoredPipelineDefinition>;
}

/** The typed clients by protocol name; any other protocol gets the untyped `ServiceClient`. */
export interface SplServiceClients {
  SPLExecuteService: SPLExecuteServiceClient;
  SPLDataService: SPLDataServiceClient;
  SPLPipelineService: SPLPipelineServiceClient;
}

/** A client of a protocol without generated types: one method per message, positional parameters. */
export type ServiceClient = Record<string, (...parameters: unknown[]) => Promise<unknown>>;

/** `SPLDataService` or `spl.data.SPLDataService` → its typed client. */
export type ClientFor<N extends string> = N extends `${string}.${infer Simple}` ? ClientFor<Simple> : N extends keyof SplServiceClients ? SplServiceClients[N] : ServiceClient;
