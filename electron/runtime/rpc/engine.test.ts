/**
 * The engine's semantics, over a loopback channel (bytes straight into server.handle) and real
 * sockets: handshakes, schema resolution between differing protocols, one-way messages, pings,
 * deadlines, cancellation and retries.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { compileIdlText } from '../../../shared/idl/compile.js';
import type { Protocol } from '../../../shared/avro/model.js';
import { memoryReader } from '../../../test/support/memory-reader.js';
import type { Channel } from './channel.js';
import { RpcClient } from './client.js';
import { DeclaredError, RemoteSystemError, TransportError } from './errors.js';
import { RpcServer, type Session } from './server.js';
import { serveTcp, TcpChannel } from './tcp.js';
import { HttpChannel } from './http-channel.js';

async function protocol(idl: string): Promise<Protocol> {
  const result = await compileIdlText('/t/p.avdl', idl, { reader: memoryReader({}) });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.protocol!;
}

/** Bytes straight into the server: a stateful one keeps its session like a TCP connection. */
function loopback(server: RpcServer, stateful: boolean): Channel & { calls: number } {
  const session: Session = { stateful, transport: 'loopback' };
  return {
    stateful,
    endpoint: 'loopback',
    calls: 0,
    async send(body) {
      this.calls++;
      return server.handle(body, stateful ? session : { stateful, transport: 'loopback' });
    },
    async close() {},
  };
}

const V1 = `@namespace("shop") protocol Shop {
  enum Status { NEW, PAID }
  record Order { string id; int quantity; }
  error Refused { string why; }
  Order get(string id) throws Refused;
  void log(string line) oneway;
}`;
// V2 renames the parameter (with an alias), adds a parameter and a response field with defaults:
// old clients and new servers still talk.
const V2 = `@namespace("shop") protocol Shop {
  record Order { string id; int quantity; string note = "none"; }
  error Refused { string why; }
  Order get(string @aliases(["id"]) orderId, boolean full = false) throws Refused;
  void log(string line) oneway;
}`;
// V3 widens quantity to long: it reads V1's int (promotion), but V1 cannot read V3's long.
const V3 = V2.replace('int quantity', 'long quantity').replace('string @aliases(["id"]) orderId, boolean full = false', 'string id');

