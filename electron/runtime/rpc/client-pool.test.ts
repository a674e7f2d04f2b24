import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeHandlers, probeProtocol } from '../../../test/support/rpc-probe.js';
import { RpcClientPool } from './client-pool.js';
import { RpcServer } from './server.js';
import { serveTcp, TcpChannel } from './tcp.js';
import type { Listening } from './http.js';

const peers = new Set<string>();
let listening: Listening;

beforeAll(async () => {
  const server = new RpcServer();
  server.addService(probeProtocol, probeHandlers());
  server.use(async (context, _request, next) => {
    peers.add(context.peer ?? '?');
    return next();
  });
  listening = await serveTcp(server);
});

afterAll(async () => {
  await listening.close();
});

describe('RpcClientPool', () => {
  it('spreads calls over its connections, each with its own handshake', async () => {
    const pool = new RpcClientPool(probeProtocol, () => TcpChannel.fromUrl(listening.url), 3);
    const sums = await Promise.all(Array.from({ length: 60 }, (_, i) => pool.call('add', { a: i, b: i })));
    expect(sums).toEqual(Array.from({ length: 60 }, (_, i) => 2 * i));
    expect(peers.size).toBe(3);
    const proxy = pool.proxy<{ add(request: { a: number; b: number }): Promise<number> }>();
    expect(await proxy.add({ a: 1, b: 1 })).toBe(2);
    await pool.close();
  });

  it('needs at least one connection', () => {
    expect(() => new RpcClientPool(probeProtocol, () => TcpChannel.fromUrl(listening.url), 0)).toThrow('a client pool needs at least one connection, not 0');
  });
});
