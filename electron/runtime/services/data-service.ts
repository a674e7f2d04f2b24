/**
 * SPLDataService on a node (definitions/spl-data.avdl): `write`, `read` and `listTopics` over the
 * node's DataStore. The handlers take and return values in the RPC engine's shape (wrapped
 * unions, Buffers, longs as numbers or bigints) and answer failures with the declared
 * DataWriteError / DataReadError, whose `code` says what to do (definitions/README.md).
 *
 *   const data = createDataService({ dataDir, registry });
 *   server.addService(await loadDefinition('data'), data.handlers);
 *   ...
 *   await data.close();
 */
import type { Handler } from '../rpc/server.js';
import { DeclaredError } from '../rpc/errors.js';
import { DataProblem } from '../data/data-problem.js';
import { DataStore, type DataStoreOptions } from '../data/data-store.js';
import { payloadFromEngine, payloadToEngine, type EnginePayload } from '../schemas/schema-ref.js';

const WRITE_ERROR = 'spl.data.DataWriteError';
const READ_ERROR = 'spl.data.DataReadError';

export type DataServiceOptions = DataStoreOptions;

export interface DataService {
  /** SPLDataService's handlers, for `RpcServer.addService`. */
  handlers: Record<string, Handler>;
  /** The typed store behind them, for in-process callers (the `spl/data/*` modules). */
  store: DataStore;
  /** Why the store cannot be used (or only read), if so; undefined when all is well. */
  readonly problem: string | undefined;
  /** Commits accepted writes and closes the store. */
  close(): Promise<void>;
}

interface EngineWriteRequest {
  topic: string;
  primaryKey: string;
  data: EnginePayload;
  schema: { string: string } | null;
}

interface EngineReadRequest {
  topic: string;
  primaryKey: { string: string } | null;
  limit: { long: number | bigint } | null;
  offset: { long: number | bigint } | null;
}

function writeError(error: unknown, request: Partial<EngineWriteRequest>): DeclaredError {
  const problem = DataProblem.from(error);
  return new DeclaredError(WRITE_ERROR, {
    code: problem.code,
    message: problem.message,
    topic: typeof request.topic === 'string' ? request.topic : '',
    primaryKey: typeof request.primaryKey === 'string' ? { string: request.primaryKey } : null,
    details: problem.retryable ? { ...problem.details, retryable: 'true' } : problem.details,
  });
}

function readError(error: unknown, request: Partial<EngineReadRequest>): DeclaredError {
  const problem = DataProblem.from(error);
  return new DeclaredError(READ_ERROR, {
    code: problem.code,
    message: problem.message,
    topic: typeof request.topic === 'string' ? request.topic : '',
    details: problem.retryable ? { ...problem.details, retryable: 'true' } : problem.details,
  });
}

export function createDataService(options: DataServiceOptions): DataService {
  const store = new DataStore(options);
  const handlers: Record<string, Handler> = {
    write: async ({ request }) => {
      const r = request as EngineWriteRequest;
      try {
        await store.write({ topic: r.topic, primaryKey: r.primaryKey, data: payloadFromEngine(r.data), ...(r.schema ? { schema: r.schema.string } : {}) });
      } catch (error) {
        throw writeError(error, r);
      }
      return null;
    },
    read: ({ request }) => {
      const r = request as EngineReadRequest;
      try {
        const page = store.read({ topic: r.topic, primaryKey: r.primaryKey?.string, limit: r.limit?.long, offset: r.offset?.long });
        return {
          records: page.records.map((record) => payloadToEngine(record.payload)),
          totalCount: page.totalCount,
          nextOffset: page.nextOffset === null ? null : { string: page.nextOffset },
          primaryKeys: page.records.map((record) => record.primaryKey),
        };
      } catch (error) {
        throw readError(error, r);
      }
    },
    listTopics: () => {
      try {
        return store.listTopics();
      } catch (error) {
        // listTopics declares no error: a system error carries the message.
        throw new Error(DataProblem.from(error).message, { cause: error });
      }
    },
  };
  return {
    handlers,
    store,
    get problem() {
      return store.problem;
    },
    close: () => store.close(),
  };
}
