import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileIdlText } from '../../../shared/idl/compile.js';
import type { Protocol } from '../../../shared/avro/model.js';
import { memoryReader } from '../../../test/support/memory-reader.js';
import { DeclaredError } from '../../runtime/rpc/errors.js';
import { serveHttp, type Listening } from '../../runtime/rpc/http.js';
import { RpcServer, type Handler } from '../../runtime/rpc/server.js';
import { serveTcp } from '../../runtime/rpc/tcp.js';
import { main } from '../main.js';

const SHOP = `@namespace("t") protocol Shop {
  record Item { string name; long price; }
  error NotFound { string name; }
  Item lookup(string name) throws NotFound;
  array<string> names();
}`;

const ECHO = `@namespace("t") protocol Echo { bytes echo(bytes data); }`;

async function compile(text: string): Promise<Protocol> {
  return (await compileIdlText('/t/x.avdl', text, { reader: memoryReader({}) })).protocol!;
}

const shop: Record<string, Handler> = {
  names: () => ['pen'],
  lookup: ({ name }) => {
    if (name === 'pen') return { name, price: 2 };
    throw new DeclaredError('t.NotFound', { name });
  },
};

async function spl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: process.cwd() });
  return { code, stdout, stderr };
}

describe('spl contract-test', () => {
  const servers: Listening[] = [];
  let good: { http: string; tcp: string };
  let bad: string;
  let dir: string;

  beforeAll(async () => {
    const server = new RpcServer();
    server.addService(await compile(SHOP), shop);
    server.addService(await compile(ECHO), { echo: ({ data }) => data });
    const http = await serveHttp(server);
    const tcp = await serveTcp(server);
    const broken = new RpcServer();
    broken.addService(await compile(SHOP), { ...shop, lookup: ({ name }) => (name === 'a' ? { name, price: 1.5 } : shop.lookup({ name }, undefined as never)) });
    const brokenHttp = await serveHttp(broken);
    servers.push(http, tcp, brokenHttp);
    good = { http: http.url, tcp: tcp.url };
    bad = brokenHttp.url;
    dir = mkdtempSync(path.join(tmpdir(), 'spl-contract-'));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes the protocols a node keeps, by name, over HTTP and TCP', async () => {
    for (const url of [good.http, good.tcp]) {
      const result = await spl('contract-test', url, 'Shop', 't.Echo');
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^t\.Shop at \S+\n {2}message\s+cases\s+ok\s+declared\s+violations\n {2}lookup\s+\d+\s+1\s+\d+\s+0\n {2}names\s+1\s+1\s+0\s+0\n/);
      expect(result.stdout).toContain('t.Echo at ');
      expect(result.stdout).toMatch(/\nPASS: 2 protocols, 3 messages, \d+ requests: \d+ ok, \d+ declared errors, 0 violations\n$/);
    }
  });

  it('fails a node that breaks its contract, naming the request and the path', async () => {
    const result = await spl('contract-test', bad, 'Shop');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  FAIL lookup: 1 of ');
    expect(result.stdout).toMatch(/ {4}with name = "a": system error: the handler of 'lookup' returned an invalid response at price/);
    expect(result.stdout).toMatch(/\nFAIL: 1 protocol, 2 messages, .*, 1 violation\n$/);
  });

  it('holds a node to a contract file', async () => {
    const file = path.join(dir, 'shop.avdl');
    writeFileSync(file, SHOP);
    expect((await spl('contract-test', good.tcp, file)).code).toBe(0);
    // A contract the node does not keep: lookup's response changed under it.
    writeFileSync(file, SHOP.replace('long price;', 'string price;'));
    const changed = await spl('contract-test', good.tcp, file);
    expect(changed.code).toBe(1);
    // Only the name the node listed finds an item: its response cannot be read as the contract says.
    expect(changed.stdout).toMatch(/with name = "pen": IncompatibleProtocols: .*lookup/);
    const skipped = await spl('contract-test', good.tcp, file, '--skip', 'Shop.names');
    expect(skipped.stdout).not.toMatch(/ {2}names /);
    expect(skipped.code).toBe(0);
  });

  it('without protocols, tests the SPL ones the node serves and says it serves none here', async () => {
    const result = await spl('contract-test', good.http);
    expect(result.stdout).toContain('spl.execute.SPLExecuteService: not served here, skipped');
    expect(result.stderr).toContain('serves none of spl.execute.SPLExecuteService, spl.data.SPLDataService');
    expect(result.code).toBe(1);
  });

  it('fails on a named protocol the node does not serve, and on usage errors', async () => {
    const missing = await spl('contract-test', good.http, 'Nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot test Nope at');
    expect((await spl('contract-test')).code).toBe(2);
    expect((await spl('contract-test', good.http, '--max-cases', '0')).code).toBe(2);
  });
});
