/** Turns a node URL from the command line into a channel: `http://HOST:PORT[/avro/Protocol]` or `tcp://HOST:PORT`. */
import type { Channel } from '../runtime/rpc/channel.js';
import { HttpChannel } from '../runtime/rpc/http.js';
import { TcpChannel } from '../runtime/rpc/tcp.js';
import { UsageError } from './io.js';

export function channelFor(url: string, protocolName: string | undefined, token?: string): Channel {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`'${url}' is not a URL: use http://HOST:PORT or tcp://HOST:PORT`);
  }
  if (parsed.protocol === 'http:') {
    // A bare node URL plus a protocol name: the protocol's own path on that node.
    if ((parsed.pathname === '/' || parsed.pathname === '') && protocolName) parsed.pathname = `/avro/${protocolName}`;
    return new HttpChannel(parsed.toString(), protocolName ?? '', { token });
  }
  if (parsed.protocol === 'tcp:') return TcpChannel.fromUrl(parsed.toString());
  throw new UsageError(`unsupported scheme ${parsed.protocol} in ${url} (use http:// or tcp://)`);
}
