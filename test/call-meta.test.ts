/**
 * `spl call --meta KEY=VALUE`: call metadata from the command line (what the studio's "copy as
 * spl call" emits), over HTTP and TCP against a server that reads it, and the usage error for
 * an option that is not KEY=VALUE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../electron/cli/io.js';
import { main } from '../electron/cli/main.js';
import { serveHttp, type Listening } from '../electron/runtime/rpc/http.js';
import { ProtocolCodec } from '../electron/runtime/rpc/protocol-codec.js';
import { RpcServer } from '../electron/runtime/rpc/server.js';
import { serveTcp } from '../electron/runtime/rpc/tcp.js';

/** Runs `spl ARGS` in this process, capturing its output. */
async function spl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: process.cwd() };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const PROBE = ProtocolCodec.fromText(JSON.stringify({
  protocol: 'Probe', namespace: 't',
  messages: { metadata: { request: [], response: { type: 'map', values: 'string' } } },
}));

let servers: Listening[] = [];
/** The metadata each call arrived with, as the server read it. */
const received: Record<string, Buffer>[] = [];

beforeAll(async () => {
  const server = new RpcServer();
  server.addService(PROBE, {
    metadata: (_request, context) => {
      received.push(context.meta);
      return Object.fromEntries(Object.entries(context.meta).map(([key, value]) => [key, value.toString('utf8')]));
    },
  });
  servers = [await serveHttp(server), await serveTcp(server)];
});
afterAll(async () => Promise.all(servers.map((s) => s.close())));

describe('spl call --meta', () => {
  it('sends each KEY=VALUE as UTF-8 call metadata, over HTTP and TCP', async () => {
    for (const server of servers) {
      received.length = 0;
      const result = await spl('call', server.url, 'Probe.metadata', '--meta', 'spl.trace=abc=123', '--meta', 'who=Jürgen ✓', '--meta', 'empty=');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(result.stdout)).toEqual({ 'spl.trace': 'abc=123', who: 'Jürgen ✓', empty: '' });
      expect(received).toHaveLength(1);
      expect(received[0].who).toEqual(Buffer.from('Jürgen ✓', 'utf8'));
    }
  });

  it('sends no metadata without the option', async () => {
    received.length = 0;
    const result = await spl('call', servers[0].url, 'Probe.metadata');
    expect(result).toMatchObject({ code: 0, stdout: '{}\n' });
  });

  it('is a usage error without KEY=', async () => {
    for (const bad of [['--meta', 'novalue'], ['--meta', '=value'], ['--meta']]) {
      const result = await spl('call', servers[0].url, 'Probe.metadata', ...bad);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('spl call: --meta takes KEY=VALUE');
      expect(result.stderr).toContain('[--meta KEY=VALUE]...');
    }
  });
});
