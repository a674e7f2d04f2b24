/** Errors of routed calls: each names the module, the nodes involved and what to do next. */

export type ClusterErrorCode =
  /** No live node offers the module (or serves the protocol). */
  | 'NO_NODE'
  /** Every node that offers it failed, or is set aside by its circuit breaker. */
  | 'ALL_FAILED'
  /** The call's deadline passed; it may or may not have run. */
  | 'TIMEOUT'
  /** The call reached a node and the connection broke: it may have run, so it was not retried. */
  | 'NODE_FAILED';

export class ClusterError extends Error {
  override name = 'ClusterError';
  constructor(
    readonly code: ClusterErrorCode,
    message: string,
    /** The nodes tried, in order. */
    readonly tried: string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