describe('handshake and schema resolution', () => {
  for (const stateful of [false, true]) {
    it(`a v1 client calls a v2 server (${stateful ? 'stateful' : 'stateless'}): NONE, then BOTH`, async () => {
      const server = new RpcServer();
      const seen: unknown[] = [];
      server.addService(await protocol(V2), {
        get: (request) => {
          seen.push(request);
          return { id: request.orderId, quantity: 3, note: 'v2 note' };
        },
        log: () => null,
      });
      const channel = loopback(server, stateful);
      const client = new RpcClient(await protocol(V1), channel);
      const first = await client.callDetailed('get', { id: 'a1' });
      expect(first.response).toEqual({ id: 'a1', quantity: 3 });
      // NONE (the server does not know v1), with the server's protocol; then BOTH with v1's text.
      expect(first.handshake?.match).toBe('BOTH');
      expect(client.serverProtocol.hashKey).not.toBe(client.codec.hashKey);
      expect(channel.calls).toBe(2);
      expect(seen).toEqual([{ orderId: 'a1', full: false }]);
      const second = await client.callDetailed('get', { id: 'a2' });
      expect(second.response).toEqual({ id: 'a2', quantity: 3 });
      expect(second.handshake?.match).toBe(stateful ? undefined : 'BOTH');
      expect(channel.calls).toBe(3);
    });
  }

  it('a v3 client reads a v1 server\'s response, promoting int to long and filling defaults', async () => {
    const server = new RpcServer();
    server.addService(await protocol(V1), { get: ({ id }) => ({ id, quantity: 7 }), log: () => null });
    const client = new RpcClient(await protocol(V3), loopback(server, false));
    expect(await client.call('get', { id: 'x' })).toEqual({ id: 'x', quantity: 7, note: 'none' });
  });

  it('a v1 client of a v3 server: the long it cannot read is a clear error, not garbage', async () => {
    const server = new RpcServer();
    server.addService(await protocol(V3), { get: ({ id }) => ({ id, quantity: 7, note: 'n' }), log: () => null });
    const client = new RpcClient(await protocol(V1), loopback(server, false));
    await expect(client.call('get', { id: 'x' })).rejects.toThrow(/the response of 'get' as the peer's shop.Shop writes them cannot be read as ours: cannot read "long" as "int"/);
  });

  it('declared errors, system errors and unknown messages', async () => {
    const server = new RpcServer();
    server.addService(await protocol(V1), {
      get: ({ id }) => {
        if (id === 'refuse') throw new DeclaredError('Refused', { why: 'no' });
        if (id === 'undeclared') throw new DeclaredError('shop.Other', { why: 'x' });
        throw new Error('disk full');
      },
    });
    const client = new RpcClient(await protocol(V1), loopback(server, true));
    await expect(client.call('get', { id: 'refuse' })).rejects.toMatchObject({ type: 'shop.Refused', value: { why: 'no' } });
    await expect(client.call('get', { id: 'undeclared' })).rejects.toThrow(/shop.Other is not declared by 'get'/);
    await expect(client.call('get', { id: 'x' })).rejects.toThrow(RemoteSystemError);
    await expect(client.call('get', { id: 'x' })).rejects.toThrow('disk full');
    await expect(client.call('log', { line: 'l' })).resolves.toBeNull(); // no handler: one-way swallows it
    const other = new RpcClient(await protocol(V1.replace('void log', 'void audit')), loopback(server, false));
    await expect(other.call('audit', { line: 'x' })).rejects.toThrow(/message 'audit' is not in|unknown message 'audit'/);
  });

  it('rejects a request that does not fit the schema before sending, naming the path', async () => {
    const server = new RpcServer();
    server.addService(await protocol(V1), {});
    const channel = loopback(server, false);
    const client = new RpcClient(await protocol(V1), channel);
    await expect(client.call('get', { id: 5 })).rejects.toThrow("invalid request for 'get': bad value at id");
    expect(channel.calls).toBe(0);
  });

  it('one-way messages get no response on an established stateful channel', async () => {
    const server = new RpcServer();
    const lines: unknown[] = [];
    server.addService(await protocol(V1), { log: ({ line }) => void lines.push(line), get: ({ id }) => ({ id, quantity: 1 }) });
    const client = new RpcClient(await protocol(V1), loopback(server, true));
    await client.call('get', { id: 'handshake first' });
    await expect(client.call('log', { line: 'hello' })).resolves.toBeNull();
    expect(lines).toEqual(['hello']);
    const pong = await client.ping();
    expect(pong.response).toBeNull();
  });
});

describe('deadlines, cancellation, retries (TCP)', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (closers.length) await closers.pop()!();
  });

  it('a slow handler hits the deadline; a cancelled call stops waiting; others proceed', async () => {
    const server = new RpcServer();
    server.addService(await protocol(V1), {
      get: async ({ id }) => {
        if (id === 'slow') await new Promise((r) => setTimeout(r, 2_000));
        return { id, quantity: 1 };
      },
    });
    const listening = await serveTcp(server, { onConnectionError: (peer, error) => console.error('server closed', peer, error) });
    closers.push(listening.close);
    const client = new RpcClient(await protocol(V1), new TcpChannel('127.0.0.1', listening.port));
    closers.push(() => client.close());
    await expect(client.call('get', { id: 'slow' }, { timeoutMs: 100 })).rejects.toThrow(/exceeded its deadline/);
    const controller = new AbortController();
    const cancelled = client.call('get', { id: 'slow' }, { signal: controller.signal });
    controller.abort();
    await expect(cancelled).rejects.toThrow(/was cancelled/);
    await expect(client.call('get', { id: 'fast' })).resolves.toEqual({ id: 'fast', quantity: 1 });
  });

  it('retries a call that never left (connection refused), and says so when it still fails', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const client = new RpcClient(await protocol(V1), new TcpChannel('127.0.0.1', port));
    const failure = await client.call('get', { id: 'x' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TransportError);
    expect((failure as TransportError).notSent).toBe(true);
    expect((failure as Error).message).toContain(`cannot connect to tcp://127.0.0.1:${port}: ECONNREFUSED`);
    const http = new RpcClient(await protocol(V1), new HttpChannel(`http://127.0.0.1:${port}`, 'shop.Shop'));
    await expect(http.call('get', { id: 'x' })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('proxies call by message name', async () => {
    const server = new RpcServer();
    server.addService(await protocol(V1), { get: ({ id }) => ({ id, quantity: 9 }) });
    const client = new RpcClient(await protocol(V1), loopback(server, false));
    const shop = client.proxy<{ get(request: { id: string }): Promise<{ id: string; quantity: number }> }>();
    expect(await shop.get({ id: 'p' })).toEqual({ id: 'p', quantity: 9 });
  });
});
