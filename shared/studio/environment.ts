/**
 * Environments: named sets of variables (`dev`: `{host: "127.0.0.1:4100", user: "ada"}`) that
 * a request's text refers to as `{{host}}`, so one saved request serves every environment.
 * They live in the workspace's `spl-workspace.json` under `environments` (DESIGN.md, "The
 * workspace"): values are plain text and go to git, so secrets stay out of them (tokens belong
 * in the user's connection secrets).
 */
import { toJsonText } from '../avro/json-text.js';
import { childPath, JsonSyntaxError, parseLocatedJson, type LocatedJson } from '../avro/located-json.js';
import type { JsonValue } from '../avro/model.js';

/** Environment name → variable name → value. */
export type Environments = Record<string, Record<string, string>>;

/** The settings file, named in messages. */
const SETTINGS_FILE = 'spl-workspace.json';

/**
 * `{{name}}` with optional spaces inside the braces, or `\{{` (a literal `{{`). Names are those
 * of `VARIABLE_NAME`; `{{` followed by anything else stays as it is.
 */
const PLACEHOLDER = /\\\{\{|\{\{[ \t]*([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*\}\}/g;

/** What a variable's name may be. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * `text` with every `{{name}}` replaced by `vars[name]` (inserted as is: inside a JSON string,
 * a value with quotes or backslashes must be written escaped), and every `\{{` by `{{`. Names
 * not in `vars` make it fail with each occurrence's line and column, so none is sent half done.
 */
export function substitute(text: string, vars: Record<string, string>): { text: string } | { error: string } {
  const unknown: string[] = [];
  const out = text.replace(PLACEHOLDER, (match: string, name: string | undefined, offset: number) => {
    if (name === undefined) return '{{';
    if (Object.prototype.hasOwnProperty.call(vars, name)) return vars[name];
    const { line, column } = lineColumn(text, offset);
    unknown.push(`{{${name}}} at ${line}:${column}`);
    return match;
  });
  if (unknown.length === 0) return { text: out };
  const known = Object.keys(vars);
  const defined = known.length === 0 ? 'no variables are defined' : `defined: ${known.join(', ')}`;
  return {
    error: `Unknown variable${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} (${defined}). Define ${unknown.length === 1 ? 'it' : 'them'} in the environment, or write \\{{ for a literal {{.`,
  };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The `environments` of a settings text. A missing file (empty text) or member means none. What
 * does not fit is left out and described in `error` (`spl-workspace.json:4:15: environments.dev.port:
 * ...`, one line per problem), so one bad value does not hide the rest.
 */
export function readEnvironments(settingsText: string): { environments: Environments; error?: string } {
  if (settingsText.trim() === '') return { environments: {} };
  let located: LocatedJson;
  try {
    located = parseLocatedJson(settingsText);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return { environments: {}, error: `${where(settingsText, e.offset)}: invalid JSON: ${e.message}` };
  }
  const root = located.value;
  if (!isObject(root)) return { environments: {}, error: `${where(settingsText, 0)}: expected a JSON object with the workspace's settings` };
  if (!Object.prototype.hasOwnProperty.call(root, 'environments')) return { environments: {} };
  const problems: string[] = [];
  const problem = (path: string, message: string): void => {
    problems.push(`${where(settingsText, located.ranges.get(path)?.start ?? 0)}: ${path}: ${message}`);
  };
  const environments: Environments = {};
  const envs = root.environments;
  if (!isObject(envs)) {
    problem('environments', `expected an object of environments ({"dev": {"host": "..."}}), got ${kind(envs)}`);
  } else {
    for (const [name, vars] of Object.entries(envs)) {
      const envPath = childPath('environments', name);
      if (!isObject(vars)) {
        problem(envPath, `expected an object of variables ({"host": "..."}), got ${kind(vars)}`);
        continue;
      }
      const env: Record<string, string> = {};
      for (const [key, value] of Object.entries(vars)) {
        const varPath = childPath(envPath, key);
        if (!VARIABLE_NAME.test(key)) problem(varPath, `${JSON.stringify(key)} is not a variable name (a letter or _, then letters, digits, _ . -)`);
        else if (typeof value !== 'string') problem(varPath, `expected a string, got ${kind(value)}${typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' ? ` (write "${String(value)}")` : ''}`);
        else define(env, key, value);
      }
      define(environments, name, env);
    }
  }
  return problems.length === 0 ? { environments } : { environments, error: problems.join('\n') };
}

/** Sets `key` even when it is `__proto__`. */
function define<T>(object: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function kind(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function where(text: string, offset: number): string {
  const { line, column } = lineColumn(text, offset);
  return `${SETTINGS_FILE}:${line}:${column}`;
}

/**
 * `settingsText` with its `environments` member set to `environments`. Only that member's text
 * changes (in place, or added as the last member): every other member keeps its text, comments
 * aside, byte for byte. The new value is written with 2-space indentation, at the member's depth.
 * Throws when the text is not a JSON object (an empty text becomes a new one).
 */
export function writeEnvironments(settingsText: string, environments: Environments): string {
  const newline = settingsText.includes('\r\n') ? '\r\n' : '\n';
  if (settingsText.trim() === '') return `{${newline}  "environments": ${indent(toJsonText(environments as JsonValue, 2), '  ', newline)}${newline}}${newline}`;
  let located: LocatedJson;
  try {
    located = parseLocatedJson(settingsText);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    throw new Error(`Cannot save the environments: ${where(settingsText, e.offset)}: invalid JSON: ${e.message}. Fix the file first.`, { cause: e });
  }
  const root = located.value;
  if (!isObject(root)) throw new Error(`Cannot save the environments: ${where(settingsText, 0)}: the settings are not a JSON object.`);
  const existing = located.ranges.get('environments');
  if (existing !== undefined && Object.prototype.hasOwnProperty.call(root, 'environments')) {
    const lineIndent = indentOfLine(settingsText, existing.start);
    const value = indent(toJsonText(environments as JsonValue, 2), lineIndent, newline);
    return settingsText.slice(0, existing.start) + value + settingsText.slice(existing.end);
  }
  const rootRange = located.ranges.get('');
  if (rootRange === undefined) throw new Error('Cannot save the environments: the settings could not be read.');
  const close = rootRange.end - 1; // the root's `}`
  const keys = Object.keys(root);
  if (keys.length === 0) {
    const value = indent(toJsonText(environments as JsonValue, 2), '  ', newline);
    return `${settingsText.slice(0, rootRange.start)}{${newline}  "environments": ${value}${newline}}${settingsText.slice(rootRange.end)}`;
  }
  // After the last member's value, at the first member's indentation.
  let lastEnd = 0;
  for (const key of keys) lastEnd = Math.max(lastEnd, located.ranges.get(childPath('', key))?.end ?? 0);
  const firstStart = located.ranges.get(childPath('', keys[0]))?.start ?? close;
  const memberIndent = indentOfLine(settingsText, firstStart);
  const sameLine = lineStartOf(settingsText, firstStart) === lineStartOf(settingsText, rootRange.start);
  const pad = sameLine ? ' ' : `${newline}${memberIndent}`;
  const value = indent(toJsonText(environments as JsonValue, 2), sameLine ? '' : memberIndent, newline);
  return `${settingsText.slice(0, lastEnd)},${pad}"environments": ${value}${settingsText.slice(lastEnd)}`;
}

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** The spaces and tabs that start the line holding `offset`. */
function indentOfLine(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** Every line after the first of a printed value, moved right by `by`, with the file's newlines. */
function indent(printed: string, by: string, newline: string): string {
  return printed.split('\n').join(`${newline}${by}`);
}
