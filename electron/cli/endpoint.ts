/** Turns a node URL from the command line into a channel: `http(s)://HOST:PORT[/avro/Protocol]` or `tcp(s)://HOST:PORT`. */
import { readFileSync } from 'node:fs';
import type { Channel } from '../runtime/rpc/channel.js';
import { HttpChannel } from '../runtime/rpc/http-channel.js';
import { TcpChannel } from '../runtime/rpc/tcp.js';
import { UsageError } from './io.js';

/** `https://` and `tcps://` are the TLS forms; `ca` (PEM) is trusted besides the system's CAs. */
export function channelFor(url: string, protocolName: string | undefined, token?: string, ca?: Buffer): Channel {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`'${url}' is not a URL: use http://HOST:PORT or tcp://HOST:PORT`);
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
    // A bare node URL plus a protocol name: the protocol's own path on that node.
    if ((parsed.pathname === '/' || parsed.pathname === '') && protocolName) parsed.pathname = `/avro/${protocolName}`;
    return new HttpChannel(parsed.toString(), protocolName ?? '', { token, tls: { ca } });
  }
  if (parsed.protocol === 'tcp:' || parsed.protocol === 'tcps:') return TcpChannel.fromUrl(parsed.toString(), undefined, { ca });
  throw new UsageError(`unsupported scheme ${parsed.protocol} in ${url} (use http://, https://, tcp:// or tcps://)`);
}

/** Reads a `--ca FILE` option's certificate, or says which file could not be read. */
export function readCa(file: string | undefined): Buffer | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read the CA certificate ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
