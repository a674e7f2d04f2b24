/**
 * The web host (`spl studio --web`): serves the built renderer and the StudioApi to a browser,
 * on loopback only, behind a random token in the URL path (request-guard.ts says why each
 * check is there). The page is `http://127.0.0.1:PORT/<token>/`; the API is a WebSocket at
 * `/<token>/api` beside it. It never imports Electron: it is the studio without the shell.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { isLoopback } from '../../runtime/rpc/loopback.js';
import { studioCsp } from '../../runtime/studio/csp.js';
import { productVersion } from '../../runtime/studio/package-root.js';
import { defaultRendererDir, rendererProblem } from '../../runtime/studio/renderer-files.js';
import { createStudioService, type StudioService } from '../../runtime/studio/studio-service.js';
import type { LocalNode } from '../../runtime/studio/local-node.js';
import type { HostInfo } from '../../../shared/studio/api.js';
import { allowedHosts, hostAllowed, hostPort, originAllowed, splitTokenPath } from './request-guard.js';
import { MAX_MESSAGE_BYTES, serveSocket } from './socket-api.js';
import { plain, securityHeaders, serveFile } from './static-files.js';

export interface WebHostOptions {
  /** The folder the studio opens. */
  workspaceRoot: string;
  /** A loopback address or `localhost` (default 127.0.0.1); anything else is refused. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer (default: dist/renderer of this package). */
  rendererDir?: string;
  /** Tests may fix it; otherwise 32 random bytes, base64url. */
  token?: string;
  log?: (message: string) => void;
  /** Quiet time before file changes are reported (default 50 ms). */
  debounceMs?: number;
  /** The local node the studio runs beside the workspace, for host.info. */
  node?: HostInfo['node'];
  /** The same node, shown as the "Local runtime" connection. */
  localNode?: LocalNode;
  /** The user's own settings: tokens and the call history (see user-data.ts). */
  userDataDir?: string;
}

export interface WebHost {
  /** The page to open: `http://HOST:PORT/<token>/`. */
  url: string;
  host: string;
  port: number;
  token: string;
  service: StudioService;
  close(): Promise<void>;
}

export class WebHostError extends Error {}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) {
    throw new WebHostError(`refusing to serve the studio on ${host}: it can read and write your files, so it only listens on this machine (127.0.0.1, ::1 or localhost)`);
  }
  const rendererDir = options.rendererDir ?? defaultRendererDir();
  const problem = rendererProblem(rendererDir);
  if (problem) throw new WebHostError(problem);
  const token = options.token ?? randomBytes(32).toString('base64url');
  const log = options.log ?? ((message: string) => process.stderr.write(message + '\n'));
  const service = await createStudioService({
    workspaceRoot: options.workspaceRoot,
    hostInfo: { version: productVersion(), ...(options.node ? { node: options.node } : {}) },
    localNode: options.localNode,
    userDataDir: options.userDataDir,
    log,
    debounceMs: options.debounceMs,
  });

  // Known once listening: the port is part of the allowed Host values and the CSP.
  let allowed = new Set<string>();
  let headers: http.OutgoingHttpHeaders = {};

  const server = http.createServer((req, res) => {
    if (!hostAllowed(req.headers.host, allowed)) return plain(res, 403, 'Forbidden', headers);
    const target = splitTokenPath(req.url, token);
    if (target.kind === 'refused') return plain(res, 404, 'Not found', headers);
    if (target.kind === 'bare') {
      res.writeHead(308, { ...headers, location: `/${token}/`, 'cache-control': 'no-store' });
      return void res.end();
    }
    serveFile(req, res, rendererDir, target.rest, headers).catch((error: unknown) => {
      log(`studio: serving ${target.rest} failed: ${(error as Error).message}`);
      if (!res.headersSent) plain(res, 500, 'Internal error', headers);
      else res.destroy();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {});
    const target = splitTokenPath(req.url, token);
    if (!hostAllowed(req.headers.host, allowed)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (target.kind !== 'inside' || target.rest !== 'api') return refuseUpgrade(socket, 404, 'Not Found');
    if (!originAllowed(req.headers.origin, allowed)) return refuseUpgrade(socket, 403, 'Forbidden');
    sockets.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, service.api, log));
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await service.close();
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EADDRINUSE' ? 'the port is in use (try another --port, or 0 for any free one)' : (error as Error).message;
    throw new WebHostError(`cannot listen on ${host}:${options.port ?? 0}: ${reason}`);
  }
  server.on('error', (error) => log(`studio: the web host failed: ${error.message}`));
  const port = (server.address() as AddressInfo).port;
  allowed = allowedHosts(host, port);
  const origin = hostPort(host, port);
  headers = securityHeaders(studioCsp([...allowed].map((h) => `ws://${h}`)));

  let closing: Promise<void> | undefined;
  return {
    url: `http://${origin}/${token}/`,
    host,
    port,
    token,
    service,
    close() {
      closing ??= (async () => {
        for (const client of sockets.clients) client.terminate();
        await new Promise<void>((resolve) => sockets.close(() => resolve()));
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await service.close();
      })();
      return closing;
    },
  };
}

/** Answers a refused upgrade in plain HTTP and hangs up: no hint beyond the status. */
function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
