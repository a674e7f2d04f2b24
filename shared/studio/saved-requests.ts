/**
 * Saved requests: a collection is one JSON file in the workspace's `requests/` folder (DESIGN.md,
 * "The workspace"), meant for git: members in a fixed order, 2-space indentation, a final
 * newline, so saving an unchanged collection changes nothing and a change is a small diff.
 *
 * ```json
 * {
 *   "name": "Smoke tests",
 *   "requests": [
 *     { "name": "list modules", "connectionId": "local", "nodeId": "local", "protocol": "spl.execute.SPLExecuteService",
 *       "message": "listAvailableModules", "body": {}, "metadata": {"trace": "t1"}, "deadlineMs": 5000 }
 *   ]
 * }
 * ```
 *
 * A request's body is its Avro JSON held as a JSON value (not as text), so the file reads as the
 * request does; longs beyond 2^53 are bigints, exact both ways.
 */
import { toJsonText } from '../avro/json-text.js';
import { childPath, JsonSyntaxError, parseLocatedJson, type LocatedJson } from '../avro/located-json.js';
import type { JsonValue } from '../avro/model.js';

export interface SavedRequest {
  name: string;
  connectionId: string;
  nodeId: string;
  /** The protocol's full name. */
  protocol: string;
  message: string;
  /** The request in Avro's JSON encoding, as a JSON value (an object with one member per parameter). */
  body: JsonValue;
  metadata?: Record<string, string>;
  deadlineMs?: number;
}

export interface Collection {
  name: string;
  requests: SavedRequest[];
}

/** The folder of collections. */
export const REQUESTS_FOLDER = 'requests';

/** As `CallRequest.deadlineMs` allows. */
const MAX_DEADLINE_MS = 3_600_000;
const MAX_NAME = 120;
const MAX_SLUG = 64;

const COLLECTION_MEMBERS = ['name', 'requests'];
const REQUEST_MEMBERS = ['name', 'connectionId', 'nodeId', 'protocol', 'message', 'body', 'metadata', 'deadlineMs'];

/**
 * Reads a collection file. Every problem is reported, one per line, as `path:line:col: what`
 * with the member's path (`requests[2].deadlineMs`), so a hand-edited file says where it broke.
 */
