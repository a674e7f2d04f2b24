/**
 * A node URL as a channel: `http(s)://HOST:PORT[/avro/Protocol]` or `tcp(s)://HOST:PORT`. The
 * studio's calls and `spl call` both start from a URL someone typed, so both come through here.
 */
import type { Channel } from './channel.js';
import { HttpChannel } from './http-channel.js';
import { TcpChannel } from './tcp.js';

export interface EndpointChannelOptions {
  /** HTTP: sent as a bearer header. (TCP carries it in the handshake: give it to the RpcClient.) */
  token?: string;
  /** For https:// and tcps://: a PEM certificate authority trusted besides the system's. */
  ca?: Buffer;
}

/** A URL that names no node we can reach: the message says what would. */
export class EndpointUrlError extends Error {
  override name = 'EndpointUrlError';
}

/** A channel to the node at `url`; over HTTP, a bare node URL posts to the protocol's own path. */
export function channelForEndpoint(url: string, protocolName: string | undefined, options: EndpointChannelOptions = {}): Channel {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EndpointUrlError(`'${url}' is not a URL: use http://HOST:PORT or tcp://HOST:PORT`);
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
    if ((parsed.pathname === '/' || parsed.pathname === '') && protocolName) parsed.pathname = `/avro/${protocolName}`;
    return new HttpChannel(parsed.toString(), protocolName ?? '', { token: options.token, tls: { ca: options.ca } });
  }
  if (parsed.protocol === 'tcp:' || parsed.protocol === 'tcps:') {
    if (!parsed.port) throw new EndpointUrlError(`${url} names no port: use tcp://HOST:PORT`);
    return TcpChannel.fromUrl(parsed.toString(), undefined, { ca: options.ca });
  }
  throw new EndpointUrlError(`unsupported scheme ${parsed.protocol} in ${url} (use http://, https://, tcp:// or tcps://)`);
}
