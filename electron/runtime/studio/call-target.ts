/**
 * What the call service needs to know about a node it is asked to call, whichever connection
 * it came from: the connection manager (connections/) resolves it; the call service (calls/)
 * only uses it. Keeping this seam small lets each side be tested without the other.
 */
import type { ProtocolCodec } from '../rpc/protocol-codec.js';

export interface CallTarget {
  /** The connection's name, for the history. */
  connectionName: string;
  /** Where the node answers Avro RPC: http(s)://HOST:PORT or tcp(s)://HOST:PORT. */
  endpoint: string;
  token?: string;
  /** The certificate authority to trust for https:// and tcps:// endpoints. */
  ca?: Buffer;
  /** The protocol the node serves under this full name (cached by the node's handshake hash). */
  protocol(fullName: string): Promise<ProtocolCodec>;
}

export interface CallTargets {
  /** Throws StudioError `not-found` for an unknown connection or node, naming which. */
  resolveTarget(connectionId: string, nodeId: string): Promise<CallTarget>;
}
