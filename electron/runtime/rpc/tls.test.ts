/** TLS for both transports, with a self-signed certificate made for the test by openssl. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileIdlText } from '../../../shared/idl/compile.js';
import type { Protocol } from '../../../shared/avro/model.js';
import { memoryReader } from '../../../test/support/memory-reader.js';
import { RpcClient } from './client.js';
import { HttpChannel } from './http-channel.js';
import { serveHttp, type Listening } from './http.js';
import { RpcServer } from './server.js';
import { serveTcp, TcpChannel } from './tcp.js';
import { TransportError } from './errors.js';

const openssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!openssl) console.warn('[tls] openssl is not installed: TLS tests are skipped (they make their certificate with it).');

describe.skipIf(!openssl)('TLS', () => {
  let cert: Buffer;
  let key: Buffer;
  let protocol: Protocol;
  let https: Listening;
  let tcps: Listening;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spl-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    cert = readFileSync(path.join(dir, 'cert.pem'));
    key = readFileSync(path.join(dir, 'key.pem'));
    protocol = (await compileIdlText('/t/p.avdl', 'protocol Secure { string hello(string name); }', { reader: memoryReader({}) })).protocol!;
    const server = new RpcServer();
    server.addService(protocol, { hello: ({ name }) => `hello, ${name as string}` });
    https = await serveHttp(server, { tls: { cert, key } });
    tcps = await serveTcp(server, { tls: { cert, key } });
  });
  afterAll(async () => {
    await https?.close();
    await tcps?.close();
  });

  it('serves https:// and tcps:// to clients that trust the certificate', async () => {
    expect(https.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(tcps.url).toMatch(/^tcps:\/\/127\.0\.0\.1:\d+$/);
    for (const channel of [new HttpChannel(https.url, 'Secure', { tls: { ca: cert } }), TcpChannel.fromUrl(tcps.url, undefined, { ca: cert })]) {
      const client = new RpcClient(protocol, channel);
      expect(await client.call('hello', { name: 'tls' })).toBe('hello, tls');
      await client.close();
    }
  });

  it('refuses a certificate the client does not trust, saying why', async () => {
    for (const channel of [new HttpChannel(https.url, 'Secure'), TcpChannel.fromUrl(tcps.url)]) {
      const client = new RpcClient(protocol, channel);
      const error = await client.call('hello', { name: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransportError);
      expect((error as Error).message).toMatch(/SELF_SIGNED|self[- ]signed|certificate/i);
      await client.close();
    }
  });
});
