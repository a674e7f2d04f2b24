/**
 * A TCP port free on the host's loopback right now, for a container's node to listen on (host
 * networking: the container shares the host's ports). Another process may take it before the
 * container binds it; the container then exits and startContainer says so, with its logs.
 */
import net from 'node:net';

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
