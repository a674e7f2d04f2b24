/**
 * RPC benchmark: our Avro RPC engine against its peers, all measured in one run on the same
 * payload — an echo of one ~700-byte record (strings, ints, longs, a double, an enum, an array of
 * a small record, a map of strings, an optional union), defined once below as an Avro protocol.
 *
 *   npm run bench:rpc              a table
 *   npm run bench:rpc -- --json    one JSON object
 *   options: --seconds N    measured seconds per run (default 3)
 *            --warmup N     warm-up seconds per peer (default 1)
 *            --inflight N   calls in flight for the throughput runs (default 64)
 *            --reps N       throughput runs of each peer a target compares (default 3); the best
 *                           counts, since noise on a shared machine only ever slows a run down.
 *                           Ours over TCP's runs are also the serving RSS check
 *            --only a,b     only these peers (ids: ours-tcp, ours-http, ours-inproc,
 *                           ours-inproc-binary, avsc-tcp, avsc-http, avsc-memory, grpc, json-http,
 *                           direct)
 *            --cpu-prof DIR write V8 CPU profiles of each serving child process into DIR/server-<peer>/
 *                           (the largest file there is the main thread's)
 *
 * Servers run in a child process (this file, forked with `--serve <peer>`), one fresh child per
 * peer, so that client and server each get a core and the serving process's RSS is its own. The
 * in-process peers (ours in process, avsc's in-memory channel, a direct call) run in this process.
 * Each peer is checked once (its echo must equal the input) before it is timed, warmed up, then
 * run for a fixed time with `--inflight` calls in flight (throughput) and with one (latency).
 *
 * It is a report, not a test: it exits 0 whether or not the targets are met, but it fails loudly
 * (exit 1) if any peer echoes something other than what it was sent.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { createHistogram, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import avsc from 'avsc';
import type { Channel } from '../electron/runtime/rpc/channel.js';

// Measure the product as it ships: the compiled JavaScript in dist/ (built by `npm run build`,
// which the bench script runs first), not sources transformed on the fly by the bench runner.
const dist = new URL('../dist/', import.meta.url);

type ServerModule = typeof import('../electron/runtime/rpc/server.js');
type ClientModule = typeof import('../electron/runtime/rpc/client.js');
type HttpModule = typeof import('../electron/runtime/rpc/http.js');
type HttpChannelModule = typeof import('../electron/runtime/rpc/http-channel.js');
type TcpModule = typeof import('../electron/runtime/rpc/tcp.js');
type ReaderModule = typeof import('../shared/avro/schema-reader.js');

interface Engine {
  RpcServer: ServerModule['RpcServer'];
  RpcClient: ClientModule['RpcClient'];
  serveHttp: HttpModule['serveHttp'];
  HttpChannel: HttpChannelModule['HttpChannel'];
  serveTcp: TcpModule['serveTcp'];
  TcpChannel: TcpModule['TcpChannel'];
  readProtocolJson: ReaderModule['readProtocolJson'];
  /** The in-process transport's module, when it has been built (`electron/runtime/rpc/in-process.ts`). */
  inProcess?: Record<string, unknown>;
}

async function loadEngine(): Promise<Engine> {
  const at = (path: string): string => new URL(path, dist).href;
  if (!existsSync(new URL('electron/runtime/rpc/server.js', dist))) throw new Error('dist/ is missing the RPC engine: run `npm run build` first');
  const [server, client, httpModule, httpChannel, tcp, reader] = await Promise.all([
    import(at('electron/runtime/rpc/server.js')) as Promise<ServerModule>,
    import(at('electron/runtime/rpc/client.js')) as Promise<ClientModule>,
    import(at('electron/runtime/rpc/http.js')) as Promise<HttpModule>,
    import(at('electron/runtime/rpc/http-channel.js')) as Promise<HttpChannelModule>,
    import(at('electron/runtime/rpc/tcp.js')) as Promise<TcpModule>,
    import(at('shared/avro/schema-reader.js')) as Promise<ReaderModule>,
  ]);
  const inProcessPath = new URL('electron/runtime/rpc/in-process.js', dist);
  let inProcess: Record<string, unknown> | undefined;
  if (existsSync(inProcessPath)) {
    try {
      inProcess = (await import(inProcessPath.href)) as Record<string, unknown>;
    } catch (error) {
      // Being written as this runs: its row says it could not be used.
      process.stderr.write(`bench:rpc: in-process.js cannot be loaded (${error instanceof Error ? error.message : String(error)})\n`);
    }
  }
  return {
    RpcServer: server.RpcServer,
    RpcClient: client.RpcClient,
    serveHttp: httpModule.serveHttp,
    HttpChannel: httpChannel.HttpChannel,
    serveTcp: tcp.serveTcp,
    TcpChannel: tcp.TcpChannel,
    readProtocolJson: reader.readProtocolJson,
    inProcess,
  };
}

