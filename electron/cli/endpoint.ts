/** Turns a node URL from the command line into a channel: `http(s)://HOST:PORT[/avro/Protocol]` or `tcp(s)://HOST:PORT`. */
import { readFileSync } from 'node:fs';
import type { Channel } from '../runtime/rpc/channel.js';
import { channelForEndpoint, EndpointUrlError } from '../runtime/rpc/endpoint-channel.js';
import { UsageError } from './io.js';

/** `https://` and `tcps://` are the TLS forms; `ca` (PEM) is trusted besides the system's CAs. */
export function channelFor(url: string, protocolName: string | undefined, token?: string, ca?: Buffer): Channel {
  try {
    return channelForEndpoint(url, protocolName, { token, ca });
  } catch (error) {
    throw error instanceof EndpointUrlError ? new UsageError(error.message) : error;
  }
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
