import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { main } from '../main.js';

let dir: string;

/** Runs `spl ARGS` in the temporary directory, capturing output. */
async function spl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const write = (name: string, json: unknown) => writeFileSync(path.join(dir, name), typeof json === 'string' ? json : JSON.stringify(json, null, 2));

const types = (pairFields: unknown[], errors: string[] = ['Oops']) => [
  { type: 'record', name: 'Pair', fields: pairFields },
  ...errors.map((name) => ({ type: 'error', name, fields: [] })),
];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'spl-check-'));
  write('v1.avpr', {
    protocol: 'Calc', namespace: 'ex',
    types: types([{ name: 'a', type: 'int' }]),
    messages: {
      hello: { request: [{ name: 'greeting', type: 'string' }], response: 'string' },
      add: { request: [{ name: 'arg1', type: 'int' }], response: 'int' },
      bye: { request: [], response: 'null' },
      ping: { request: [], response: 'null', 'one-way': true },
      pair: { request: [{ name: 'p', type: 'Pair' }], response: 'Pair', errors: ['Oops'] },
    },
  });
  write('v1-same.avpr', {
    protocol: 'Calc', namespace: 'ex',
    types: types([{ name: 'a', type: 'int' }]),
    messages: {
      hello: { request: [{ name: 'greeting', type: 'string' }], response: 'string' },
      add: { request: [{ name: 'arg1', type: 'int' }, { name: 'arg2', type: 'int', default: 0 }], response: 'int' },
      bye: { request: [], response: 'null' },
      ping: { request: [], response: 'null', 'one-way': true },
      pair: { request: [{ name: 'p', type: 'Pair' }], response: 'Pair', errors: ['Oops'] },
    },
  });
  write('v2.avpr', {
    protocol: 'Calc', namespace: 'ex',
    types: types([{ name: 'a', type: 'int' }, { name: 'b', type: 'int' }], ['Oops', 'Bad']),
    messages: {
      hello: { request: [{ name: 'greeting', type: 'string' }], response: 'string' },
      add: { request: [{ name: 'arg1', type: 'int' }, { name: 'arg2', type: 'int' }], response: 'int' },
      ping: { request: [], response: 'null' },
      pair: { request: [{ name: 'p', type: 'Pair' }], response: 'Pair', errors: ['Oops', 'Bad'] },
      mul: { request: [], response: 'int' },
    },
  });
  write('order1.avsc', { type: 'record', name: 'Order', namespace: 'shop', fields: [{ name: 'id', type: 'long' }, { name: 'items', type: { type: 'array', items: { type: 'record', name: 'Item', fields: [{ name: 'price', type: 'float' }] } } }] });
  write('order2.avsc', { type: 'record', name: 'Order', namespace: 'shop', fields: [{ name: 'id', type: 'long' }, { name: 'items', type: { type: 'array', items: { type: 'record', name: 'Item', fields: [{ name: 'price', type: 'double' }] } } }, { name: 'note', type: 'string', default: '' }] });
  write('set1.avsc', [{ type: 'enum', name: 'Kind', symbols: ['A', 'B'] }, { type: 'fixed', name: 'Hash', size: 4 }]);
  write('set2.avsc', [{ type: 'enum', name: 'Kind', symbols: ['A', 'B', 'C'] }, { type: 'fixed', name: 'Digest', size: 8 }]);
  write('broken.avsc', '{"type": "record", "name": "R", "fields": [\n  {"name": "a", "type": "Nope"}\n]}');
  write('warn.avsc', { type: 'record', name: 'Order', namespace: 'shop', fields: [{ name: 'id', type: 'long' }, { name: 'h', type: { type: 'fixed', name: 'H', size: 2 }, default: 'abc' }] });
  write('calc.avdl', '@namespace("ex")\nprotocol Calc {\n  record Pair { int a; }\n  error Oops {}\n  string hello(string greeting);\n  int add(int arg1, int arg2 = 0);\n  void bye();\n  void ping() oneway;\n  Pair pair(Pair p) throws Oops;\n}\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('spl check on protocols', () => {
  it('reports a compatible evolution, exit 0', async () => {
    const result = await spl('check', 'v1.avpr', 'v1-same.avpr');
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'protocol ex.Calc',
        '✓ hello  compatible',
        '✓ add  compatible',
        '✓ bye  compatible',
        '✓ ping  compatible',
        '✓ pair  compatible',
        'compatible: 5 messages checked (old clients → new server, new clients → old server)',
        '',
      ].join('\n'),
    });
  });

  it('explains each incompatibility by message, direction and path, exit 1', async () => {
    const result = await spl('check', 'v1.avpr', 'v2.avpr');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual([
      'protocol ex.Calc',
      '✓ hello  compatible',
      "✗ add  old clients → new server: request.arg2: new parameter 'arg2' (int) has no default, and the old request has no parameter 'arg2'",
      "✗ bye  removed; old clients → new server: message 'bye' was removed: the new server rejects old clients' calls to it",
      '✗ ping  old clients → new server: one-way: the message is one-way in the old protocol but expects a response in the new one; Avro refuses calls between them',
      '    new clients → old server: one-way: the message is one-way in the old protocol but expects a response in the new one; Avro refuses calls between them',
      "✗ pair  old clients → new server: request.p.b: new field 'b' (int) has no default, and the old record ex.Pair has no field 'b'",
      '    old clients → new server: errors(Bad): the new server may throw error ex.Bad, which the old client does not declare and cannot read',
      "    new clients → old server: response.b: new field 'b' (int) has no default, and the old record ex.Pair has no field 'b'",
      "✗ mul  added; new clients → old server: message 'mul' is new: an old server does not have it and rejects new clients' calls to it",
      'incompatible: 5 of 6 messages break (old clients → new server, new clients → old server)',
      '',
    ]);
  });

  it('checks one direction with --mode', async () => {
    const backward = await spl('check', 'v1.avpr', 'v2.avpr', '--mode', 'backward');
    expect(backward.stdout).toContain('✓ mul  added\n');
    expect(backward.stdout).not.toContain('new clients → old server:');
    expect(backward.stdout).toContain('incompatible: 4 of 6 messages break (old clients → new server)');
    const forward = await spl('check', 'v1.avpr', 'v2.avpr', '--mode=forward');
    expect(forward.stdout).toContain('✓ bye  removed\n');
    expect(forward.code).toBe(1);
  });

  it('prints the report as JSON with --json', async () => {
    const result = await spl('check', '--json', 'v1.avpr', 'v2.avpr');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ kind: 'protocol', mode: 'full', oldProtocol: 'ex.Calc', newProtocol: 'ex.Calc', compatible: false });
    expect(report.messages.map((m: { name: string; status: string }) => `${m.name}:${m.status}`)).toEqual(['hello:compatible', 'add:incompatible', 'bye:removed', 'ping:incompatible', 'pair:incompatible', 'mul:added']);
    expect(report.messages[1].oldClientNewServer).toEqual([{ path: 'request.arg2', message: "new parameter 'arg2' (int) has no default, and the old request has no parameter 'arg2'" }]);
    expect((await spl('check', '--json', 'v1.avpr', 'v1-same.avpr')).code).toBe(0);
  });

  it('compares IDL with protocol JSON', async () => {
    const result = await spl('check', 'calc.avdl', 'v1-same.avpr');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('compatible: 5 messages checked');
  });
});

