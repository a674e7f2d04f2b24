/**
 * `spl node`, `spl call` and `spl discover` as a user runs them: real processes on loopback.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileIdlText } from '../shared/idl/compile.js';
import { RpcServer } from '../electron/runtime/rpc/server.js';
import { serveHttp, type Listening } from '../electron/runtime/rpc/http.js';
import { serveTcp } from '../electron/runtime/rpc/tcp.js';
import { DeclaredError } from '../electron/runtime/rpc/errors.js';
import { REPO_ROOT } from './support/corpus.js';
import { run, start, waitFor, type Running } from './support/processes.js';
import { memoryReader } from './support/memory-reader.js';

const SPL = path.join(REPO_ROOT, 'bin/spl.js');
const spl = (...args: string[]) => run(process.execPath, [SPL, ...args], REPO_ROOT);


describe('spl node', () => {
  let node: Running;
  let http: string;
  let tcp: string;
  let dir: string;
  let broken: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spl-node-cli-'));
    // A second modules folder with one broken module: reported, and everything else still loads.
    broken = path.join(dir, 'modules');
    await mkdir(path.join(broken, 'bad', 'thing'), { recursive: true });
    await writeFile(path.join(broken, 'bad', 'thing', 'index.mjs'), 'export const notAHandler = 1;');
    node = start(process.execPath, [SPL, 'node', '--http', '0', '--tcp', '0', '--id', 'test-node', '--data', path.join(dir, 'data'), '--modules', 'assets/modules', '--modules', broken], REPO_ROOT);
    const out = await waitFor(node, (o) => o.includes('serving '));
    http = /^http (\S+)$/m.exec(out)![1];
    tcp = /^tcp (\S+)$/m.exec(out)![1];
    expect(out).toContain('serving spl.execute.SPLExecuteService, spl.data.SPLDataService, spl.pipeline.SPLPipelineService');
    expect(out).toContain(`data ${path.join(dir, 'data')}\n`);
    expect(http).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
  afterAll(async () => {
    node.stop();
    await node.exited;
    await rm(dir, { recursive: true, force: true });
  });

  it('lists its modules over HTTP and TCP: the built-ins and the folder\'s', async () => {
    for (const url of [http, tcp]) {
      const result = await spl('call', url, 'SPLExecuteService.listAvailableModules');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(result.stdout)).toEqual([
        'apps/analytics/count-words', 'apps/analytics/summarize', 'spl/data/read', 'spl/data/topics', 'spl/data/write',
        'spl/execute/next', 'spl/pipeline/run', 'tools/debug/echo', 'tools/text/split-words', 'tools/text/uppercase',
      ]);
    }
  });

  it('reports a broken module on stderr with its folder and why', () => {
    expect(node.stderr()).toContain(`warn: module ${path.join(broken, 'bad', 'thing')}: index.mjs must default-export the handler function`);
  });

  it('executes a module on Avro JSON text and runs an inline pipeline, as any Avro client would', async () => {
    const executed = await spl('call', http, 'SPLExecuteService.execute', '{"request": {"module": "tools/text/uppercase", "value": {"string": "{\\"text\\": \\"hi\\"}"}}}');
    expect(executed).toMatchObject({ code: 0, stderr: '' });
    const response = JSON.parse(executed.stdout);
    expect(response).toMatchObject({ status: 'DATA', value: { 'spl.common.Payload': { schema: { name: { string: 'tools.text.Text' } }, value: '\u0004HI' } } });

    const pipeline = { 'spl.pipeline.PipelineDefinition': { name: 'count', stages: [{ module: 'tools/text/split-words' }, { module: 'apps/analytics/count-words' }] } };
    const request = { request: { pipeline, input: { schema: { name: { string: 'tools.text.Text' } }, value: '\u0006a b' } } };
    const ran = await spl('call', tcp, 'SPLPipelineService.executePipeline', JSON.stringify(request));
    expect(ran).toMatchObject({ code: 0, stderr: '' });
    const trace = JSON.parse(ran.stdout).stages as { module: string; status: string }[];
    expect(trace.map((s) => `${s.module} ${s.status}`)).toEqual(['tools/text/split-words DATA', 'apps/analytics/count-words DATA']);
  });

  it('prints a declared error as JSON, with exit 1', async () => {
    const result = await spl('call', tcp, 'SPLExecuteService.describeModule', '{"module": "no/such"}');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ 'spl.common.ExecutionError': { code: 'MODULE_NOT_FOUND', module: { string: 'no/such' }, nodeId: { string: 'test-node' } } });
    expect(result.stderr).toContain('failed with spl.common.ExecutionError');
  });

  it('says where a request does not fit, and which messages exist', async () => {
    const bad = await spl('call', http, 'SPLExecuteService.describeModule', '{"module": 5}');
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('at module: expected a string, got 5') });
    const unknown = await spl('call', http, 'SPLExecuteService.nope');
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('has no message \'nope\'; it has execute, listAvailableModules') });
    const wrongProtocol = await spl('call', http, 'Nope.x');
    expect(wrongProtocol.code).toBe(1);
    expect(wrongProtocol.stderr).toContain('does not serve protocol Nope');
  });

  it('discover prints the protocol learnt from the handshake', async () => {
    const result = await spl('discover', tcp, '--protocol', 'SPLExecuteService');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ protocol: 'SPLExecuteService', namespace: 'spl.execute' });
  });

  it('refuses a non-loopback bind without a token', async () => {
    const result = await spl('node', '--host', '0.0.0.0', '--http', '0');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('refusing to bind 0.0.0.0 without a token');
  });

  it('a dead node is a clear error, not a hang', async () => {
    const result = await spl('call', 'tcp://127.0.0.1:1', 'SPLExecuteService.listAvailableModules', '--timeout', '2000');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot connect to tcp:\/\/127\.0\.0\.1:1: ECONNREFUSED/);
  });
});

describe('spl call keeps longs exact', () => {
  let servers: Listening[] = [];
  beforeAll(async () => {
    const compiled = await compileIdlText('/t/longs.avdl', `@namespace("t") protocol Longs {
      error Nope { long at; }
      record Pair { long a; union { null, long } b = null; bytes raw; }
      Pair echo(Pair pair) throws Nope;
    }`, { reader: memoryReader({}) });
    const server = new RpcServer();
    server.addService(compiled.protocol!, {
      echo: ({ pair }) => {
        if ((pair as { a: unknown }).a === 0) throw new DeclaredError('t.Nope', { at: 2n ** 62n });
        return pair;
      },
    });
    servers = [await serveHttp(server), await serveTcp(server)];
  });
  afterAll(async () => Promise.all(servers.map((s) => s.close())));

  it('beyond 2^53, both ways, over HTTP and TCP', async () => {
    const request = '{"pair": {"a": 9007199254740993, "b": {"long": -9223372036854775808}, "raw": "\\u0000\\u00ff"}}';
    for (const server of servers) {
      const result = await spl('call', server.url, 'Longs.echo', request);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('"a": 9007199254740993');
      expect(result.stdout).toContain('"long": -9223372036854775808');
      expect(JSON.parse(result.stdout).raw).toBe('\u0000\u00ff');
    }
    const failed = await spl('call', servers[0].url, 'Longs.echo', '{"pair": {"a": 0, "raw": ""}}');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('"at": 4611686018427387904');
  });
});
