/**
 * The StudioApi's methods as the wire names them, each with a hand-written validator for its
 * arguments. Both hosts (Electron IPC and the web host's WebSocket) dispatch through here, so
 * every argument is checked where it enters, as if it came from an untrusted page.
 */
import {
  LOCAL_CONNECTION_ID,
  StudioError,
  type CallRequest,
  type CallResult,
  type ClusterNode,
  type ConnectionConfig,
  type ConnectionSecrets,
  type ConnectionStatus,
  type ContainerSummary,
  type HistoryEntry,
  type HistoryQuery,
  type ModuleDescription,
  type NodeDescription,
  type PipelineRunRequest,
  type PipelineRunResult,
  type RemoteConnectionKind,
  type FileContent,
  type HostInfo,
  type StudioApi,
  type StudioEvents,
  type WorkspaceEntry,
  type WorkspaceInfo,
  type WorkspacePath,
  type WriteOptions,
} from './api.js';
import { workspacePathProblem } from './workspace-path.js';

/** Each method's arguments (as sent: a JSON array) and result. */
export interface StudioMethods {
  'workspace.info': { args: []; result: WorkspaceInfo };
  'workspace.list': { args: []; result: WorkspaceEntry[] };
  'workspace.read': { args: [path: WorkspacePath]; result: FileContent };
  'workspace.write': { args: [path: WorkspacePath, text: string, options?: WriteOptions]; result: { version: string } };
  'host.info': { args: []; result: HostInfo };
  'connections.list': { args: []; result: ConnectionStatus[] };
  'connections.save': { args: [config: ConnectionConfig, secrets?: ConnectionSecrets]; result: ConnectionStatus };
  'connections.remove': { args: [id: string]; result: void };
  'cluster.nodes': { args: [connectionId?: string]; result: ClusterNode[] };
  'describe.node': { args: [connectionId: string, nodeId: string]; result: NodeDescription };
  'describe.modules': { args: [connectionId: string, nodeId: string]; result: ModuleDescription[] };
  'call.send': { args: [request: CallRequest]; result: CallResult };
  'call.cancel': { args: [callId: string]; result: void };
  'history.list': { args: [query?: HistoryQuery]; result: HistoryEntry[] };
  'history.clear': { args: []; result: void };
  'containers.list': { args: [connectionId: string, nodeId: string]; result: ContainerSummary[] };
  'containers.start': { args: [connectionId: string, nodeId: string, image: string, config: Record<string, string>]; result: ContainerSummary };
  'containers.stop': { args: [connectionId: string, nodeId: string, containerId: string]; result: void };
  'pipelines.list': { args: [connectionId: string, nodeId: string]; result: string[] };
  'pipelines.get': { args: [connectionId: string, nodeId: string, name: string]; result: string };
  'pipelines.register': { args: [connectionId: string, nodeId: string, definition: string]; result: void };
  'pipelines.run': { args: [request: PipelineRunRequest]; result: PipelineRunResult };
  'pipelines.cancel': { args: [runId: string]; result: void };
}

export type StudioMethod = keyof StudioMethods;

/** The events a host forwards to the renderer. */
export const STUDIO_EVENTS: readonly (keyof StudioEvents)[] = ['workspace.change', 'connections.change', 'cluster.change', 'history.change', 'pipeline.progress'];

/** The largest text a write may carry, in UTF-8 bytes (the web host's socket limit allows for JSON escaping). */
export const MAX_TEXT_BYTES = 20 * 1024 * 1024;
const MAX_VERSION_LENGTH = 256;
/** A request body's limit, in characters (the wire's own frame limits apply after encoding). */
export const MAX_BODY_CHARS = 16 * 1024 * 1024;
const MAX_ID = 64;
const MAX_NAME = 120;
const MAX_URL = 2048;
const MAX_TOKEN = 4096;
const MAX_METADATA_ENTRIES = 64;
const MAX_METADATA_CHARS = 64 * 1024;
const MAX_DEADLINE_MS = 3_600_000;
const MAX_HISTORY_LIMIT = 1000;
const MAX_QUERY_CHARS = 1000;
const CONNECTION_ID = /^[a-z0-9_-]{1,64}$/;
const REMOTE_KINDS: readonly RemoteConnectionKind[] = ['node', 'etcd', 'registry'];
const URL_SCHEMES: Record<RemoteConnectionKind, readonly string[]> = {
  node: ['http:', 'https:', 'tcp:', 'tcps:'],
  etcd: ['http:', 'https:'],
  registry: ['http:', 'https:', 'tcp:', 'tcps:'],
};

