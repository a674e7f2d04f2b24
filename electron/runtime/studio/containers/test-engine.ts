/**
 * For tests without Podman: a stand-in for the Docker Engine API on a unix socket of its own,
 * answering a node's listing of SPL containers with the containers the test sets, and counting
 * the listings. Everything else answers 404, as an engine without such a container would. The
 * node, its SPLContainerService and the studio above it are the real ones; only the engine is not.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ENDPOINT_LABEL, SERVICES_LABEL } from '../../containers/labels.js';

export interface TestContainer {
  id: string;
  image?: string;
  state?: string;
  /** Where its node answers (the spl.node.endpoint label); none: a container without a node. */
  endpoint?: string;
  /** Seconds since 1970. */
  created?: number;
}

export class TestEngine {
  /** What the next listings answer. */
  containers: TestContainer[] = [];
  /** Listings of SPL containers answered so far. */
  listings = 0;

  private constructor(private readonly server: http.Server, private readonly dir: string, readonly socket: string) {}

  static async start(): Promise<TestEngine> {
    const dir = await mkdtemp(path.join(tmpdir(), 'spl-test-engine-'));
    const socket = path.join(dir, 'engine.sock');
    const server = http.createServer();
    const engine = new TestEngine(server, dir, socket);
    server.on('request', (request, response) => engine.answer(request, response));
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    return engine;
  }

  get url(): string {
    return `unix://${this.socket}`;
  }

  private answer(request: http.IncomingMessage, response: http.ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://engine');
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'GET' && url.pathname === '/_ping') return send(200, 'OK');
    if (request.method === 'GET' && url.pathname === '/containers/json') {
      const filters = JSON.parse(url.searchParams.get('filters') ?? '{}') as { label?: string[] };
      // Only the listing of every SPL container: a node's own workers (other labels) are none.
      if (JSON.stringify(filters.label ?? []) !== JSON.stringify([SERVICES_LABEL])) return send(200, []);
      this.listings++;
      return send(200, this.containers.map((c) => ({
        Id: c.id,
        Names: [`/${c.id.slice(0, 12)}`],
        Image: c.image ?? 'localhost/spl-node:test',
        State: c.state ?? 'running',
        Created: c.created ?? 1_700_000_000,
        Labels: { [SERVICES_LABEL]: 'spl.node.SPLNodeService', ...(c.endpoint !== undefined ? { [ENDPOINT_LABEL]: c.endpoint } : {}) },
      })));
    }
    send(404, { message: `no such container or route: ${request.method} ${url.pathname}` });
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
    await rm(this.dir, { recursive: true, force: true });
  }
}
