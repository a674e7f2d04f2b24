/** What can go wrong talking to the container engine, before it becomes a ContainerError. */
import type { EngineAddress } from './engine-address.js';

/** The engine's socket is absent, refused or not ours to use: nothing reached the engine. */
export class EngineUnavailable extends Error {
  override name = 'EngineUnavailable';
  constructor(
    readonly address: EngineAddress,
    /** The socket error's code: ENOENT, ECONNREFUSED, EACCES... */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${describeReason(reason)} at ${address.url}`, options);
  }
}

/** The engine answered with an error status (or not at all, in time: status 0). */
export class EngineFailure extends Error {
  override name = 'EngineFailure';
  constructor(
    /** What we asked, e.g. "create container", for messages. */
    readonly operation: string,
    readonly status: number,
    /** The engine's own message. */
    readonly engineMessage: string,
  ) {
    super(`the container engine could not ${operation}: ${engineMessage}${status ? ` (HTTP ${status})` : ''}`);
  }
}

function describeReason(reason: string): string {
  switch (reason) {
    case 'ENOENT':
      return 'no container engine socket';
    case 'ECONNREFUSED':
      return 'no container engine listening';
    case 'EACCES':
    case 'EPERM':
      return 'no permission to use the container engine socket';
    case 'ENOTSOCK':
      return 'not a socket';
    default:
      return `cannot reach the container engine (${reason})`;
  }
}
