/**
 * The Docker Engine API over a unix socket, spoken with node:http: the few calls SPL containers
 * need (images, containers, logs), each answering parsed JSON or an EngineFailure carrying the
 * engine's own message. Docker and Podman (`podman system service`) both serve it; paths are
 * unversioned, so each engine answers in its current API version. No dependency (dockerode)
 * for eight requests.
 */
import http from 'node:http';
import type { EngineAddress } from './engine-address.js';
import { EngineFailure, EngineUnavailable } from './engine-errors.js';

/** GET /images/{name}/json, the parts we read. */
export interface EngineImage {
  Id: string;
  Config?: { Labels?: Record<string, string> | null } | null;
}

/** GET /containers/json, one entry. */
export interface EngineContainerSummary {
  Id: string;
  Names?: string[] | null;
  Image: string;
  Labels?: Record<string, string> | null;
  State: string;
  /** Seconds since the Unix epoch. */
  Created: number;
}

/** GET /containers/{id}/json, the parts we read. */
export interface EngineContainer {
  Id: string;
  Name: string;
  /** RFC 3339. */
  Created: string;
  Config: { Image: string; Labels?: Record<string, string> | null };
  State: { Status: string; Running: boolean; ExitCode: number; Error?: string };
}

/** POST /containers/create, the parts we send. */
export interface EngineCreateContainer {
  Image: string;
  Cmd: string[];
  Env: string[];
  Labels: Record<string, string>;
  HostConfig: { NetworkMode: string; Binds: string[] };
}

interface RequestOptions {
  query?: Record<string, string>;
  body?: unknown;
  /** Statuses that are answers, not failures (default: any 2xx). */
  ok?: number[];
  timeoutMs?: number;
}

interface EngineResponse {
  status: number;
  body: Buffer;
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** Bounds what we read from the engine: listings and log tails are small. */
const MAX_BODY = 16 * 1024 * 1024;

export class EngineClient {
  constructor(readonly address: EngineAddress) {}

  async ping(timeoutMs = 3000): Promise<void> {
    await this.request('answer a ping', 'GET', '/_ping', { timeoutMs });
  }

  /** The image, or undefined when the engine has no such image. */
  async image(ref: string): Promise<EngineImage | undefined> {
    const response = await this.request(`inspect image ${ref}`, 'GET', `/images/${ref}/json`, { ok: [200, 404] });
    return response.status === 404 ? undefined : json<EngineImage>(response);
  }

  async create(name: string, spec: EngineCreateContainer): Promise<string> {
    const response = await this.request(`create container ${name} from ${spec.Image}`, 'POST', '/containers/create', { query: { name }, body: spec, ok: [201] });
    return json<{ Id: string }>(response).Id;
  }

  async start(id: string): Promise<void> {
    // 304: already started.
    await this.request(`start container ${id}`, 'POST', `/containers/${id}/start`, { ok: [204, 304] });
  }

  /** The container, or undefined when the engine has no such container. */
  async container(id: string): Promise<EngineContainer | undefined> {
    const response = await this.request(`inspect container ${id}`, 'GET', `/containers/${id}/json`, { ok: [200, 404] });
    return response.status === 404 ? undefined : json<EngineContainer>(response);
  }

  /** Containers (running or not) matching Engine API filters, e.g. `{ label: ['spl.avro.services'] }`. */
  async list(filters: Record<string, string[]>): Promise<EngineContainerSummary[]> {
    const response = await this.request('list containers', 'GET', '/containers/json', { query: { all: 'true', filters: JSON.stringify(filters) } });
    return json<EngineContainerSummary[]>(response);
  }

  /** Stops (SIGTERM, then SIGKILL after `graceSeconds`); false when there is no such container. */
  async stop(id: string, graceSeconds: number): Promise<boolean> {
    // 304: already stopped. The engine waits up to graceSeconds before it answers.
    const response = await this.request(`stop container ${id}`, 'POST', `/containers/${id}/stop`, { query: { t: String(graceSeconds) }, ok: [204, 304, 404], timeoutMs: DEFAULT_TIMEOUT_MS + graceSeconds * 1000 });
    return response.status !== 404;
  }

  /** Removes it, running or not, with its anonymous volumes; false when there is no such container. */
  async remove(id: string): Promise<boolean> {
    const response = await this.request(`remove container ${id}`, 'DELETE', `/containers/${id}`, { query: { force: 'true', v: 'true' }, ok: [200, 204, 404] });
    return response.status !== 404;
  }

  /** The last `tail` lines of its stdout and stderr, in the engine's stream format (see log-stream.ts). */
  async logs(id: string, tail: number): Promise<Buffer> {
    const response = await this.request(`read the logs of container ${id}`, 'GET', `/containers/${id}/logs`, { query: { stdout: 'true', stderr: 'true', tail: String(tail) } });
    return response.body;
  }

  private request(operation: string, method: string, path: string, options: RequestOptions = {}): Promise<EngineResponse> {
    const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
    const body = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise<EngineResponse>((resolve, reject) => {
      const request = http.request(
        {
          socketPath: this.address.socketPath,
          method,
          path: path + query,
          // The Host header is required by HTTP/1.1 and ignored by the engine.
          headers: { Host: 'engine', ...(body ? { 'Content-Type': 'application/json', 'Content-Length': body.length } : {}) },
          timeout: timeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY) {
              request.destroy(new EngineFailure(operation, response.statusCode ?? 0, `its answer exceeds ${MAX_BODY} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          response.on('error', (error) => reject(this.failure(operation, error)));
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            const answer = { status, body: Buffer.concat(chunks) };
            const ok = options.ok ? options.ok.includes(status) : status >= 200 && status < 300;
            if (ok) resolve(answer);
            else reject(new EngineFailure(operation, status, engineMessage(answer)));
          });
        },
      );
      request.on('timeout', () => request.destroy(new EngineFailure(operation, 0, `no answer within ${timeoutMs} ms`)));
      request.on('error', (error) => reject(this.failure(operation, error)));
      request.end(body);
    });
  }

  private failure(operation: string, error: Error): Error {
    if (error instanceof EngineFailure) return error;
    const code = (error as NodeJS.ErrnoException).code;
    // Connecting failed: the engine never saw the request.
    if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EACCES' || code === 'EPERM' || code === 'ENOTSOCK') return new EngineUnavailable(this.address, code, { cause: error });
    return new EngineFailure(operation, 0, error.message);
  }
}

function json<T>(response: EngineResponse): T {
  try {
    return JSON.parse(response.body.toString('utf8')) as T;
  } catch {
    throw new EngineFailure('answer in JSON', response.status, `it sent ${JSON.stringify(response.body.toString('utf8').slice(0, 200))}`);
  }
}

/** The engine's error text: `{"message": ...}` from Docker and Podman, else the body itself. */
function engineMessage(response: EngineResponse): string {
  const text = response.body.toString('utf8').trim();
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string' && parsed.message) return parsed.message;
  } catch {
    // Not JSON: use the text.
  }
  return text.slice(0, 500) || `HTTP ${response.status}`;
}
