/**
 * `StudioApi`: everything the studio's renderer knows of the world. In Electron the preload
 * script carries it over IPC; in a browser the web host carries it over a WebSocket. Both hosts
 * serve the same implementation (electron/runtime/studio) and validate every argument where it
 * enters (shared/studio/methods.ts), as if it came from an untrusted page.
 *
 * Methods are async and take plain JSON-serializable values; live things are events. Groups
 * follow the user's work: the workspace, connections to nodes and clusters, describing a node,
 * calling it, and the history of calls. Avro values cross as Avro JSON *text*, so that longs
 * beyond 2^53 stay exact all the way (JSON.parse would round them).
 */

/** A path inside the workspace, relative to its root, with `/` separators and no `..`. */
export type WorkspacePath = string;

export interface WorkspaceInfo {
  /** The folder's name, for titles. */
  name: string;
  /** The folder's absolute path as the host sees it, for display only. */
  root: string;
}

export interface WorkspaceEntry {
  path: WorkspacePath;
  kind: 'file' | 'directory';
}

export interface FileContent {
  path: WorkspacePath;
  text: string;
  /** Changes whenever the file on disk changes (modification time and size). */
  version: string;
}

export interface WriteOptions {
  /**
   * The version this edit started from: if the file on disk has changed since, the write is
   * refused with a `conflict` error instead of overwriting someone else's change.
   */
  expectedVersion?: string;
}

export type WorkspaceChange =
  | { type: 'changed' | 'created'; path: WorkspacePath; version: string }
  | { type: 'deleted'; path: WorkspacePath };

export interface WorkspaceApi {
  info(): Promise<WorkspaceInfo>;
  /** Every file and folder under the root, depth first, sorted; skips `.git` and `node_modules`. */
  list(): Promise<WorkspaceEntry[]>;
  read(path: WorkspacePath): Promise<FileContent>;
  write(path: WorkspacePath, text: string, options?: WriteOptions): Promise<{ version: string }>;
}

/** What the host runs: shown in the status bar. */
export interface HostInfo {
  /** The product version. */
  version: string;
  /** The local runtime's node, when one is running. */
  node?: { url: string; protocols: string[] };
}

// ---------------------------------------------------------------------------------------------
// Connections: the local runtime, remote nodes by URL, clusters by discovery.

/** The local runtime's connection id; it is always there and never saved. */
export const LOCAL_CONNECTION_ID = 'local';

/**
 * - `node`: one node by URL: `http(s)://HOST:PORT` or `tcp(s)://HOST:PORT`;
 * - `etcd`: a cluster whose nodes register in etcd: the etcd client URL, `http://HOST:PORT`;
 * - `registry`: a cluster whose nodes join a registry node: that node's URL.
 */
export type RemoteConnectionKind = 'node' | 'etcd' | 'registry';
export type ConnectionKind = 'local' | RemoteConnectionKind;

/** A connection as saved in the workspace's `spl-workspace.json`: never a secret. */
export interface ConnectionConfig {
  /** Unique in the workspace: 1 to 64 of `a-z 0-9 - _`; not "local". */
  id: string;
  /** For people: 1 to 120 characters. */
  name: string;
  kind: RemoteConnectionKind;
  url: string;
  /** For https:// and tcps:// URLs: a PEM file of the certificate authority to trust, on the host. */
  caFile?: string;
}

/** What stays out of the workspace: kept in the user's own settings on the host. */
export interface ConnectionSecrets {
  /** The node's (or cluster's nodes') access token; `null` forgets a stored one. */
  token?: string | null;
}

export type ConnectionState = 'connecting' | 'connected' | 'error';

export interface ConnectionStatus {
  id: string;
  name: string;
  kind: ConnectionKind;
  /** The node's or discovery endpoint's URL (the local node's HTTP URL). */
  url: string;
  caFile?: string;
  /** Whether a token is stored for it (the token itself never reaches the renderer). */
  hasToken: boolean;
  state: ConnectionState;
  /** Why it is not connected, for people: what failed, where, and what to do. */
  error?: string;
}

// ---------------------------------------------------------------------------------------------
// Nodes, as the cluster browser and the explorer show them.

