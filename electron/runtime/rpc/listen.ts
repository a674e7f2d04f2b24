/** What both transports' servers do to start: a net or TLS server listening, and its URL. */
import net from 'node:net';
import tls from 'node:tls';
import type { ServerTls } from './tls-options.js';

/** `scheme://host:port`, with an IPv6 host in brackets. */
export function endpointUrl(scheme: string, host: string, port: number): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Listens on `host:port` (0: any free port). With `tlsOptions`, TLS wraps the same connection
 * handling: its handshake happens before any of the protocol's bytes.
 */
export async function listen(onConnection: (socket: net.Socket) => void, host: string, port: number, tlsOptions?: ServerTls): Promise<{ server: net.Server; port: number }> {
  const server = tlsOptions ? tls.createServer({ cert: tlsOptions.cert, key: tlsOptions.key }, onConnection) : net.createServer(onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // After listening, a server error (none is expected) must not become an uncaught exception.
  server.on('error', () => undefined);
  return { server, port: (server.address() as net.AddressInfo).port };
}