// ---------------------------------------------------------------------------------------------
// The contract and the payload, shared by every peer.

const PROTOCOL = {
  protocol: 'EchoBench',
  namespace: 'spl.bench',
  types: [
    { type: 'enum', name: 'Status', symbols: ['PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'] },
    { type: 'record', name: 'Item', fields: [
      { name: 'sku', type: 'string' },
      { name: 'quantity', type: 'int' },
      { name: 'priceCents', type: 'long' },
    ] },
    { type: 'record', name: 'Order', fields: [
      { name: 'id', type: 'string' },
      { name: 'customer', type: 'string' },
      { name: 'email', type: 'string' },
      { name: 'note', type: 'string' },
      { name: 'version', type: 'int' },
      { name: 'priority', type: 'int' },
      { name: 'createdAt', type: 'long' },
      { name: 'updatedAt', type: 'long' },
      { name: 'total', type: 'double' },
      { name: 'status', type: 'Status' },
      { name: 'items', type: { type: 'array', items: 'Item' } },
      { name: 'tags', type: { type: 'map', values: 'string' } },
      { name: 'coupon', type: ['null', 'string'], default: null },
    ] },
  ],
  messages: {
    echo: { request: [{ name: 'order', type: 'Order' }], response: 'Order' },
  },
};
const PROTOCOL_TEXT = JSON.stringify(PROTOCOL);
const PROTOCOL_FULL_NAME = `${PROTOCOL.namespace}.${PROTOCOL.protocol}`;

/** The record with unions as plain values (avsc's default, gRPC/JSON peers, the direct call). */
const ORDER = {
  id: 'ord-2024-06-10-000000123456789',
  customer: 'Ada Lovelace',
  email: 'ada.lovelace@analytical-engines.example.org',
  note: 'Leave the parcel with the concierge and ring twice. Fragile: glassware and a bound manuscript inside.',
  version: 7,
  priority: -3,
  createdAt: 1_718_000_000_123,
  updatedAt: 1_718_000_456_789,
  total: 1234.5678,
  status: 'SHIPPED',
  items: Array.from({ length: 13 }, (_, i) => ({ sku: `SKU-${String(100_000 + i * 7919)}-BLUE-XL`, quantity: 1 + (i % 4), priceCents: 129_999 + i * 1_001 })),
  tags: {
    region: 'eu-west-1',
    channel: 'web-checkout',
    campaign: 'spring-sale-2024',
    warehouse: 'ams-04',
    carrier: 'parcel-express',
    giftWrap: 'no',
    locale: 'en-GB',
    fulfilment: 'split-shipment-allowed',
  },
  coupon: 'SPRING-25-OFF',
};
/** The same record with the union wrapped, as our engine's values are (`{ "string": "x" }`). */
const ORDER_WRAPPED = { ...ORDER, coupon: { string: ORDER.coupon } };

/** Our engine's handler and avsc's see the parameters as a record: `{ order }`. */
const echoHandler = ({ order }: Record<string, unknown>): unknown => order;

// ---------------------------------------------------------------------------------------------
// Servers (in the child process).

type ServerKind = 'ours-tcp' | 'ours-http' | 'avsc-tcp' | 'avsc-http' | 'grpc' | 'json-http';

type AvscCallback = (err: unknown, res?: unknown) => void;

function avscService(): avsc.Service {
  return avsc.Service.forProtocol(PROTOCOL);
}

function avscServer(): avsc.Service.Server {
  return avscService().createServer({ silent: true } as Partial<avsc.Service.ServerOptions>)
    .onMessage('echo', (req: { order: unknown }, cb: AvscCallback) => cb(null, req.order));
}

async function listen(server: net.Server | http.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return (server.address() as net.AddressInfo).port;
}

/** The gRPC service, by hand: one unary method whose messages are the record as JSON. */
function grpcDefinition() {
  const serialize = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');
  const deserialize = (bytes: Buffer): unknown => JSON.parse(bytes.toString('utf8')) as unknown;
  return {
    echo: {
      path: `/${PROTOCOL_FULL_NAME}/echo`,
      requestStream: false,
      responseStream: false,
      requestSerialize: serialize,
      requestDeserialize: deserialize,
      responseSerialize: serialize,
      responseDeserialize: deserialize,
    },
  } as const;
}

