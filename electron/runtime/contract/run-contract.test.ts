import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileIdlText } from '../../../shared/idl/compile.js';
import type { Protocol } from '../../../shared/avro/model.js';
import { memoryReader } from '../../../test/support/memory-reader.js';
import { RpcClient } from '../rpc/client.js';
import { DeclaredError } from '../rpc/errors.js';
import { HttpChannel } from '../rpc/http-channel.js';
import { serveHttp, type Listening } from '../rpc/http.js';
import { RpcServer, type Handler } from '../rpc/server.js';
import { serveTcp, TcpChannel } from '../rpc/tcp.js';
import { formatProtocolReport, formatSummary, totals } from './report.js';
import { runContract, type ProtocolReport } from './run-contract.js';

const SHOP = `@namespace("t") protocol Shop {
  enum Kind { BOOK, MUSIC }
  record Item { string name; long price; Kind kind; union { null, string } note = null; }
  error NotFound { string message; string name; }
  Item lookup(string name) throws NotFound;
  array<string> names();
  long count(array<Item> items, map<double> weights);
  void note(string line) oneway;
}`;

async function compile(text: string): Promise<Protocol> {
  const result = await compileIdlText('/t/shop.avdl', text, { reader: memoryReader({}) });
  if (!result.protocol) throw new Error('does not compile');
  return result.protocol;
}

const notFound = (name: string) => new DeclaredError('t.NotFound', { message: `no item called ${JSON.stringify(name)}`, name });

/** A shop that keeps its contract: known names answer, others are the declared NotFound. */
const correct: Record<string, Handler> = {
  names: () => ['book-1', 'cd-1'],
  lookup: ({ name }) => {
    if (name === 'book-1') return { name, price: 12, kind: 'BOOK', note: null };
    if (name === 'cd-1') return { name, price: 2n ** 62n, kind: 'MUSIC', note: { string: 'on sale' } };
    throw notFound(name as string);
  },
  count: ({ items }) => (items as unknown[]).length,
  note: () => null,
};

/** The same shop with bugs a contract test must catch. */
const broken: Record<string, Handler> = {
  ...correct,
  // The wrong type at one path, for one item only.
  lookup: ({ name }) => (name === 'cd-1' ? { name, price: 'free', kind: 'MUSIC', note: null } : correct.lookup({ name }, undefined as never)),
  // Chokes on an empty map key.
  count: ({ items, weights }) => ('' in (weights as object) ? undefined : (items as unknown[]).length),
};

describe('runContract', () => {
  let protocol: Protocol;
  const servers: Listening[] = [];
  const channels: { close(): Promise<void> }[] = [];

  async function serve(handlers: Record<string, Handler>, served = protocol): Promise<{ http: string; tcp: string }> {
    const server = new RpcServer();
    server.addService(served, handlers);
    const http = await serveHttp(server);
    const tcp = await serveTcp(server);
    servers.push(http, tcp);
    return { http: http.url, tcp: tcp.url };
  }

  async function test(url: string, contract = protocol): Promise<ProtocolReport> {
    const channel = url.startsWith('http') ? new HttpChannel(url, 't.Shop') : TcpChannel.fromUrl(url);
    channels.push(channel);
    const client = new RpcClient(contract, channel);
    return runContract(contract, (message, request, options) => client.call(message, request, options), { timeoutMs: 5000 });
  }

  beforeAll(async () => {
    protocol = await compile(SHOP);
  });
  afterAll(async () => {
    await Promise.all(channels.map((c) => c.close()));
    await Promise.all(servers.map((s) => s.close()));
  });

  it('passes a node that keeps its contract, over HTTP and TCP', async () => {
    const { http, tcp } = await serve(correct);
    for (const url of [http, tcp]) {
      const report = await test(url);
      expect(report.protocol).toBe('t.Shop');
      expect(report.messages.map((m) => m.message)).toEqual(['lookup', 'names', 'count', 'note']);
      for (const m of report.messages) expect(m.violations, m.message).toEqual([]);
      const lookup = report.messages[0];
      expect(lookup.declared).toBeGreaterThan(0);
      // The names `names` returned were tried too, so some lookups found an item.
      expect(lookup.ok).toBe(2);
      expect(report.learned).toEqual(['book-1', 'cd-1']);
      const count = report.messages[2];
      expect(count.cases).toBeGreaterThan(30);
      expect(count.ok).toBe(count.cases);
      expect(totals([report]).violations).toBe(0);
    }
  });

  it('reports a wrong response, an overflow and a crash, each with the request that caused it', async () => {
    const { http } = await serve({ ...broken, note: () => { throw new Error('disk full'); } });
    const report = await test(http);
    const [lookup, names, count] = report.messages;
    expect(names.violations).toEqual([]);
    expect(lookup.violations).toEqual([{ label: 'name = "cd-1"', problem: expect.stringMatching(/^system error: the handler of 'lookup' returned an invalid response at price/) }]);
    expect(count.violations).toEqual([{ label: 'weights[""] = a map with the key ""', problem: expect.stringMatching(/^system error: the handler of 'count' returned an invalid response/) }]);
    // Over HTTP even a one-way call is answered, so a crash in it shows as a system error.
    expect(report.messages[3].violations[0]).toMatchObject({ label: 'the example request', problem: 'system error: disk full' });
    const text = formatProtocolReport(report, http);
    expect(text).toMatch(/^t\.Shop at http:\/\/127\.0\.0\.1:\d+\n {2}message\s+cases\s+ok\s+declared\s+violations\n {2}lookup /);
    expect(text).toContain('  FAIL lookup: 1 of ');
    expect(text).toMatch(/ {4}with name = "cd-1": system error: the handler of 'lookup' returned an invalid response at price/);
    expect(formatSummary(totals([report]))).toMatch(/^FAIL: 1 protocol, 4 messages, \d+ requests: \d+ ok, \d+ declared errors, \d+ violations\n$/);
  });

  it('holds a node to a contract it no longer keeps (the response type changed)', async () => {
    const changed = await compile(SHOP.replace('long price;', 'string price;'));
    const { tcp } = await serve({ ...correct, lookup: ({ name }) => ({ name, price: '12', kind: 'BOOK', note: null }) }, changed);
    const report = await test(tcp);
    const lookup = report.messages[0];
    expect(lookup.violations.length).toBe(lookup.cases);
    expect(lookup.violations[0].problem).toMatch(/IncompatibleProtocols: .*lookup/);
  });
});