type Validator<M extends StudioMethod> = (args: readonly unknown[]) => StudioMethods[M]['args'];

const validators: { [M in StudioMethod]: Validator<M> } = {
  'workspace.info': (args) => noArgs('workspace.info', args),
  'workspace.list': (args) => noArgs('workspace.list', args),
  'workspace.read': (args) => {
    arity('workspace.read', args, 1, 1);
    return [workspacePath('workspace.read', args[0])];
  },
  'workspace.write': (args) => {
    arity('workspace.write', args, 2, 3);
    const path = workspacePath('workspace.write', args[0]);
    const text = writeText('workspace.write', args[1]);
    return args[2] === undefined ? [path, text] : [path, text, writeOptions('workspace.write', args[2])];
  },
  'host.info': (args) => noArgs('host.info', args),
  'connections.list': (args) => noArgs('connections.list', args),
  'connections.save': (args) => {
    arity('connections.save', args, 1, 2);
    const config = connectionConfig('connections.save', args[0]);
    return args[1] === undefined ? [config] : [config, connectionSecrets('connections.save', args[1])];
  },
  'connections.remove': (args) => {
    arity('connections.remove', args, 1, 1);
    return [connectionId('connections.remove', args[0], false)];
  },
  'cluster.nodes': (args) => {
    arity('cluster.nodes', args, 0, 1);
    return args[0] === undefined ? [] : [connectionId('cluster.nodes', args[0], true)];
  },
  'describe.node': (args) => nodeArgs('describe.node', args),
  'describe.modules': (args) => nodeArgs('describe.modules', args),
  'call.send': (args) => {
    arity('call.send', args, 1, 1);
    return [callRequest('call.send', args[0])];
  },
  'call.cancel': (args) => {
    arity('call.cancel', args, 1, 1);
    return [shortString('call.cancel', 'callId', args[0], MAX_ID)];
  },
  'history.list': (args) => {
    arity('history.list', args, 0, 1);
    return args[0] === undefined ? [] : [historyQuery('history.list', args[0])];
  },
  'history.clear': (args) => noArgs('history.clear', args),
  'containers.list': (args) => nodeArgs('containers.list', args),
  'containers.start': (args) => {
    arity('containers.start', args, 4, 4);
    const [connection, node] = nodeArgs('containers.start', args.slice(0, 2));
    return [connection, node, shortString('containers.start', 'image', args[2], 512), stringMap('containers.start', 'config', args[3])];
  },
  'containers.stop': (args) => {
    arity('containers.stop', args, 3, 3);
    const [connection, node] = nodeArgs('containers.stop', args.slice(0, 2));
    return [connection, node, shortString('containers.stop', 'containerId', args[2], 256)];
  },
  'pipelines.list': (args) => nodeArgs('pipelines.list', args),
  'pipelines.get': (args) => {
    arity('pipelines.get', args, 3, 3);
    const [connection, node] = nodeArgs('pipelines.get', args.slice(0, 2));
    return [connection, node, shortString('pipelines.get', 'name', args[2], 200)];
  },
  'pipelines.register': (args) => {
    arity('pipelines.register', args, 3, 3);
    const [connection, node] = nodeArgs('pipelines.register', args.slice(0, 2));
    return [connection, node, bodyText('pipelines.register', 'definition', args[2])];
  },
  'pipelines.run': (args) => {
    arity('pipelines.run', args, 1, 1);
    return [pipelineRunRequest('pipelines.run', args[0])];
  },
  'pipelines.cancel': (args) => {
    arity('pipelines.cancel', args, 1, 1);
    return [shortString('pipelines.cancel', 'runId', args[0], MAX_ID)];
  },
};