async function startServer(kind: ServerKind): Promise<number> {
  switch (kind) {
    case 'ours-tcp':
    case 'ours-http': {
      const engine = await loadEngine();
      const server = new engine.RpcServer();
      server.addService(engine.readProtocolJson(PROTOCOL_TEXT, { file: 'echo-bench.avpr' }), { echo: echoHandler });
      const listening = kind === 'ours-tcp' ? await engine.serveTcp(server, { host: '127.0.0.1' }) : await engine.serveHttp(server, { host: '127.0.0.1' });
      return listening.port;
    }
    case 'avsc-tcp': {
      const server = avscServer();
      return listen(net.createServer((socket) => {
        socket.setNoDelay(true);
        socket.on('error', () => undefined);
        server.createChannel(socket);
      }));
    }
    case 'avsc-http': {
      // avsc's stateless server API: one channel per request, reading the request, writing the response.
      const server = avscServer();
      return listen(http.createServer((req, res) => {
        server.createChannel(((cb: (err: null, res: http.ServerResponse) => void) => {
          cb(null, res);
          return req;
        }) as unknown as avsc.Service.Transport);
      }));
    }
    case 'grpc': {
      const grpc = await import('@grpc/grpc-js');
      const server = new grpc.Server();
      server.addService(grpcDefinition() as unknown as import('@grpc/grpc-js').ServiceDefinition, {
        echo: (call: { request: unknown }, callback: (err: null, value: unknown) => void) => callback(null, call.request),
      } as unknown as import('@grpc/grpc-js').UntypedServiceImplementation);
      return new Promise<number>((resolve, reject) => {
        server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port)));
      });
    }
    case 'json-http':
      return listen(http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const out = JSON.stringify(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
          res.end(out);
        });
      }));
  }
}

/** What the serving process measured of itself during one run. */
interface ServerSample {
  /** Peak RSS, sampled every 20 ms. */
  peakMb: number;
  /** RSS at the end of the run. */
  endMb: number;
  /** CPU time (user + system) the serving process spent during the run. */
  cpuUs: number;
}

type ParentMessage = { cmd: 'sample-start' } | { cmd: 'sample-stop' } | { cmd: 'exit' };
type ChildMessage = { ready: number; idleMb: number } | { sample: ServerSample };