/** One protocol a node serves, with its handshake hash (32 hex digits). */
export interface ServedProtocol {
  name: string;
  md5: string;
}

/**
 * How a node's protocol compares with the workspace's definition of the same full name:
 * `same` (identical hash), `differs`, or `not-in-workspace` (no definition of that name).
 */
export type DriftState = 'same' | 'differs' | 'not-in-workspace';

export interface ClusterNode {
  connectionId: string;
  nodeId: string;
  /** Where it answers Avro RPC. */
  endpoint: string;
  availableModules: string[];
  capabilities: Record<string, string>;
  /** Milliseconds since the epoch when the cluster last heard of it (for a lone node: last answered). */
  lastHeartbeat: number;
  protocols: ServedProtocol[];
  /** `up`: a member / answering; `unreachable`: a lone node that stopped answering (see healthError). */
  health: 'up' | 'unreachable';
  healthError?: string;
  /** Per served protocol name. */
  drift: Record<string, DriftState>;
  /** Set for an SPL node running in a container that another node of the connection manages. */
  container?: { hostNodeId: string; containerId: string; image: string; status: string };
}

/** One message's verdict when the workspace's definition (the caller) talks to the node's. */
export interface MessageDrift {
  message: string;
  /** `same` when the two messages are identical; `added`: only on the node; `removed`: only in the workspace. */
  status: 'same' | 'compatible' | 'incompatible' | 'added' | 'removed';
  /** Why calls break, each with its field path (`request.record.id`, `response(Pong).kind`). */
  reasons: string[];
}

export interface ProtocolDescription {
  name: string;
  md5: string;
  /** The protocol's JSON (.avpr text) exactly as the node sent it in the handshake. */
  text: string;
  drift: DriftState;
  /** The workspace file defining a protocol of the same full name. */
  definitionFile?: WorkspacePath;
  /** When `drift` is `differs`: a verdict per message (the workspace's messages, then the node's extra ones). */
  messages?: MessageDrift[];
}

export interface NodeDescription {
  connectionId: string;
  nodeId: string;
  endpoint: string;
  protocols: ProtocolDescription[];
}

/** A module a node can execute, with its schemas as Avro JSON text (every named type inline). */
export interface ModuleDescription {
  module: string;
  description?: string;
  /** Full names, as SPLExecuteService.describeModule gives them. */
  inputSchema?: string;
  outputSchema?: string;
  inputSchemaText?: string;
  outputSchemaText?: string;
}

// ---------------------------------------------------------------------------------------------
// Calls.

export interface CallRequest {
  /** Chosen by the renderer, unique among its calls in flight, so that it can cancel one: 1 to 64 characters. */
  callId: string;
  connectionId: string;
  nodeId: string;
  /** The protocol's full name, e.g. "spl.execute.SPLExecuteService". */
  protocol: string;
  message: string;
  /** The request in Avro's JSON encoding, as text: an object with one member per parameter. */
  body: string;
  /** Call metadata, sent as UTF-8 bytes under each key. */
  metadata?: Record<string, string>;
  /** Give up after this many milliseconds (1 to 3,600,000). */
  deadlineMs?: number;
}

export type CallOutcomeKind = 'ok' | 'declared-error' | 'system-error' | 'transport-error' | 'timeout' | 'cancelled' | 'invalid-request';

export type HandshakeMatch = 'BOTH' | 'CLIENT' | 'NONE';

export interface HandshakeOutcome {
  match: HandshakeMatch;
  /** 32 hex digits each. */
  clientHash: string;
  serverHash: string | null;
  /** Whether the node sent its protocol (it did not know ours). */
  serverProtocolSent: boolean;
  /** False when the call reused a TCP connection whose handshake was done before: then this is that handshake. */
  onThisCall: boolean;
}

/** A span of a frame's bytes, labelled for the annotated hex view. */
export interface FrameSegment {
  /** Byte offsets in the frame, end exclusive. */
  start: number;
  end: number;
  kind: 'framing' | 'handshake' | 'metadata' | 'message-name' | 'error-flag' | 'payload';
  /** For people: "frame length 0x2c", "handshake request: clientHash …", "message name \"execute\"". */
  label: string;
}