export function parseCollection(text: string, path: string): { collection: Collection } | { error: string } {
  let located: LocatedJson;
  try {
    located = parseLocatedJson(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return { error: `${path}:${position(text, e.offset)}: invalid JSON: ${e.message}` };
  }
  const problems: string[] = [];
  const problem = (at: string, message: string): void => {
    const offset = located.ranges.get(at)?.start ?? 0;
    problems.push(`${path}:${position(text, offset)}: ${at === '' ? '' : `${at}: `}${message}`);
  };
  const root = located.value;
  if (!isObject(root)) return { error: `${path}:${position(text, located.ranges.get('')?.start ?? 0)}: expected a collection: {"name": "...", "requests": [...]}` };
  unknownMembers(root, '', COLLECTION_MEMBERS, problem);
  const name = requiredText(root, 'name', '', problem, true);
  const requests: SavedRequest[] = [];
  if (!Object.prototype.hasOwnProperty.call(root, 'requests')) problem('', 'missing member "requests" (an array of saved requests)');
  else if (!Array.isArray(root.requests)) problem('requests', `expected an array of saved requests, got ${kind(root.requests)}`);
  else {
    root.requests.forEach((item, i) => {
      const at = childPath('requests', i);
      const request = readRequest(item, at, problem);
      if (request !== undefined) requests.push(request);
    });
  }
  if (problems.length > 0 || name === undefined) return { error: problems.join('\n') };
  return { collection: { name, requests } };
}

type Problem = (at: string, message: string) => void;

function readRequest(value: JsonValue, at: string, problem: Problem): SavedRequest | undefined {
  if (!isObject(value)) {
    problem(at, `expected a saved request (an object with name, connectionId, nodeId, protocol, message and body), got ${kind(value)}`);
    return undefined;
  }
  unknownMembers(value, at, REQUEST_MEMBERS, problem);
  const name = requiredText(value, 'name', at, problem, true);
  const connectionId = requiredText(value, 'connectionId', at, problem, false);
  const nodeId = requiredText(value, 'nodeId', at, problem, false);
  const protocol = requiredText(value, 'protocol', at, problem, false);
  const message = requiredText(value, 'message', at, problem, false);
  let body: JsonValue = {};
  if (!Object.prototype.hasOwnProperty.call(value, 'body')) problem(at, 'missing member "body" (the request in Avro JSON: an object with one member per parameter)');
  else if (!isObject(value.body)) problem(childPath(at, 'body'), `expected the request in Avro JSON (an object with one member per parameter), got ${kind(value.body)}`);
  else body = value.body;
  let metadata: Record<string, string> | undefined;
  if (Object.prototype.hasOwnProperty.call(value, 'metadata')) {
    const meta = value.metadata;
    const metaAt = childPath(at, 'metadata');
    if (!isObject(meta)) problem(metaAt, `expected an object of strings ({"trace": "t1"}), got ${kind(meta)}`);
    else {
      metadata = {};
      for (const [key, item] of Object.entries(meta)) {
        if (typeof item === 'string') define(metadata, key, item);
        else problem(childPath(metaAt, key), `expected a string (metadata values are text), got ${kind(item)}`);
      }
    }
  }
  let deadlineMs: number | undefined;
  if (Object.prototype.hasOwnProperty.call(value, 'deadlineMs')) {
    const deadline = value.deadlineMs;
    if (typeof deadline === 'number' && Number.isInteger(deadline) && deadline >= 1 && deadline <= MAX_DEADLINE_MS) deadlineMs = deadline;
    else problem(childPath(at, 'deadlineMs'), `expected a whole number of milliseconds from 1 to ${MAX_DEADLINE_MS}, got ${kind(deadline)}`);
  }
  if (name === undefined || connectionId === undefined || nodeId === undefined || protocol === undefined || message === undefined) return undefined;
  const request: SavedRequest = { name, connectionId, nodeId, protocol, message, body };
  if (metadata !== undefined) request.metadata = metadata;
  if (deadlineMs !== undefined) request.deadlineMs = deadlineMs;
  return request;
}

/** A required non-empty string member; `name`s are also at most 120 characters. */
function requiredText(object: { [key: string]: JsonValue }, key: string, at: string, problem: Problem, isName: boolean): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(object, key)) {
    problem(at, `missing member ${JSON.stringify(key)} (a string)`);
    return undefined;
  }
  const value = object[key];
  const memberAt = childPath(at, key);
  if (typeof value !== 'string') problem(memberAt, `expected a string, got ${kind(value)}`);
  else if (value.trim() === '') problem(memberAt, 'must not be empty');
  else if (isName && value.length > MAX_NAME) problem(memberAt, `is ${value.length} characters long; at most ${MAX_NAME}`);
  else return value;
  return undefined;
}

function unknownMembers(object: { [key: string]: JsonValue }, at: string, known: string[], problem: Problem): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) problem(childPath(at, key), `unknown member ${JSON.stringify(key)}; the members are ${known.join(', ')}`);
  }
}

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function define(object: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function kind(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  return String(value);
}

function position(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return `${line}:${offset - lineStart + 1}`;
}

/** The collection's file text: members in a fixed order, 2-space indentation, a final newline. */
export function serializeCollection(c: Collection): string {
  const requests = c.requests.map((r): JsonValue => {
    const out: { [key: string]: JsonValue } = {
      name: r.name,
      connectionId: r.connectionId,
      nodeId: r.nodeId,
      protocol: r.protocol,
      message: r.message,
      body: r.body,
    };
    if (r.metadata !== undefined && Object.keys(r.metadata).length > 0) out.metadata = r.metadata;
    if (r.deadlineMs !== undefined) out.deadlineMs = r.deadlineMs;
    return out;
  });
  return `${toJsonText({ name: c.name, requests }, 2)}\n`;
}

/**
 * Where a collection of this name is saved: `requests/<slug>.json`, the slug being the name in
 * lower case ASCII with every other run of characters a `-` ("Smoke tests: v2" → `smoke-tests-v2`).
 */
export function collectionPath(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents, once NFKD has split them from their letters
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  return `${REQUESTS_FOLDER}/${slug === '' ? 'collection' : slug}.json`;
}

/** A saved request's body as Avro JSON text (2-space indentation, longs exact): the composer's text and a `CallRequest.body`. */
export function savedRequestBody(r: SavedRequest): string {
  return toJsonText(r.body, 2);
}
