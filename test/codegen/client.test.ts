/**
 * Generated clients and servers at work: `spl codegen` output imported as a user would, serving
 * and calling over real HTTP and TCP (a test server built with the generated `registerX`, and
 * `spl node` as a process).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main.js';
import { RpcServer } from '../../electron/runtime/rpc/server.js';
import { serveHttp, type Listening } from '../../electron/runtime/rpc/http.js';
import { serveTcp, TcpChannel } from '../../electron/runtime/rpc/tcp.js';
import { RemoteSystemError } from '../../electron/runtime/rpc/errors.js';
import { REPO_ROOT } from '../support/corpus.js';
import { run, start, waitFor, type Running } from '../support/processes.js';

const RUNTIME = path.join(REPO_ROOT, 'test/codegen/runtime.js');
const SPL = path.join(REPO_ROOT, 'bin/spl.js');

// The generated modules' shapes, as far as these tests use them (they are imported at run time).
/* eslint-disable @typescript-eslint/no-explicit-any */
type Generated = Record<string, any>;

describe('generated clients and servers', () => {
  let dir: string;
  let data: Generated;
  let execute: Generated;
  const listening: Listening[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'spl-codegen-client-'));
    const files = ['spl-data.avdl', 'spl-execute.avdl'].map((f) => path.join(REPO_ROOT, 'definitions', f));
    const code = await main(['codegen', ...files, '--out', dir, '--runtime', RUNTIME], { stdout: () => undefined, stderr: (t) => process.stderr.write(t), cwd: REPO_ROOT });
    expect(code).toBe(0);
    data = (await import(path.join(dir, 'spl-data.ts'))) as Generated;
    execute = (await import(path.join(dir, 'spl-execute.ts'))) as Generated;
  }, 60_000);
  afterAll(async () => {
    await Promise.all(listening.map((l) => l.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  describe('against a server built with the generated registerSPLDataService', () => {
    const stored = new Map<string, unknown>();
    let urls: string[];

    beforeAll(async () => {
      const server = new RpcServer();
      data.registerSPLDataService(server, {
        async write({ request }: any) {
          if (request.topic === '') throw new data.DataWriteError({ code: 'INVALID_REQUEST', message: 'a topic needs a name', topic: '' });
          stored.set(`${request.topic}/${request.primaryKey}`, request.data);
        },
        read({ request }: any) {
          const found = stored.get(`${request.topic}/${request.primaryKey?.string}`);
          if (!found) throw new data.DataReadError({ code: 'RECORD_NOT_FOUND', message: 'no such record', topic: request.topic });
          // Fields with defaults (nextOffset, primaryKeys) left out: the encoder writes them.
          return { records: [found], totalCount: 2n ** 62n };
        },
        listTopics: () => [...new Set([...stored.keys()].map((k) => k.split('/')[0]))],
      });
      const http = await serveHttp(server);
      const tcp = await serveTcp(server);
      listening.push(http, tcp);
      urls = [http.url, tcp.url];
    });

    it('writes and reads typed values back, bytes, bigints and unions intact', async () => {
      for (const url of urls) {
        const client = data.createSPLDataServiceClient(url);
        const payload = { schema: { name: { string: 'spl.test.User' }, fingerprint: { 'spl.common.SchemaFingerprint': new Uint8Array(8).fill(7) } }, value: new Uint8Array([0, 255, 1]) };
        expect(await client.write({ request: { topic: 'users', primaryKey: 'u1', data: payload } })).toBeNull();
        const page = await client.read({ request: { topic: 'users', primaryKey: { string: 'u1' } } });
        expect(page.totalCount).toBe(2n ** 62n);
        expect(page.nextOffset).toBeNull();
        expect(page.primaryKeys).toEqual([]);
        expect([...page.records[0].value]).toEqual([0, 255, 1]);
        expect(page.records[0].schema).toMatchObject({ name: { string: 'spl.test.User' }, json: null });
        expect([...page.records[0].schema.fingerprint['spl.common.SchemaFingerprint']]).toEqual(Array(8).fill(7));
        expect(await client.listTopics()).toEqual(['users']);
        await client.close();
      }
    });

    it('raises declared errors as their generated classes, with typed values', async () => {
      for (const url of urls) {
        const client = data.createSPLDataServiceClient(url);
        const write = client.write({ request: { topic: '', primaryKey: 'k', data: { schema: {}, value: new Uint8Array(0) } } });
        await expect(write).rejects.toBeInstanceOf(data.DataWriteError);
        await expect(write).rejects.toMatchObject({ name: 'DataWriteError', type: 'spl.data.DataWriteError', value: { code: 'INVALID_REQUEST', topic: '', primaryKey: null, details: {} } });
        await expect(client.read({ request: { topic: 'users', primaryKey: { string: 'nobody' } } })).rejects.toBeInstanceOf(data.DataReadError);
        await client.close();
      }
    });

    it('names what a bad request gets wrong before it leaves', async () => {
      const client = data.createSPLDataServiceClient(urls[0]);
      await expect(client.write({ request: { topic: 5 } })).rejects.toThrow(/invalid request for 'write'/);
      await client.close();
    });

    it('passes a channel through, and exposes the engine client under it', async () => {
      const client = data.createSPLDataServiceClient(urls[1]);
      const outcome = await client.rpc.callDetailed('listTopics', {});
      expect(outcome.response).toEqual(['users']);
      await client.close();
      // A channel of one's own (one client per channel: a TCP connection carries one handshake).
      const own = data.createSPLDataServiceClient(TcpChannel.fromUrl(urls[1]));
      expect(await own.listTopics()).toEqual(['users']);
      await own.close();
    });
  });

  describe('against spl node', () => {
    let node: Running;
    let dataDir: string;
    let urls: string[];

    beforeAll(async () => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'spl-codegen-node-'));
      const help = await run(process.execPath, [SPL, 'node', '--help'], REPO_ROOT);
      const dataArgs = help.stdout.includes('--data') ? ['--data', dataDir] : [];
      node = start(process.execPath, [SPL, 'node', '--http', '0', '--tcp', '0', '--id', 'codegen-node', ...dataArgs], REPO_ROOT);
      const out = await waitFor(node, (o) => o.includes('serving '), 30_000);
      urls = [/^http (\S+)$/m.exec(out)![1], /^tcp (\S+)$/m.exec(out)![1]];
    }, 60_000);
    afterAll(() => {
      node?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('lists modules and gets declared errors as classes, over HTTP and TCP', async () => {
      for (const url of urls) {
        const client = execute.createSPLExecuteServiceClient(url);
        const modules: unknown = await client.listAvailableModules();
        expect(Array.isArray(modules)).toBe(true);
        const describe = client.describeModule({ module: 'no/such/module' });
        await expect(describe).rejects.toBeInstanceOf(execute.ExecutionError);
        await expect(describe).rejects.toMatchObject({ value: { code: 'MODULE_NOT_FOUND', nodeId: { string: 'codegen-node' } } });
        await expect(describe).rejects.not.toBeInstanceOf(RemoteSystemError);
        await client.close();
      }
    });
  });
});