describe('spl check on schemas', () => {
  it('checks two versions of a schema, backward and forward', async () => {
    const result = await spl('check', 'order1.avsc', 'order2.avsc');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(['✗ shop.Order  old reads new: Order.items[].price: new type double cannot be read as old type float', 'incompatible: 1 of 1 type breaks (new reads old, old reads new)', ''].join('\n'));
    const backward = await spl('check', 'order1.avsc', 'order2.avsc', '--mode', 'backward');
    expect(backward).toEqual({ code: 0, stderr: '', stdout: '✓ shop.Order  compatible\ncompatible: 1 type checked (new reads old)\n' });
  });

  it('checks lists of named schemas type by type', async () => {
    const result = await spl('check', 'set1.avsc', 'set2.avsc');
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      '✗ Kind  old reads new: Kind: new enum Kind has the symbol C that old enum Kind lacks, and old has no default symbol to read it as',
      '✗ Hash  removed; new reads old: fixed Hash was removed: data written with it cannot be read with the new schemas',
      '✗ Digest  added; old reads new: fixed Digest is new: data written with it cannot be read with the old schemas',
      'incompatible: 3 of 3 types break (new reads old, old reads new)',
      '',
    ]);
  });

  it('passes reading warnings on to stderr', async () => {
    const result = await spl('check', 'order1.avsc', 'warn.avsc', '--mode', 'backward');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: warn\.avsc:\d+:\d+: fields\[1\]\.default: invalid default for field 'h' \(fixed shop\.H \(2 bytes\)\): fixed H is 2 bytes but the default has 3; Java accepts it, but avsc and Python reject it\n$/);
  });
});

describe('spl check failures', () => {
  it('reports a file that does not read, exit 1', async () => {
    expect(await spl('check', 'order1.avsc', 'broken.avsc')).toEqual({
      code: 1,
      stdout: '',
      stderr: "spl check: broken.avsc:2:25: fields[0].type: unknown type 'Nope'; define it before use or import the file that defines it\n",
    });
  });

  it('reports a missing file, exit 1', async () => {
    expect(await spl('check', 'order1.avsc', 'missing.avsc')).toMatchObject({ code: 1, stderr: 'spl check: cannot read missing.avsc: no such file\n' });
  });

  it.each([
    [['check'], 'give the OLD and the NEW contract file'],
    [['check', 'v1.avpr'], 'give the OLD and the NEW contract file'],
    [['check', 'a', 'b', 'c'], 'two files only, OLD and NEW (got 3)'],
    [['check', 'v1.avpr', 'v2.avpr', '--frobnicate'], 'unknown option --frobnicate'],
    [['check', 'v1.avpr', 'v2.avpr', '--mode', 'sideways'], "unknown mode 'sideways': use full, backward or forward"],
    [['check', 'v1.avpr', 'v2.avpr', '--mode'], '--mode needs full, backward or forward'],
    [['check', 'v1.avpr', 'v2.avpr', '--import-path'], '--import-path needs a directory'],
    [['check', 'v1.avpr', 'order1.avsc'], 'cannot compare a protocol (v1.avpr) with a schema (order1.avsc): give two protocols or two schemas'],
  ])('usage error for %j, exit 2', async (args, message) => {
    const result = await spl(...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.startsWith(`spl check: ${message}\n\nUsage: spl check OLD NEW`)).toBe(true);
  });

  it('prints its usage with --help', async () => {
    const result = await spl('check', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: spl check OLD NEW/);
  });
});
