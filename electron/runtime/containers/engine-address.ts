/**
 * Where the container engine listens: `unix:///run/podman/podman.sock` or the plain socket path.
 * Only unix sockets: a TCP engine API is root on that host for anyone who reaches it.
 */
import path from 'node:path';

export interface EngineAddress {
  /** The socket's absolute path. */
  socketPath: string;
  /** The address as users write it, for messages: unix:///PATH. */
  url: string;
}

/** Reads `unix:///PATH` or `PATH` (relative to `cwd`); anything else is an error saying what to give. */
export function parseEngineAddress(given: string, cwd = process.cwd()): EngineAddress {
  const text = given.trim();
  let socket: string;
  if (/^unix:\/\//i.test(text)) socket = text.slice('unix://'.length);
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) throw new Error(`container engine ${given}: only unix sockets are supported; give unix:///PATH.sock (Podman: unix:///run/podman/podman.sock, Docker: unix:///var/run/docker.sock)`);
  else socket = text;
  if (socket === '') throw new Error(`container engine '${given}' names no socket; give unix:///PATH.sock`);
  if (!path.isAbsolute(socket) && /^unix:/i.test(text)) throw new Error(`container engine ${given}: the socket path must be absolute, as in unix:///run/podman/podman.sock`);
  const socketPath = path.resolve(cwd, socket);
  return { socketPath, url: `unix://${socketPath}` };
}
