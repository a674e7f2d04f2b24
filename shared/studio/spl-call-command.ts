/**
 * The composer's "Copy as `spl call`": the request as a POSIX shell command line that does the
 * same call from a terminal (`spl call URL Protocol.message 'JSON' --meta k=v --timeout MS`).
 * Every argument that needs it is single-quoted, so the shell hands `spl` exactly these bytes;
 * the token is never written out, only referred to as an environment variable.
 */
import { JsonSyntaxError, parseLocatedJson } from '../avro/located-json.js';

export interface SplCallInput {
  /** The node's URL, e.g. `http://127.0.0.1:4100`. */
  url: string;
  /** The protocol's full or simple name. */
  protocol: string;
  message: string;
  /** The request in Avro's JSON encoding. */
  body: string;
  metadata?: Record<string, string>;
  deadlineMs?: number;
  /** An environment variable holding the token, e.g. `SPL_TOKEN` → `--token "$SPL_TOKEN"`. */
  tokenEnv?: string;
}

/**
 * What the shell passes through unquoted as an argument: nothing that globs, expands, splits or
 * starts a tilde. (`=` only means an assignment before the command word, never after it.)
 */
const PLAIN = /^[A-Za-z0-9_@%+=,./:-]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** One argument (not the command word) for a POSIX shell: as is when nothing in it is special, else in single quotes. */
export function shellQuote(arg: string): string {
  if (arg !== '' && PLAIN.test(arg)) return arg;
  // Inside single quotes everything is literal except `'` itself: close, escape it, reopen.
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `spl call` command for a request. The body is compacted (whitespace between tokens
 * dropped, numbers and strings kept exactly as written, so longs beyond 2^53 stay exact); a body
 * that is not JSON goes as written, for `spl call` to report. Throws for what no command can say:
 * a metadata key with `=` or empty, a deadline that is not a positive whole number, a token
 * variable that is not a variable name.
 */
export function splCallCommand(input: SplCallInput): string {
  const args = ['spl', 'call', shellQuote(input.url), shellQuote(`${input.protocol}.${input.message}`), shellQuote(compactJson(input.body))];
  for (const [key, value] of Object.entries(input.metadata ?? {})) {
    if (key === '' || key.includes('=')) throw new Error(`Metadata key ${JSON.stringify(key)} cannot be written as --meta KEY=VALUE: a key must be non-empty and without '='`);
    args.push('--meta', shellQuote(`${key}=${value}`));
  }
  if (input.deadlineMs !== undefined) {
    if (!Number.isSafeInteger(input.deadlineMs) || input.deadlineMs <= 0) throw new Error(`The deadline must be a positive whole number of milliseconds, not ${input.deadlineMs}`);
    args.push('--timeout', String(input.deadlineMs));
  }
  if (input.tokenEnv !== undefined) {
    if (!ENV_NAME.test(input.tokenEnv)) throw new Error(`${JSON.stringify(input.tokenEnv)} is not an environment variable name (letters, digits and _, not starting with a digit)`);
    // Double quotes: the shell expands the variable, and its value stays one argument.
    args.push('--token', `"$${input.tokenEnv}"`);
  }
  return args.join(' ');
}

/**
 * JSON without the whitespace between its tokens. Checked with the exact parser first; then the
 * text itself is copied, outside strings only what is not whitespace, so nothing is re-printed
 * and nothing rounds.
 */
export function compactJson(text: string): string {
  try {
    parseLocatedJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return text;
    throw e;
  }
  let out = '';
  let inString = false;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      out += text.slice(start, i);
      start = i + 1;
    }
  }
  return out + text.slice(start);
}