export interface WireFrame {
  direction: 'request' | 'response';
  /** The bytes as they crossed the wire (transport framing included), as hex; at most the first 64 KiB. */
  hex: string;
  /** The full length, which may be more than `hex` holds. */
  length: number;
  segments: FrameSegment[];
}

export interface CallResult {
  callId: string;
  /** The call's entry in the history. */
  historyId: string;
  outcome: CallOutcomeKind;
  /** `ok`: the response; `declared-error`: the error's value; both Avro JSON text. */
  body?: string;
  /** `declared-error`: the error type's full name. */
  errorType?: string;
  /** Every outcome but `ok` and `declared-error`: what went wrong, for people. */
  message?: string;
  /** The endpoint called. */
  endpoint: string;
  startedAt: number;
  durationMs: number;
  requestBytes: number;
  responseBytes: number;
  frames: WireFrame[];
  handshake?: HandshakeOutcome;
  /** The response's call metadata: UTF-8 text where it decodes as such, else `0x` and hex. */
  responseMetadata: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// History: every call, per user (not in the workspace).

export interface HistoryEntry {
  id: string;
  /** When the call started, milliseconds since the epoch. */
  at: number;
  /** What was sent (the callId is dropped; metadata values as sent). */
  request: Omit<CallRequest, 'callId'>;
  connectionName: string;
  result: Omit<CallResult, 'callId' | 'historyId'>;
}

export interface HistoryQuery {
  /** Words that must all appear (any case) in the target, the message, the request or the result. */
  text?: string;
  /** Newest first; default 200, at most 1000. */
  limit?: number;
}

// ---------------------------------------------------------------------------------------------
// Containers: SPL nodes in containers, managed by a node through the Docker Engine API.

/** spl-container.avdl's ContainerInfo. */
export interface ContainerSummary {
  containerId: string;
  image: string;
  /** The engine's state: "running", "exited"… */
  status: string;
  /** The protocols it serves (full names), from its spl.avro.services label. */
  exposedServices: string[];
  /** Milliseconds since the epoch; null if unknown. */
  createdAt: number | null;
  /** Where the node inside answers Avro RPC; null if it serves none. */
  endpoint: string | null;
}

// ---------------------------------------------------------------------------------------------
// Pipelines: registered on a node, or run from the studio stage by stage.

/** One stage's part in a run from the studio. */
export interface StageRun {
  index: number;
  module: string;
  /**
   * `ok`: it ran and answered; `error`: it reported ERROR or could not be carried out; `pinned`:
   * its pinned output stood in for it; `skipped`: an earlier stage failed; `running`: in a
   * progress event only.
   */
  state: 'running' | 'ok' | 'error' | 'pinned' | 'skipped';
  durationMs?: number;
  /** Its spl.common.ExecuteResponse as Avro JSON text (ran or pinned). */
  output?: string;
  /** `error`: the declared error's type (spl.common.ExecutionError), when it was one. */
  errorType?: string;
  /** `error`: what went wrong, for people (the module's errorMessage, or the error's message). */
  error?: string;
}

export interface PipelineRunRequest {
  /** Chosen by the renderer (1 to 64 characters): progress events carry it. */
  runId: string;
  connectionId: string;
  nodeId: string;
  /** The pipeline as Avro JSON text of spl.pipeline.PipelineDefinition. */
  definition: string;
  /** The first stage's input: Avro JSON text of ExecuteRequest.value (`null`, `{"string": …}`, `{"spl.common.Payload": …}`). */
  input: string;
  /** The run's SPL headers (PipelineExecutionRequest.context). */
  context?: Record<string, string>;
  /** By stage index: an ExecuteResponse (Avro JSON text) that stands in for running that stage. */
  pins?: Record<string, string>;
  /** Give up on the run after this many milliseconds (1 to 3,600,000). */
  deadlineMs?: number;
}

export interface PipelineRunResult {
  runId: string;
  /** `ok` when every stage ran or was pinned. */
  outcome: 'ok' | 'error' | 'timeout';
  stages: StageRun[];
  /** The last stage's ExecuteResponse as Avro JSON text, when the run got there. */
  output?: string;
  durationMs: number;
}

// ---------------------------------------------------------------------------------------------

export interface StudioApi {
  workspace: WorkspaceApi;
  host: { info(): Promise<HostInfo> };
  connections: {
    /** The local runtime's connection first, then the workspace's, in saved order. */
    list(): Promise<ConnectionStatus[]>;
    /** Adds a connection or replaces the one with the same id, saves it in the workspace and connects. */
    save(config: ConnectionConfig, secrets?: ConnectionSecrets): Promise<ConnectionStatus>;
    remove(id: string): Promise<void>;
  };
  cluster: {
    /** The nodes of one connection (or of all connections), as last known. */
    nodes(connectionId?: string): Promise<ClusterNode[]>;
  };
  describe: {
    /** A node's protocols, each compared with the workspace's definitions. */
    node(connectionId: string, nodeId: string): Promise<NodeDescription>;
    /** The modules a node can execute, with their schemas. */
    modules(connectionId: string, nodeId: string): Promise<ModuleDescription[]>;
  };
  call: {
    /** Calls one message; resolves with the outcome whatever it is (it rejects only for arguments that make no sense). */
    send(request: CallRequest): Promise<CallResult>;
    /** Cancels a call in flight (it resolves with outcome `cancelled`); unknown ids are ignored. */
    cancel(callId: string): Promise<void>;
  };
  history: {
    list(query?: HistoryQuery): Promise<HistoryEntry[]>;
    clear(): Promise<void>;
  };
  containers: {
    /** The containers a node's engine runs (SPLContainerService.listContainers). */
    list(connectionId: string, nodeId: string): Promise<ContainerSummary[]>;
    /** Starts a container running an SPL node from `image` (config keys: name, port, env.NAME). */
    start(connectionId: string, nodeId: string, image: string, config: Record<string, string>): Promise<ContainerSummary>;
    stop(connectionId: string, nodeId: string, containerId: string): Promise<void>;
  };
  pipelines: {
    /** The names of the pipelines registered on a node. */
    list(connectionId: string, nodeId: string): Promise<string[]>;
    /** A registered pipeline's definition, as Avro JSON text of spl.pipeline.PipelineDefinition. */
    get(connectionId: string, nodeId: string, name: string): Promise<string>;
    /**
     * Registers (or replaces) a pipeline on a node. A definition the node refuses rejects with
     * `invalid-argument` and the node's PipelineError message (its stage and field paths).
     */
    register(connectionId: string, nodeId: string, definition: string): Promise<void>;
    /** Runs a pipeline from the studio, stage by stage on the node (SPLExecuteService.execute), honouring pins. */
    run(request: PipelineRunRequest): Promise<PipelineRunResult>;
    /** Stops a run in flight: the stage running now is aborted (`error`), the rest `skipped`; the run resolves with what ran. */
    cancel(runId: string): Promise<void>;
  };
  /** Live events; returns a function that stops listening. */
  on<E extends keyof StudioEvents>(event: E, listener: (payload: StudioEvents[E]) => void): () => void;
}

export interface StudioEvents {
  /** A file under the workspace changed on disk (by the studio or by anyone else). */
  'workspace.change': WorkspaceChange;
  /** The connections or their states changed: the full new list. */
  'connections.change': ConnectionStatus[];
  /** One connection's nodes changed (joined, left, heartbeat, health, drift): its full new list. */
  'cluster.change': { connectionId: string; nodes: ClusterNode[] };
  /** A call was recorded. */
  'history.change': HistoryEntry;
  /** A stage of a studio run started or ended. */
  'pipeline.progress': { runId: string; stage: StageRun };
}

/** Error codes a method may fail with, so the renderer can act on them. */
export type StudioErrorCode = 'invalid-argument' | 'not-found' | 'conflict' | 'io' | 'unauthorized' | 'internal';

/** How a failed method call reaches the renderer, whichever the host. */
export interface StudioErrorShape {
  code: StudioErrorCode;
  message: string;
}

export class StudioError extends Error {
  constructor(readonly code: StudioErrorCode, message: string) {
    super(message);
    this.name = 'StudioError';
  }
}
