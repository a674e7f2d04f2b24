/**
 * When a failed call may go to another node. A call must not run twice unless running it
 * twice is harmless: so a non-idempotent call moves on only when its request certainly never
 * left (connection refused), or when the node answered that it does not have the module (it
 * ran nothing; membership was stale). Idempotent calls move on after any transport failure.
 */
import { DeclaredError, TransportError } from '../../rpc/errors.js';

/** Messages that only read, per protocol: safe to send again to another node. */
const READ_ONLY: Record<string, ReadonlySet<string>> = {
  'spl.execute.SPLExecuteService': new Set(['listAvailableModules', 'describeModule', 'getModuleSchema', 'getSchemaByFingerprint']),
  'spl.data.SPLDataService': new Set(['read', 'listTopics']),
  'spl.node.SPLNodeService': new Set(['listNodes', 'describeNode']),
  'spl.pipeline.SPLPipelineService': new Set(['listPipelines', 'getPipeline']),
};

/** Modules that only read (run through SPLExecuteService.execute). */
const READ_ONLY_MODULES: ReadonlySet<string> = new Set(['spl/data/read', 'spl/data/topics']);

export function isReadOnly(protocol: string, message: string, module?: string): boolean {
  if (READ_ONLY[protocol]?.has(message)) return true;
  return message === 'execute' && module !== undefined && READ_ONLY_MODULES.has(module);
}

export type FailureKind =
  /** Certainly not run: try the next node. */
  | 'not-sent'
  /** A transport failure after the request may have arrived. */
  | 'maybe-run'
  /** The node answered "module not found": nothing ran there. */
  | 'module-missing'
  /** An answer (declared or system error, bad request): the caller's to see, not a node fault. */
  | 'answer';

export function classify(error: unknown): FailureKind {
  if (error instanceof TransportError) return error.notSent ? 'not-sent' : 'maybe-run';
  if (error instanceof DeclaredError && (error.value as { code?: unknown } | null)?.code === 'MODULE_NOT_FOUND') return 'module-missing';
  return 'answer';
}

export function tryElsewhere(kind: FailureKind, idempotent: boolean): boolean {
  return kind === 'not-sent' || kind === 'module-missing' || (kind === 'maybe-run' && idempotent);
}

/** Only transport failures count against a node's health. */
export function isNodeFault(kind: FailureKind): boolean {
  return kind === 'not-sent' || kind === 'maybe-run';
}
