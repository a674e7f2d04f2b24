/**
 * The node's services as a module sees them (`context.services`): other modules by URI, and
 * clients of the protocols the node serves, all in process and with plain values, so a module
 * writes `await context.services.data.write({...})` as any other caller would.
 */
import type { ClientFor, SPLDataServiceClient, SPLPipelineServiceClient } from '../services/client-types.js';

export interface NodeServices {
  /** Runs a module with a plain input and returns its plain output (the seed's `spl.execute`). */
  execute(uri: string, input?: unknown, headers?: Record<string, string>): Promise<unknown>;
  /** A client of a protocol the node serves, by simple or full name. */
  service<N extends string>(name: N): ClientFor<N>;
  readonly data: SPLDataServiceClient;
  readonly pipeline: SPLPipelineServiceClient;
}
