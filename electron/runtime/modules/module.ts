/**
 * What a module is: a URI (`spl/data/write`, `tools/text/uppercase`), the schema it reads, the
 * schema it produces, and a handler. Built-in modules, sample modules and user modules loaded
 * from folders all become one of these, so the executor, the pipeline checker and the studio
 * see them the same way.
 */
import type { NamedSchema } from '../../../shared/avro/model.js';
import type { NodeServices } from './node-services.js';

/** What a module says while it runs; the node decides where it goes (stderr, the studio's log). */
export interface ModuleLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ModuleContext {
  /** The module being run. */
  readonly module: string;
  /**
   * The execution context (the SPL headers) as a flat map of strings: the request's headers, a
   * pipeline's globalConfig and stage configuration, and `spl.execute.*` inside a pipeline.
   * Changes made here are the response's headers.
   */
  headers: Record<string, string>;
  /** The node's own services (data, pipelines, other modules), called in process. */
  readonly services: NodeServices;
  readonly logger: ModuleLogger;
  /** The node running the module. */
  readonly nodeId: string;
  /**
   * A failure to report (`throw context.fail('no such user', 'RECORD_NOT_FOUND')`): the
   * execution answers status ERROR with this message and code, and a pipeline stops there. For
   * folder modules, which cannot import ModuleFailure.
   */
  fail(message: string, code?: string): ModuleFailure;
}

/**
 * A handler gets its input as a plain value of the input schema (records as objects, a union's
 * value bare, defaults filled in; see plain-value.ts) and returns a plain value of the output
 * schema, or a promise of one. Untyped modules get and return null, a string or a Buffer.
 * Throwing a ModuleFailure reports a failure (status ERROR); anything else thrown is a crash.
 */
export type ModuleHandler = (input: any, context: ModuleContext) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ModuleDefinition {
  /** `namespace…/name`: segments of letters, digits, `-`, `_` and `.`, joined by `/`. */
  uri: string;
  description?: string;
  /** The named schema the module reads as a Payload; undefined: untyped (nothing, bytes or text). */
  input?: NamedSchema;
  /** The named schema of the Payloads it returns; undefined: untyped (nothing, bytes or text). */
  output?: NamedSchema;
  handler: ModuleHandler;
  /** Where it came from: `built-in`, or the folder of a user module (for messages). */
  source?: string;
  /**
   * Built-ins whose output depends on their input (`spl/execute/next`, `spl/pipeline/run`): the
   * handler gets the input Datum as it came and returns a DatumResult.
   */
  raw?: boolean;
}

/**
 * A failure the module reports (not a crash): `execute` answers status ERROR with this message
 * and code instead of throwing ExecutionError. A pipeline stops at it.
 */
export class ModuleFailure extends Error {
  override name = 'ModuleFailure';
  constructor(
    message: string,
    /** An error code (definitions/README.md), e.g. RECORD_NOT_FOUND. */
    readonly code = 'MODULE_FAILED',
  ) {
    super(message);
  }
}

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Why `uri` is not a module URI, or undefined when it is one. */
export function moduleUriProblem(uri: string): string | undefined {
  if (typeof uri !== 'string' || uri === '') return 'a module URI cannot be empty';
  const segments = uri.split('/');
  if (segments.length < 2) return `'${uri}' is not a module URI: it needs a namespace and a name, e.g. tools/text/uppercase`;
  const bad = segments.find((s) => !SEGMENT.test(s));
  if (bad !== undefined) return `'${uri}' is not a module URI: each part between slashes is letters, digits, '-', '_' or '.', not '${bad}'`;
  return undefined;
}