/** The child: serves one peer, samples its own RSS and CPU while the parent asks it to, exits when told. */
async function serveChild(kind: ServerKind): Promise<void> {
  const port = await startServer(kind);
  const mb = (): number => process.memoryUsage.rss() / (1024 * 1024);
  let peak = 0;
  let cpu = process.cpuUsage();
  let sampler: NodeJS.Timeout | undefined;
  process.on('message', (message: ParentMessage) => {
    if (message.cmd === 'sample-start') {
      peak = mb();
      cpu = process.cpuUsage();
      sampler = setInterval(() => (peak = Math.max(peak, mb())), 20);
    } else if (message.cmd === 'sample-stop') {
      clearInterval(sampler);
      const used = process.cpuUsage(cpu);
      const end = mb();
      process.send?.({ sample: { peakMb: Math.max(peak, end), endMb: end, cpuUs: used.user + used.system } } satisfies ChildMessage);
    } else if (message.cmd === 'exit') {
      // A normal exit, so that --cpu-prof writes its profile.
      process.exit(0);
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ready: port, idleMb: mb() } satisfies ChildMessage);
}

interface Child {
  port: number;
  /** RSS once serving, before any call. */
  idleMb: number;
  startSampling(): void;
  stopSampling(): Promise<ServerSample>;
  stop(): Promise<void>;
}

async function startChild(kind: ServerKind, cpuProfDir: string | undefined): Promise<Child> {
  const execArgv = [...process.execArgv];
  // One folder per server: the loader's worker thread writes a profile of its own beside the main thread's.
  if (cpuProfDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${cpuProfDir}/server-${kind}`);
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--serve', kind], { execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const { ready: port, idleMb } = await new Promise<{ ready: number; idleMb: number }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the ${kind} server exited (code ${code}) before it was ready`)));
    child.once('message', (message: ChildMessage) => ('ready' in message ? resolve(message) : reject(new Error(`unexpected message from the ${kind} server`))));
  });
  const send = (message: ParentMessage): void => void child.send(message);
  return {
    port,
    idleMb,
    startSampling: () => send({ cmd: 'sample-start' }),
    stopSampling: () => new Promise((resolve) => {
      child.once('message', (message: ChildMessage) => 'sample' in message && resolve(message.sample));
      send({ cmd: 'sample-stop' });
    }),
    stop: async () => {
      if (child.exitCode === null && child.connected) send({ cmd: 'exit' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Clients (in this process).

type PeerId = ServerKind | 'ours-inproc' | 'ours-inproc-binary' | 'avsc-memory' | 'direct';

interface Connected {
  call: () => Promise<unknown>;
  /** What the echo must equal (each peer's own value shape). */
  expected: unknown;
  close: () => Promise<void>;
  /** A label more exact than the peer's, when it depends on what was found (the in-process transport). */
  label?: string;
  /** What the reader must know about this row (a stand-in for something not built yet). */
  note?: string;
}

interface Peer {
  id: PeerId;
  label: string;
  /** Served by a child process. */
  server?: ServerKind;
  connect(port: number | undefined, context: { engine: Engine; inflight: number }): Promise<Connected>;
}

/** avsc's callback API as a promise. */
function emitAvsc(client: avsc.Service.Client, request: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    client.emitMessage('echo', request, undefined, ((err: unknown, res: unknown) => (err ? reject(err) : resolve(res))) as avsc.Callback<unknown>);
  });
}

function ourModel(engine: Engine) {
  return engine.readProtocolJson(PROTOCOL_TEXT, { file: 'echo-bench.avpr' });
}

/** The binary path without sockets: in-process.ts's InProcessChannel when it is built, else a bench Channel. */
function binaryInProcessChannel(engine: Engine, server: InstanceType<Engine['RpcServer']>): { channel: Channel; note?: string } {
  const Built = engine.inProcess?.InProcessChannel;
  if (typeof Built === 'function') return { channel: new (Built as new (server: unknown) => Channel)(server) };
  // One session for the channel's life: the server remembers the handshake on it, as on a connection.
  const session = { stateful: true, transport: 'bench' };
  const channel: Channel = {
    stateful: true,
    endpoint: 'in-process://bench',
    send: (body) => server.handle(body, session),
    close: async () => undefined,
  };
  return { channel, note: 'in-process.ts has no InProcessChannel built: a bench Channel hands each call\'s bytes to server.handle on one stateful session (binary round trip, no sockets)' };
}

interface InProcessClientLike {
  call(name: string, request: Record<string, unknown>): Promise<unknown>;
}

/**
 * in-process.ts's InProcessClient (values validated and handed over, nothing serialized), or why
 * it cannot be used in this build.
 */
function valueInProcessClient(engine: Engine, server: InstanceType<Engine['RpcServer']>, model: unknown): InProcessClientLike | string {
  const Built = engine.inProcess?.InProcessClient;
  if (typeof Built !== 'function') return engine.inProcess ? 'in-process.js exports no InProcessClient' : 'in-process.ts is not built';
  if (typeof (server as unknown as { invoke?: unknown }).invoke !== 'function') return 'InProcessClient needs RpcServer.invoke, which this build lacks';
  return new (Built as new (server: unknown, protocol: unknown) => InProcessClientLike)(server, model);
}

const PEERS: Peer[] = [
  {
    id: 'ours-tcp', label: 'ours over TCP', server: 'ours-tcp',
    async connect(port, { engine }) {
      const client = new engine.RpcClient(ourModel(engine), new engine.TcpChannel('127.0.0.1', port!));
      return { call: () => client.call('echo', { order: ORDER_WRAPPED }), expected: ORDER_WRAPPED, close: () => client.close() };
    },
  },
  {
    id: 'ours-http', label: 'ours over HTTP (keep-alive)', server: 'ours-http',
    async connect(port, { engine }) {
      const client = new engine.RpcClient(ourModel(engine), new engine.HttpChannel(`http://127.0.0.1:${port}/`, PROTOCOL_FULL_NAME));
      return { call: () => client.call('echo', { order: ORDER_WRAPPED }), expected: ORDER_WRAPPED, close: () => client.close() };
    },
  },
  {
    id: 'ours-inproc', label: 'ours in process (validating)',
    async connect(_port, { engine }) {
      const server = new engine.RpcServer();
      const model = ourModel(engine);
      server.addService(model, { echo: echoHandler });
      const client = valueInProcessClient(engine, server, model);
      if (typeof client !== 'string') return { call: () => client.call('echo', { order: ORDER_WRAPPED }), expected: ORDER_WRAPPED, close: async () => undefined };
      // Not usable yet: the binary path stands in, and says so.
      const { channel } = binaryInProcessChannel(engine, server);
      const wire = new engine.RpcClient(model, channel);
      return {
        call: () => wire.call('echo', { order: ORDER_WRAPPED }),
        expected: ORDER_WRAPPED,
        close: () => wire.close(),
        label: 'ours in process*',
        note: `${client}: this row measures the binary path (RpcClient over ${channel.endpoint === 'in-process' ? 'InProcessChannel' : 'a bench Channel into server.handle'}) instead`,
      };
    },
  },
  {
    id: 'ours-inproc-binary', label: 'ours in process, binary',
    async connect(_port, { engine }) {
      const server = new engine.RpcServer();
      const model = ourModel(engine);
      server.addService(model, { echo: echoHandler });
      const { channel, note } = binaryInProcessChannel(engine, server);
      const client = new engine.RpcClient(model, channel);
      return { call: () => client.call('echo', { order: ORDER_WRAPPED }), expected: ORDER_WRAPPED, close: () => client.close(), label: note ? 'ours in process, binary*' : undefined, note };
    },
  },
  {
    id: 'avsc-tcp', label: 'avsc 5.7.9 over TCP (stateful)', server: 'avsc-tcp',
    async connect(port) {
      // No per-call timeout timer: ours sets none either.
      const client = avscService().createClient({ timeout: 0 });
      const socket = net.connect(port!, '127.0.0.1');
      socket.setNoDelay(true);
      client.createChannel(socket);
      return {
        call: () => emitAvsc(client, { order: ORDER }),
        expected: ORDER,
        close: async () => {
          client.destroyChannels({ noWait: true });
          socket.destroy();
        },
      };
    },
  },
  {
    id: 'avsc-http', label: 'avsc 5.7.9 over HTTP (stateless)', server: 'avsc-http',
    async connect(port, { inflight }) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: inflight });
      const client = avscService().createClient({ timeout: 0 });
      // avsc's stateless client API: a transport function that opens one request per call.
      client.createChannel(((cb: (err: Error | null, res?: http.IncomingMessage) => void) =>
        http.request({ method: 'POST', host: '127.0.0.1', port, path: '/', agent, headers: { 'content-type': 'avro/binary' } })
          .on('response', (res) => cb(null, res))
          .on('error', (error) => cb(error))) as unknown as avsc.Service.Transport);
      return {
        call: () => emitAvsc(client, { order: ORDER }),
        expected: ORDER,
        close: async () => {
          client.destroyChannels({ noWait: true });
          agent.destroy();
        },
      };
    },
  },
  {
    id: 'avsc-memory', label: 'avsc 5.7.9 in memory (objectMode)',
    async connect() {
      // avsc's in-memory client: a pair of objectMode PassThrough streams to the server.
      const service = avscService();
      const server = service.createServer({ silent: true } as Partial<avsc.Service.ServerOptions>)
        .onMessage('echo', (req: { order: unknown }, cb: AvscCallback) => cb(null, req.order));
      const client = service.createClient({ server, timeout: 0 } as Partial<avsc.Service.ClientOptions>);
      await new Promise((resolve) => setImmediate(resolve)); // the channel is created on the next tick
      return { call: () => emitAvsc(client, { order: ORDER }), expected: ORDER, close: async () => client.destroyChannels({ noWait: true }) };
    },
  },
  {
    id: 'grpc', label: '@grpc/grpc-js unary (JSON)', server: 'grpc',
    async connect(port) {
      const grpc = await import('@grpc/grpc-js');
      const Client = grpc.makeGenericClientConstructor(grpcDefinition() as unknown as import('@grpc/grpc-js').ServiceDefinition, 'EchoBench');
      const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as unknown as {
        echo(request: unknown, callback: (err: Error | null, response: unknown) => void): void;
        close(): void;
      };
      return {
        call: () => new Promise((resolve, reject) => client.echo(ORDER, (err, response) => (err ? reject(err) : resolve(response)))),
        expected: ORDER,
        close: async () => client.close(),
      };
    },
  },
  {
    id: 'json-http', label: 'JSON over HTTP POST (keep-alive)', server: 'json-http',
    async connect(port, { inflight }) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: inflight });
      const call = (): Promise<unknown> => new Promise((resolve, reject) => {
        const body = JSON.stringify(ORDER);
        const req = http.request({
          method: 'POST', host: '127.0.0.1', port, path: '/echo', agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))) : reject(new Error(`HTTP ${res.statusCode}`))));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
      return { call, expected: ORDER, close: async () => agent.destroy() };
    },
  },
  {
    id: 'direct', label: 'direct async function call (ceiling)',
    async connect() {
      const echo = async (order: unknown): Promise<unknown> => order;
      return { call: () => echo(ORDER), expected: ORDER, close: async () => undefined };
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Measuring.

interface RunStats {
  calls: number;
  callsPerSecond: number;
  p50Us: number;
  p99Us: number;
  /**
   * CPU time per call of this process (the client; for in-process peers, client and server), and
   * of the serving child: unlike calls/s, these barely move when other work shares the machine.
   */
  clientCpuUs: number;
  serverCpuUs?: number;
}

/** Keeps `inflight` calls going for `seconds`; each call's latency goes into a histogram (ns). */
async function load(call: () => Promise<unknown>, inflight: number, seconds: number): Promise<RunStats> {
  const histogram = createHistogram();
  let calls = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const t0 = performance.now();
      await call();
      histogram.record(Math.max(1, Math.round((performance.now() - t0) * 1e6)));
      calls++;
    }
  };
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: inflight }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    calls,
    callsPerSecond: calls / elapsed,
    p50Us: histogram.percentile(50) / 1000,
    p99Us: histogram.percentile(99) / 1000,
    clientCpuUs: (used.user + used.system) / calls,
  };
}

