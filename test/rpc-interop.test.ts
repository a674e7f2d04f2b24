/**
 * Apache Avro's RPC interop matrix (../shared/conformance/avro/rpc: simple.avpr with hello,
 * echo and add): `spl rpc` as server and as client, against Apache Avro's own Python tool over
 * HTTP, and against itself over HTTP and TCP.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { readProtocolJson } from '../shared/avro/schema-reader.js';
import { toAvroJson, type RuntimeValue } from '../shared/avro/avro-json.js';
import { toJsonText } from '../shared/avro/json-text.js';
import { readFirstDatum } from '../electron/runtime/rpc/container-file.js';
import { CORPUS, REPO_ROOT } from './support/corpus.js';
import { run, start, waitFor } from './support/processes.js';

const RPC = path.join(CORPUS, 'rpc');
const PYTHON = '/usr/bin/python3';
const rpcAvailable = existsSync(path.join(RPC, 'simple.avpr'));
const pythonAvro = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import avro.ipc, avro.tool'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!rpcAvailable) console.warn(`[rpc interop] ${RPC} is absent: interop tests are skipped.`);
if (!pythonAvro) console.warn('[rpc interop] /usr/bin/python3 has no avro module (apt-get install python3-avro): Python interop tests are skipped.');

const SPL = path.join(REPO_ROOT, 'bin/spl.js');
const cases = rpcAvailable
  ? readdirSync(RPC, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) => readdirSync(path.join(RPC, d.name)).map((c) => ({ message: d.name, name: c, dir: path.join(RPC, d.name, c) })))
  : [];

async function expectedResponse(message: string, dir: string): Promise<string> {
  const protocol = readProtocolJson(await readFile(path.join(RPC, 'simple.avpr'), 'utf8'), { file: 'simple.avpr' });
  const m = protocol.messages.find((x) => x.name === message)!;
  return toJsonText(toAvroJson(m.response, (await readFirstDatum(path.join(dir, 'response.avro'))) as RuntimeValue), 0);
}

async function splReceive(scheme: 'http' | 'tcp', message: string, dir: string) {
  const receiver = start(process.execPath, [SPL, 'rpc', 'receive', `${scheme}://127.0.0.1:0`, 'simple.avpr', message, '--file', path.join(dir, 'response.avro')], RPC);
  const port = /Port: (\d+)/.exec(await waitFor(receiver, (out) => /Port: \d+/.test(out)))![1];
  return { receiver, port };
}

describe.skipIf(!rpcAvailable)('Avro RPC interop matrix', () => {
  it('has the three messages of simple.avpr', () => {
    expect(cases.map((c) => c.message).sort()).toEqual(['add', 'echo', 'hello']);
  });

  for (const c of cases) {
    describe(`${c.message}/${c.name}`, () => {
      it.skipIf(!pythonAvro)('Python rpcreceive ← spl rpc send (HTTP)', async () => {
        const receiver = start(PYTHON, ['-m', 'avro.tool', 'rpcreceive', 'http://127.0.0.1:0', 'simple.avpr', c.message, '-file', path.join(c.dir, 'response.avro')], RPC);
        try {
          const port = /Port: (\d+)/.exec(await waitFor(receiver, (out) => /Port: \d+/.test(out)))![1];
          const sent = await run(process.execPath, [SPL, 'rpc', 'send', `http://127.0.0.1:${port}`, 'simple.avpr', c.message, '--file', path.join(c.dir, 'request.avro')], RPC);
          expect(sent.stderr).toBe('');
          expect(sent.code).toBe(0);
          expect(sent.stdout.trim()).toBe(await expectedResponse(c.message, c.dir));
        } finally {
          receiver.stop();
        }
      });

      it.skipIf(!pythonAvro)('spl rpc receive (HTTP) ← Python rpcsend', async () => {
        const { receiver, port } = await splReceive('http', c.message, c.dir);
        try {
          const sent = await run(PYTHON, ['-m', 'avro.tool', 'rpcsend', `http://127.0.0.1:${port}`, 'simple.avpr', c.message, '-file', path.join(c.dir, 'request.avro')], RPC);
          expect(sent.code).toBe(0);
          const expected = JSON.parse(await expectedResponse(c.message, c.dir));
          // Python prints its own repr of the response: every scalar of the expected one shows in it.
          for (const scalar of JSON.stringify(expected).match(/[A-Za-z0-9 !]+/g) ?? []) expect(sent.stdout).toContain(scalar.trim());
          expect(await receiver.exited).toBe(0);
          expect(receiver.stderr()).toContain(`Message: ${c.message} Datum: `);
        } finally {
          receiver.stop();
        }
      });

      for (const scheme of ['http', 'tcp'] as const) {
        it(`spl rpc receive ← spl rpc send (${scheme.toUpperCase()})`, async () => {
          const { receiver, port } = await splReceive(scheme, c.message, c.dir);
          try {
            const sent = await run(process.execPath, [SPL, 'rpc', 'send', `${scheme}://127.0.0.1:${port}`, 'simple.avpr', c.message, '--file', path.join(c.dir, 'request.avro')], RPC);
            expect(sent.stderr).toBe('');
            expect(sent.stdout.trim()).toBe(await expectedResponse(c.message, c.dir));
            expect(await receiver.exited).toBe(0);
          } finally {
            receiver.stop();
          }
        });
      }
    });
  }
});
