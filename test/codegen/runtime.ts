/**
 * What generated code imports from its runtime module (`spl codegen --runtime`, by default the
 * package root `spl-studio`), taken from the sources so tests need no build. The package root
 * must export the same names: `shared/codegen/runtime-imports.ts` lists them.
 */
export { DeclaredError } from '../../electron/runtime/rpc/errors.js';
export { HttpChannel } from '../../electron/runtime/rpc/http-channel.js';
export { RpcClient } from '../../electron/runtime/rpc/client.js';
export type { CallOptions, ClientOptions } from '../../electron/runtime/rpc/client.js';
export { TcpChannel } from '../../electron/runtime/rpc/tcp.js';
export { asEngineValue } from '../../electron/runtime/rpc/engine-value.js';
export { readProtocolJson } from '../../shared/avro/schema-reader.js';
export type { CallContext, Handler, RpcServer } from '../../electron/runtime/rpc/server.js';
export type { Channel } from '../../electron/runtime/rpc/channel.js';
