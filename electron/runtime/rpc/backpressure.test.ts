/** Beyond its concurrency limit an HTTP node answers 503 with Retry-After, and serves again once calls finish. */
import { describe, expect, it } from 'vitest';
import { compileIdlText } from '../../../shared/idl/compile.js';
import { memoryReader } from '../../../test/support/memory-reader.js';
import { RpcClient } from './client.js';
import { HttpChannel } from './http-channel.js';
import { serveHttp } from './http.js';
import { RpcServer } from './server.js';

describe('HTTP concurrency limit', () => {
  it('refuses calls beyond the limit with 503, and recovers', async () => {
    const protocol = (await compileIdlText('/t/p.avdl', 'protocol Slow { string wait(int ms); }', { reader: memoryReader({}) })).protocol!;
    const server = new RpcServer();
    server.addService(protocol, { wait: async ({ ms }) => new Promise((r) => setTimeout(() => r('done'), ms as number)) });
    const listening = await serveHttp(server, { maxConcurrentCalls: 2 });
    const client = new RpcClient(protocol, new HttpChannel(listening.url, 'Slow'));
    await client.call('wait', { ms: 0 }); // the handshake settles first
    const slow = [client.call('wait', { ms: 300 }), client.call('wait', { ms: 300 })];
    await new Promise((r) => setTimeout(r, 50));
    await expect(client.call('wait', { ms: 0 })).rejects.toThrow(/HTTP 503: busy: 2 calls are running \(the limit is 2\)/);
    expect(await Promise.all(slow)).toEqual(['done', 'done']);
    expect(await client.call('wait', { ms: 0 })).toBe('done');
    await client.close();
    await listening.close();
  });
});
