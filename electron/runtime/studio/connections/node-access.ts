/**
 * How the studio reaches a node it was told about: the endpoint's channel (the runtime's
 * channelForEndpoint: http(s) or tcp(s)) with the connection's token and certificate authority,
 * which the cluster's endpoint clients (cluster/endpoint-client.ts) do not take for TLS.
 */
import type { Protocol } from '../../../../shared/avro/model.js';
import type { Channel } from '../../rpc/channel.js';
import { RpcClient } from '../../rpc/client.js';
import { channelForEndpoint } from '../../rpc/endpoint-channel.js';
import { ProtocolCodec } from '../../rpc/protocol-codec.js';

/** What a connection presents to its nodes. */
export interface NodeAccess {
  token?: string;
  /** PEM of the certificate authority to trust for https:// and tcps:// endpoints. */
  ca?: Buffer;
}

/**
 * A channel to `endpoint`. Over HTTP a bare `http://HOST:PORT` posts to the protocol's own path
 * (`/avro/<name>`), which multi-protocol nodes need; a URL with a path keeps it.
 */
export function channelTo(endpoint: string, protocolName: string | undefined, access: NodeAccess): Channel {
  return channelForEndpoint(endpoint, protocolName, access);
}

/** Codecs of the package's own definitions, built once: every poll and describe makes a client. */
const codecs = new WeakMap<Protocol, ProtocolCodec>();

/** An RpcClient of `protocol` at `endpoint`, naming the protocol for multi-protocol nodes (TCP carries the token in the handshake). */
export function clientTo(endpoint: string, protocol: Protocol | ProtocolCodec, access: NodeAccess): RpcClient {
  let codec = protocol instanceof ProtocolCodec ? protocol : codecs.get(protocol);
  if (!codec) codecs.set(protocol as Protocol, (codec = new ProtocolCodec(protocol as Protocol)));
  return new RpcClient(codec, channelTo(endpoint, codec.fullName, access), { token: access.token, protocolName: codec.fullName });
}
