/**
 * The StudioApi over a WebSocket: one `StudioSession` per connection, JSON text frames in
 * both directions. What a page sends is untrusted: binary frames, bad JSON and malformed
 * messages are dropped with a logged reason (or answered with an error result, when they
 * carry an id), never allowed to throw.
 */
import type { WebSocket } from 'ws';
import type { StudioApi } from '../../../shared/studio/api.js';
import { StudioSession } from '../../../shared/studio/session.js';

/** A write's 20 MB of text may grow when escaped as JSON; beyond this `ws` closes the socket (1009). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export function serveSocket(socket: WebSocket, api: StudioApi, log: (message: string) => void): void {
  const session = new StudioSession(api, (message) => {
    socket.send(JSON.stringify(message), (error) => {
      if (error) log(`studio: could not send to a page: ${error.message}`);
    });
  }, { log });
  socket.on('message', (data, isBinary) => {
    if (isBinary) return log('studio: dropped a binary message: the API speaks JSON text');
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return log('studio: dropped a message that is not JSON');
    }
    void session.receive(message);
  });
  socket.on('error', (error) => log(`studio: a page's connection failed: ${error.message}`));
  socket.on('close', () => session.close());
}
