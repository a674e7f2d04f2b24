import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractLoadError, loadContract } from './load-contract.js';

let dir: string;
const file = (name: string, text: string) => {
  const full = path.join(dir, name);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'spl-load-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function loadError(p: string, options = {}): Promise<string> {
  try {
    await loadContract(p, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ContractLoadError);
    return (error as Error).message;
  }
  throw new Error('expected loadContract to fail');
}

describe('loadContract', () => {
  it('loads a protocol', async () => {
    const contract = await loadContract(file('p.avpr', '{"protocol": "P", "messages": {"m": {"request": [], "response": "int"}}}'));
    expect(contract.kind).toBe('protocol');
    if (contract.kind === 'protocol') expect(contract.protocol.messages[0].name).toBe('m');
  });

  it('loads a schema', async () => {
    const contract = await loadContract(file('s.avsc', '{"type": "record", "name": "R", "fields": []}'));
    expect(contract).toMatchObject({ kind: 'schema', schema: { type: 'record', name: 'R' }, warnings: [] });
  });

  it('loads a list of named schemas', async () => {
    const contract = await loadContract(file('l.avsc', '[{"type": "enum", "name": "E", "symbols": ["A"]}, {"type": "fixed", "name": "F", "size": 1}]'));
    expect(contract.kind).toBe('schemas');
    if (contract.kind === 'schemas') expect(contract.schemas.map((t) => t.name)).toEqual(['E', 'F']);
  });

  it('loads an ordinary union as a schema', async () => {
    expect((await loadContract(file('u.avsc', '["null", "string"]'))).kind).toBe('schema');
  });

  it('tells the format of other files by their content', async () => {
    expect((await loadContract(file('p.json', '{"protocol": "P"}'))).kind).toBe('protocol');
    expect((await loadContract(file('s.json', '"int"'))).kind).toBe('schema');
  });

  it('collects warnings', async () => {
    const contract = await loadContract(file('w.avsc', '{"type": "record", "name": "R", "fields": [{"name": "f", "type": ["null", "int"], "default": 1}]}'), { displayPath: (p: string) => path.basename(p) });
    expect(contract.warnings).toHaveLength(1);
    expect(contract.warnings[0]).toMatch(/^warning: w\.avsc:1:\d+: fields\[0\]\.default: invalid default for field 'f'.*first branch/);
  });

  it('reports a missing file', async () => {
    expect(await loadError(path.join(dir, 'none.avpr'), { displayPath: (p: string) => path.basename(p) })).toBe('cannot read none.avpr: no such file');
  });

  it('reports a reader failure', async () => {
    const reader = { read: () => Promise.reject(new Error('EACCES')) };
    expect(await loadError('/x/secret.avsc', { reader })).toBe('cannot read /x/secret.avsc: EACCES');
  });

  it('reports problems with file, line, column and path', async () => {
    const p = file('bad.avpr', '{"protocol": "P",\n "messages": {"m": {"request": [], "response": "Nope"}}}');
    expect(await loadError(p, { displayPath: () => 'bad.avpr' })).toBe("bad.avpr:2:48: messages.m.response: unknown type 'Nope'; define it before use or import the file that defines it");
  });

  it('reads through the given reader', async () => {
    const reader = { read: async (p: string) => (p === '/virtual/s.avsc' ? '"long"' : undefined) };
    expect(await loadContract('/virtual/s.avsc', { reader })).toMatchObject({ kind: 'schema', schema: { type: 'long' } });
  });

  it('compiles IDL, with imports from the import path', async () => {
    file('lib/types.avdl', '@namespace("ex") protocol Types { record Pair { int a; } }');
    const main = file('idl/calc.avdl', '@namespace("ex")\nprotocol Calc {\n  import idl "types.avdl";\n  int add(Pair p);\n}\n');
    const contract = await loadContract(main, { importPaths: [path.join(dir, 'lib')] });
    expect(contract.kind).toBe('protocol');
    if (contract.kind === 'protocol') {
      expect(contract.protocol.protocol).toBe('Calc');
      expect(contract.protocol.messages.map((m) => m.name)).toEqual(['add']);
    }
  });

  it('reports IDL errors as file:line:col lines', async () => {
    const main = file('idl/broken.avdl', 'protocol Broken {\n  Missing get();\n}\n');
    const message = await loadError(main, { displayPath: (p: string) => path.relative(dir, p) });
    const lines = message.split('\n');
    expect(lines[0]).toMatch(/^idl\/broken\.avdl:2:3: /);
    expect(lines.at(-1)).toMatch(/^idl\/broken\.avdl: \d+ errors? in the IDL$/);
  });
});
