/**
 * The StudioApi's methods as the wire names them, each with a hand-written validator for its
 * arguments. Both hosts (Electron IPC and the web host's WebSocket) dispatch through here, so
 * every argument is checked where it enters, as if it came from an untrusted page.
 */
import {
  StudioError,
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
}

export type StudioMethod = keyof StudioMethods;

/** The events a host forwards to the renderer. */
export const STUDIO_EVENTS: readonly (keyof StudioEvents)[] = ['workspace.change'];

/** The largest text a write may carry, in UTF-8 bytes (the web host's socket limit allows for JSON escaping). */
export const MAX_TEXT_BYTES = 20 * 1024 * 1024;
const MAX_VERSION_LENGTH = 256;

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
};

const callers: { [M in StudioMethod]: (api: StudioApi, args: StudioMethods[M]['args']) => Promise<StudioMethods[M]['result']> } = {
  'workspace.info': (api) => api.workspace.info(),
  'workspace.list': (api) => api.workspace.list(),
  'workspace.read': (api, [path]) => api.workspace.read(path),
  'workspace.write': (api, [path, text, options]) => api.workspace.write(path, text, options),
  'host.info': (api) => api.host.info(),
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