const callers: { [M in StudioMethod]: (api: StudioApi, args: StudioMethods[M]['args']) => Promise<StudioMethods[M]['result']> } = {
  'workspace.info': (api) => api.workspace.info(),
  'workspace.list': (api) => api.workspace.list(),
  'workspace.read': (api, [path]) => api.workspace.read(path),
  'workspace.write': (api, [path, text, options]) => api.workspace.write(path, text, options),
  'host.info': (api) => api.host.info(),
  'connections.list': (api) => api.connections.list(),
  'connections.save': (api, [config, secrets]) => api.connections.save(config, secrets),
  'connections.remove': (api, [id]) => api.connections.remove(id),
  'cluster.nodes': (api, [connectionId]) => api.cluster.nodes(connectionId),
  'describe.node': (api, [connectionId, nodeId]) => api.describe.node(connectionId, nodeId),
  'describe.modules': (api, [connectionId, nodeId]) => api.describe.modules(connectionId, nodeId),
  'call.send': (api, [request]) => api.call.send(request),
  'call.cancel': (api, [callId]) => api.call.cancel(callId),
  'history.list': (api, [query]) => api.history.list(query),
  'history.clear': (api) => api.history.clear(),
  'containers.list': (api, [connectionId, nodeId]) => api.containers.list(connectionId, nodeId),
  'containers.start': (api, [connectionId, nodeId, image, config]) => api.containers.start(connectionId, nodeId, image, config),
  'containers.stop': (api, [connectionId, nodeId, containerId]) => api.containers.stop(connectionId, nodeId, containerId),
  'pipelines.list': (api, [connectionId, nodeId]) => api.pipelines.list(connectionId, nodeId),
  'pipelines.get': (api, [connectionId, nodeId, name]) => api.pipelines.get(connectionId, nodeId, name),
  'pipelines.register': (api, [connectionId, nodeId, definition]) => api.pipelines.register(connectionId, nodeId, definition),
  'pipelines.run': (api, [request]) => api.pipelines.run(request),
  'pipelines.cancel': (api, [runId]) => api.pipelines.cancel(runId),
};

export const STUDIO_METHODS = Object.keys(validators) as StudioMethod[];

export function isStudioMethod(name: unknown): name is StudioMethod {
  return typeof name === 'string' && Object.hasOwn(validators, name);
}

/** A checked call: the method is known and its arguments have the declared shape. */
export interface ValidCall<M extends StudioMethod = StudioMethod> {
  method: M;
  args: StudioMethods[M]['args'];
}

/** Checks a call from outside; throws `StudioError('invalid-argument')` saying what is wrong. */
export function validateCall(method: unknown, args: unknown): ValidCall {
  if (!isStudioMethod(method)) {
    throw invalid(`unknown method ${describeValue(method)}; the studio's methods are ${STUDIO_METHODS.join(', ')}`);
  }
  if (!Array.isArray(args)) throw invalid(`${method}: arguments must be an array, got ${describeValue(args)}`);
  return { method, args: validators[method](args) } as ValidCall;
}

/** Validates a call and runs it against `api`. */
export async function dispatch(api: StudioApi, method: string, args: unknown): Promise<unknown> {
  const call = validateCall(method, args);
  return (callers[call.method] as (api: StudioApi, args: unknown) => Promise<unknown>)(api, call.args);
}

function workspacePath(method: string, value: unknown): WorkspacePath {
  const problem = workspacePathProblem(value);
  if (problem) throw invalid(`${method}: path must be a relative workspace path, got ${describeValue(value)} (${problem})`);
  return value as string;
}

function writeText(method: string, value: unknown): string {
  if (typeof value !== 'string') throw invalid(`${method}: text must be a string, got ${describeValue(value)}`);
  const bytes = utf8Length(value, MAX_TEXT_BYTES);
  if (bytes > MAX_TEXT_BYTES) throw invalid(`${method}: text is larger than ${MAX_TEXT_BYTES / (1024 * 1024)} MB`);
  return value;
}

function writeOptions(method: string, value: unknown): WriteOptions {
  if (!isPlainObject(value)) throw invalid(`${method}: options must be an object, got ${describeValue(value)}`);
  for (const key of Object.keys(value)) {
    if (key !== 'expectedVersion') throw invalid(`${method}: unknown option ${describeValue(key)}; the only option is expectedVersion`);
  }
  const expected = value.expectedVersion;
  if (expected === undefined) return {};
  if (typeof expected !== 'string' || expected === '' || expected.length > MAX_VERSION_LENGTH) {
    throw invalid(`${method}: options.expectedVersion must be a version string from read or write, got ${describeValue(expected)}`);
  }
  return { expectedVersion: expected };
}

function connectionId(method: string, value: unknown, allowLocal: boolean): string {
  if (typeof value !== 'string' || !CONNECTION_ID.test(value)) {
    throw invalid(`${method}: a connection id is 1 to ${MAX_ID} of a-z, 0-9, - and _, got ${describeValue(value)}`);
  }
  if (!allowLocal && value === LOCAL_CONNECTION_ID) throw invalid(`${method}: the local runtime's connection cannot be changed or removed`);
  return value;
}