/** A value as plain sorted JSON, so that avsc's record instances compare with plain objects. */
function canonical(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return { bytes: value.toString('hex') };
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(object).sort().map((key) => [key, canonical(object[key])]));
  }
  return value;
}

interface PeerResult {
  id: PeerId;
  label: string;
  note?: string;
  throughput: RunStats;
  latency: RunStats;
  /** The serving child's RSS during each throughput run (MB), for peers served by a child. */
  serverRss?: { peakMb: number; endMb: number }[];
  /** The serving child's RSS before the first call. */
  serverIdleMb?: number;
  /** The machine's 1-minute load average before and after this peer's runs. */
  load: [number, number];
  /** Each throughput run, when there were several (the peers a target compares). */
  reps?: RunStats[];
}

interface Options {
  seconds: number;
  warmup: number;
  inflight: number;
  reps: number;
  only?: Set<string>;
  cpuProf?: string;
}

async function measure(peer: Peer, engine: Engine, options: Options): Promise<PeerResult> {
  const child = peer.server ? await startChild(peer.server, options.cpuProf) : undefined;
  try {
    const connected = await peer.connect(child?.port, { engine, inflight: options.inflight });
    try {
      const echoed = await connected.call();
      const got = JSON.stringify(canonical(echoed));
      const want = JSON.stringify(canonical(connected.expected));
      if (got !== want) throw new Error(`${peer.label} returned a wrong echo:\n  sent ${want}\n  got  ${got}`);
      const loadBefore = os.loadavg()[0];
      await load(connected.call, options.inflight, options.warmup);
      const serverRss: { peakMb: number; endMb: number }[] = [];
      const run = async (inflight: number, throughput: boolean): Promise<RunStats> => {
        child?.startSampling();
        const stats = await load(connected.call, inflight, options.seconds);
        const sample = await child?.stopSampling();
        if (!sample) return stats;
        if (throughput) serverRss.push({ peakMb: sample.peakMb, endMb: sample.endMb });
        return { ...stats, serverCpuUs: sample.cpuUs / stats.calls };
      };
      const reps: RunStats[] = [];
      const runs = COMPARED.has(peer.id) ? options.reps : 1;
      for (let i = 0; i < runs; i++) reps.push(await run(options.inflight, true));
      const best = reps.reduce((a, b) => (b.callsPerSecond > a.callsPerSecond ? b : a));
      const latency = await run(1, false);
      return {
        id: peer.id,
        label: connected.label ?? peer.label,
        note: connected.note,
        throughput: best,
        latency,
        serverRss: child ? serverRss : undefined,
        serverIdleMb: child?.idleMb,
        reps: runs > 1 ? reps : undefined,
        load: [loadBefore, os.loadavg()[0]],
      };
    } finally {
      await connected.close();
    }
  } finally {
    await child?.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Reporting.

/**
 * Above this 1-minute load average other work shared the CPU: the bench itself keeps about one
 * runnable thread per core busy (client and server), so a load beyond cores + 1 is someone else's.
 */
const BUSY_LOAD = os.cpus().length + 1;

/** The peers a throughput target compares: each is run `--reps` times and its best run counts. */
const COMPARED = new Set<PeerId>(['ours-tcp', 'avsc-tcp', 'ours-http', 'json-http', 'ours-inproc', 'avsc-memory']);

const TARGETS = {
  tcpVsAvscTcp: 2,
  httpVsJsonHttp: 1.5,
  inProcessVsAvscMemory: 20,
  tcpP50Us: 100,
  serverRssMb: 150,
  rssFlatWithin: 0.1,
};

interface Target {
  name: string;
  target: string;
  actual: string;
  met: boolean | null;
}

function targets(results: Map<PeerId, PeerResult>): Target[] {
  const rate = (id: PeerId): number | undefined => results.get(id)?.throughput.callsPerSecond;
  const ratio = (name: string, a: PeerId, b: PeerId, min: number): Target => {
    const x = rate(a);
    const y = rate(b);
    if (x === undefined || y === undefined) return { name, target: `>= ${min}x`, actual: 'not measured', met: null };
    return { name, target: `>= ${min}x`, actual: `${(x / y).toFixed(2)}x`, met: x / y >= min };
  };
  const list: Target[] = [
    ratio(`ours TCP / avsc TCP, ${'calls/s'}`, 'ours-tcp', 'avsc-tcp', TARGETS.tcpVsAvscTcp),
    ratio('ours HTTP / JSON over HTTP, calls/s', 'ours-http', 'json-http', TARGETS.httpVsJsonHttp),
    ratio(`ours in process${results.get('ours-inproc')?.note ? '*' : ' (validating)'} / avsc in memory, calls/s`, 'ours-inproc', 'avsc-memory', TARGETS.inProcessVsAvscMemory),
  ];
  const tcp = results.get('ours-tcp');
  list.push(tcp
    ? { name: 'ours TCP p50, 1 in flight', target: `<= ${TARGETS.tcpP50Us} us`, actual: `${tcp.latency.p50Us.toFixed(1)} us`, met: tcp.latency.p50Us <= TARGETS.tcpP50Us }
    : { name: 'ours TCP p50, 1 in flight', target: `<= ${TARGETS.tcpP50Us} us`, actual: 'not measured', met: null });
  const rss = tcp?.serverRss ?? [];
  if (rss.length > 0) {
    const peaks = rss.map((r) => r.peakMb);
    const max = Math.max(...peaks);
    const flat = Math.abs(peaks[peaks.length - 1] - peaks[0]) <= TARGETS.rssFlatWithin * peaks[0];
    list.push({
      name: 'ours TCP serving peak RSS, flat across runs',
      target: `<= ${TARGETS.serverRssMb} MB, last within ${TARGETS.rssFlatWithin * 100}% of first`,
      actual: `${peaks.map((p) => p.toFixed(1)).join(' / ')} MB (${flat ? 'flat' : 'not flat'}${peaks.length < 2 ? ', one run only' : ''})`,
      met: max <= TARGETS.serverRssMb && flat,
    });
  } else {
    list.push({ name: 'ours TCP serving peak RSS, flat across runs', target: `<= ${TARGETS.serverRssMb} MB`, actual: 'not measured', met: null });
  }
  return list;
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
}

function stringOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const asJson = args.includes('--json');
  const only = stringOption(args, '--only');
  const options: Options = {
    seconds: option(args, '--seconds', 3),
    warmup: option(args, '--warmup', 1),
    inflight: Math.round(option(args, '--inflight', 64)),
    reps: Math.round(option(args, '--reps', 3)),
    only: only ? new Set(only.split(',')) : undefined,
    cpuProf: stringOption(args, '--cpu-prof'),
  };
  if (options.only) {
    const unknown = [...options.only].filter((id) => !PEERS.some((p) => p.id === id));
    if (unknown.length > 0) throw new Error(`unknown peer(s) ${unknown.join(', ')}: the peers are ${PEERS.map((p) => p.id).join(', ')}`);
  }
  const engine = await loadEngine();
  const orderType = avscService().type(`${PROTOCOL.namespace}.Order`)!;
  const payload = { avroBytes: orderType.toBuffer(ORDER).length, jsonBytes: Buffer.byteLength(JSON.stringify(ORDER)) };

  const started = performance.now();
  const results = new Map<PeerId, PeerResult>();
  for (const peer of PEERS) {
    if (options.only && !options.only.has(peer.id)) continue;
    if (!asJson) process.stderr.write(`  measuring ${peer.label}...\n`);
    results.set(peer.id, await measure(peer, engine, options));
  }
  const totalSeconds = (performance.now() - started) / 1000;
  const checks = targets(results);
  const r1 = (n: number): number => Math.round(n * 10) / 10;
  const statsJson = (s: RunStats) => ({
    calls: s.calls,
    callsPerSecond: Math.round(s.callsPerSecond),
    p50Us: r1(s.p50Us),
    p99Us: r1(s.p99Us),
    clientCpuUsPerCall: r1(s.clientCpuUs),
    ...(s.serverCpuUs !== undefined ? { serverCpuUsPerCall: r1(s.serverCpuUs) } : {}),
  });
  const loads = [...results.values()].flatMap((r) => r.load);
  const busiest = loads.length > 0 ? Math.max(...loads) : 0;

  if (asJson) {
    const result = {
      benchmark: 'rpc',
      node: process.version,
      payload,
      options: { seconds: options.seconds, warmup: options.warmup, inflight: options.inflight, reps: options.reps },
      seconds: r1(totalSeconds),
      maxLoadAverage: Math.round(busiest * 100) / 100,
      peers: Object.fromEntries([...results.values()].map((r) => [r.id, {
        label: r.label,
        ...(r.note ? { note: r.note } : {}),
        throughput: statsJson(r.throughput),
        latency: statsJson(r.latency),
        ...(r.serverRss ? { serverRssMb: r.serverRss.map((s) => ({ peak: r1(s.peakMb), end: r1(s.endMb) })), serverIdleRssMb: r1(r.serverIdleMb ?? 0) } : {}),
        ...(r.reps ? { reps: r.reps.map(statsJson) } : {}),
      }])),
      targets: checks,
    };
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }

  const n = (x: number): string => Math.round(x).toLocaleString('en-US');
  const us = (x: number): string => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
  const cpu = (s: RunStats): string => (s.serverCpuUs === undefined ? us(s.clientCpuUs) : `${us(s.clientCpuUs)} + ${us(s.serverCpuUs)}`);
  const ceiling = results.get('direct')?.throughput.callsPerSecond;
  const ourTcp = results.get('ours-tcp')?.throughput.callsPerSecond;
  const width = Math.max(...[...results.values()].map((r) => r.label.length), 4);
  const runColumns = (s: RunStats): string => `${n(s.callsPerSecond).padStart(10)} ${us(s.p50Us).padStart(8)} ${us(s.p99Us).padStart(8)} ${cpu(s).padStart(13)}`;
  const runHeader = `${'calls/s'.padStart(10)} ${'p50 us'.padStart(8)} ${'p99 us'.padStart(8)} ${'cpu us/call'.padStart(13)}`;
  const lines = [
    `RPC benchmark: echo of one Order record (${payload.avroBytes} bytes as Avro binary, ${payload.jsonBytes} as JSON); Node ${process.version}, ${os.cpus().length} cores`,
    `${options.seconds} s per run after ${options.warmup} s of warm-up; servers in a child process (a fresh one per peer), clients in this one; ${r1(totalSeconds)} s in all`,
    '',
    `  ${''.padEnd(width)}  ${`--- ${options.inflight} in flight `.padEnd(42, '-')}  ${'--- 1 in flight '.padEnd(42, '-')}`,
    `  ${'peer'.padEnd(width)}  ${runHeader}  ${runHeader}  ${'server RSS'.padStart(13)}  ${'ours TCP / it'.padStart(13)}`,
  ];
  for (const r of results.values()) {
    const rss = r.serverRss && r.serverRss.length > 0 ? `${(r.serverIdleMb ?? 0).toFixed(0)} -> ${Math.max(...r.serverRss.map((s) => s.peakMb)).toFixed(0)} MB` : '-';
    const ratio = ourTcp ? ourTcp / r.throughput.callsPerSecond : 0;
    const vs = ourTcp && r.id !== 'ours-tcp' ? `${ratio < 0.1 ? ratio.toPrecision(2) : ratio.toFixed(2)}x` : '';
    lines.push(`  ${r.label.padEnd(width)}  ${runColumns(r.throughput)}  ${runColumns(r.latency)}  ${rss.padStart(13)}  ${vs.padStart(13)}`);
  }
  lines.push(
    '',
    '  cpu us/call: CPU time per call of the client process + the serving process (one number: both in this process).',
    '  server RSS: the serving process\'s RSS before the first call -> its peak during the throughput run(s), sampled every 20 ms',
    '  (each server is this file run by tsx in a fresh process: its module loader thread is part of the idle figure).',
  );
  for (const r of results.values()) if (r.note) lines.push(`  * ${r.label.replace(/\*$/, '')}: ${r.note}`);
  lines.push(`  ${options.inflight} in flight: the best of ${options.reps} runs for the peers a target compares; each run:`);
  for (const r of results.values()) {
    if (!r.reps) continue;
    lines.push(`    ${r.label}: ` + r.reps.map((s, i) => `${n(s.callsPerSecond)}${r.id === 'ours-tcp' && r.serverRss ? ` (RSS peak ${r.serverRss[i].peakMb.toFixed(1)} MB)` : ''}`).join(', ') + ' calls/s');
  }
  if (ceiling && ourTcp) lines.push(`  ceiling: a direct async call does ${n(ceiling)} calls/s in this harness (ours over TCP is ${((ourTcp / ceiling) * 100).toFixed(2)}% of it)`);
  if (busiest > BUSY_LOAD) {
    lines.push(`  WARNING: the 1-minute load average reached ${busiest.toFixed(2)} on ${os.cpus().length} cores during the run: something else was using the CPU, so calls/s and latencies are understated (cpu us/call much less so)`);
  }
  lines.push('', '  targets');
  const nameWidth = Math.max(...checks.map((c) => c.name.length));
  const targetWidth = Math.max(...checks.map((c) => c.target.length));
  const actualWidth = Math.max(...checks.map((c) => c.actual.length));
  for (const c of checks) {
    lines.push(`  ${c.name.padEnd(nameWidth)}  ${c.target.padEnd(targetWidth)}  ${c.actual.padEnd(actualWidth)}  ${c.met === null ? 'not measured' : c.met ? 'MET' : 'NOT MET'}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

const serveIndex = process.argv.indexOf('--serve');
if (serveIndex >= 0) {
  serveChild(process.argv[serveIndex + 1] as ServerKind).catch((error: unknown) => {
    process.stderr.write(`bench:rpc server failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`bench:rpc failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