function connectionConfig(method: string, value: unknown): ConnectionConfig {
  const config = plainObject(method, 'config', value, ['id', 'name', 'kind', 'url', 'caFile']);
  const id = connectionId(method, config.id, false);
  const name = shortString(method, 'config.name', config.name, MAX_NAME).trim();
  if (name === '') throw invalid(`${method}: config.name must not be blank`);
  if (typeof config.kind !== 'string' || !(REMOTE_KINDS as readonly string[]).includes(config.kind)) {
    throw invalid(`${method}: config.kind must be one of ${REMOTE_KINDS.join(', ')}, got ${describeValue(config.kind)}`);
  }
  const kind = config.kind as RemoteConnectionKind;
  const url = shortString(method, 'config.url', config.url, MAX_URL).trim();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid(`${method}: config.url is not a URL: ${describeValue(url)}`);
  }
  if (!URL_SCHEMES[kind].includes(parsed.protocol)) {
    throw invalid(`${method}: ${kind === 'etcd' ? 'an' : 'a'} ${kind} connection's URL starts with ${URL_SCHEMES[kind].map((s) => s + '//').join(', ')}; got ${describeValue(url)}`);
  }
  if (!parsed.hostname || !parsed.port) throw invalid(`${method}: config.url must name a host and a port, got ${describeValue(url)}`);
  if (parsed.username || parsed.password) throw invalid(`${method}: put credentials in the token, not in config.url`);
  const result: ConnectionConfig = { id, name, kind, url };
  if (config.caFile !== undefined) {
    const caFile = shortString(method, 'config.caFile', config.caFile, MAX_URL);
    if (caFile === '' || caFile.includes('\0')) throw invalid(`${method}: config.caFile must be a file path`);
    result.caFile = caFile;
  }
  return result;
}

function connectionSecrets(method: string, value: unknown): ConnectionSecrets {
  const secrets = plainObject(method, 'secrets', value, ['token']);
  if (secrets.token === undefined) return {};
  if (secrets.token === null) return { token: null };
  const token = shortString(method, 'secrets.token', secrets.token, MAX_TOKEN);
  if (token === '' || [...token].some((c) => c < ' ' || c === '\x7f')) throw invalid(`${method}: secrets.token must be non-empty printable text`);
  return { token };
}

function nodeArgs(method: string, args: readonly unknown[]): [string, string] {
  arity(method, args, 2, 2);
  return [connectionId(method, args[0], true), shortString(method, 'nodeId', args[1], 256)];
}

function callRequest(method: string, value: unknown): CallRequest {
  const request = plainObject(method, 'request', value, ['callId', 'connectionId', 'nodeId', 'protocol', 'message', 'body', 'metadata', 'deadlineMs']);
  const result: CallRequest = {
    callId: shortString(method, 'request.callId', request.callId, MAX_ID),
    connectionId: connectionId(method, request.connectionId, true),
    nodeId: shortString(method, 'request.nodeId', request.nodeId, 256),
    protocol: shortString(method, 'request.protocol', request.protocol, 512),
    message: shortString(method, 'request.message', request.message, 512),
    body: bodyText(method, 'request.body', request.body),
  };
  if (request.metadata !== undefined) result.metadata = stringMap(method, 'request.metadata', request.metadata);
  if (request.deadlineMs !== undefined) result.deadlineMs = deadline(method, 'request.deadlineMs', request.deadlineMs);
  return result;
}

function pipelineRunRequest(method: string, value: unknown): PipelineRunRequest {
  const request = plainObject(method, 'request', value, ['runId', 'connectionId', 'nodeId', 'definition', 'input', 'context', 'pins', 'deadlineMs']);
  const result: PipelineRunRequest = {
    runId: shortString(method, 'request.runId', request.runId, MAX_ID),
    connectionId: connectionId(method, request.connectionId, true),
    nodeId: shortString(method, 'request.nodeId', request.nodeId, 256),
    definition: bodyText(method, 'request.definition', request.definition),
    input: bodyText(method, 'request.input', request.input),
  };
  if (request.context !== undefined) result.context = stringMap(method, 'request.context', request.context);
  if (request.pins !== undefined) {
    const pins = plainObject(method, 'request.pins', request.pins);
    for (const [index, pin] of Object.entries(pins)) {
      if (!/^(0|[1-9][0-9]{0,3})$/.test(index)) throw invalid(`${method}: request.pins are keyed by stage index (0, 1, …), got ${describeValue(index)}`);
      bodyText(method, `request.pins[${index}]`, pin);
    }
    result.pins = pins as Record<string, string>;
  }
  if (request.deadlineMs !== undefined) result.deadlineMs = deadline(method, 'request.deadlineMs', request.deadlineMs);
  return result;
}

/** Avro JSON text, checked for size only: its shape is the message's business. */
function bodyText(method: string, what: string, body: unknown): string {
  if (typeof body !== 'string') throw invalid(`${method}: ${what} must be Avro JSON text, got ${describeValue(body)}`);
  if (body.length > MAX_BODY_CHARS) throw invalid(`${method}: ${what} is longer than ${MAX_BODY_CHARS / (1024 * 1024)} M characters`);
  return body;
}

/** Call metadata or SPL headers: string values under short keys, bounded in all. */
function stringMap(method: string, what: string, value: unknown): Record<string, string> {
  const entries = Object.entries(plainObject(method, what, value));
  if (entries.length > MAX_METADATA_ENTRIES) throw invalid(`${method}: ${what} has more than ${MAX_METADATA_ENTRIES} entries`);
  let chars = 0;
  const checked: Record<string, string> = {};
  for (const [key, entry] of entries) {
    if (key === '' || key.length > 256) throw invalid(`${method}: ${what} keys are 1 to 256 characters, got ${describeValue(key)}`);
    if (typeof entry !== 'string') throw invalid(`${method}: ${what}[${JSON.stringify(key)}] must be a string, got ${describeValue(entry)}`);
    chars += key.length + entry.length;
    checked[key] = entry;
  }
  if (chars > MAX_METADATA_CHARS) throw invalid(`${method}: ${what} is larger than ${MAX_METADATA_CHARS / 1024} KiB`);
  return checked;
}

function deadline(method: string, what: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_DEADLINE_MS) {
    throw invalid(`${method}: ${what} must be a whole number of milliseconds from 1 to ${MAX_DEADLINE_MS}, got ${describeValue(value)}`);
  }
  return value;
}

function historyQuery(method: string, value: unknown): HistoryQuery {
  const query = plainObject(method, 'query', value, ['text', 'limit']);
  const result: HistoryQuery = {};
  if (query.text !== undefined) result.text = shortString(method, 'query.text', query.text, MAX_QUERY_CHARS);
  if (query.limit !== undefined) {
    const limit = query.limit;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_LIMIT) {
      throw invalid(`${method}: query.limit must be a whole number from 1 to ${MAX_HISTORY_LIMIT}, got ${describeValue(limit)}`);
    }
    result.limit = limit;
  }
  return result;
}

/** An object with no members beyond `allowed` (when given). */
function plainObject(method: string, what: string, value: unknown, allowed?: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(value)) throw invalid(`${method}: ${what} must be an object, got ${describeValue(value)}`);
  if (allowed) {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) throw invalid(`${method}: ${what} has an unknown member ${describeValue(key)}; it takes ${allowed.join(', ')}`);
    }
  }
  return value;
}

function shortString(method: string, what: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || value === '' || value.length > max) {
    throw invalid(`${method}: ${what} must be a string of 1 to ${max} characters, got ${describeValue(value)}`);
  }
  return value;
}

function noArgs(method: string, args: readonly unknown[]): [] {
  arity(method, args, 0, 0);
  return [];
}

function arity(method: string, args: readonly unknown[], min: number, max: number): void {
  if (args.length >= min && args.length <= max) return;
  const expected = min === max ? `${min}` : `${min} to ${max}`;
  throw invalid(`${method}: takes ${expected} argument${max === 1 ? '' : 's'}, got ${args.length}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** UTF-8 length of `text`, counting no further than just past `limit`. */
function utf8Length(text: string, limit: number): number {
  // Each code unit takes 1 to 3 bytes (a surrogate pair's two take 4): skip the count when the bounds decide.
  if (text.length > limit) return text.length;
  if (text.length * 3 <= limit) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 1;
        i++;
      }
    }
  }
  return bytes;
}

/** A short, safe rendering of a value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? value.slice(0, 80) + '…' : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function invalid(message: string): StudioError {
  return new StudioError('invalid-argument', message);
}
