import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../main.js';

const REPO = path.resolve(import.meta.dirname, '../../..');

async function spl(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

describe('spl codegen', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'spl-codegen-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one module per contract, .avdl, .avpr and .avsc alike', async () => {
    writeFileSync(path.join(dir, 'echo.avpr'), JSON.stringify({ protocol: 'Echo', namespace: 't', types: [], messages: { echo: { request: [{ name: 's', type: 'string' }], response: 'string' } } }));
    writeFileSync(path.join(dir, 'user_record.avsc'), JSON.stringify({ type: 'array', items: { type: 'record', name: 'User', namespace: 't', fields: [{ name: 'id', type: 'long' }] } }));
    const result = await spl(dir, 'codegen', path.join(REPO, 'definitions/spl-data.avdl'), 'echo.avpr', 'user_record.avsc', '--out', 'gen');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`wrote ${path.join('gen', 'spl-data.ts')}\nwrote ${path.join('gen', 'echo.ts')}\nwrote ${path.join('gen', 'user_record.ts')}\n`);
    expect(readdirSync(path.join(dir, 'gen')).sort()).toEqual(['echo.ts', 'spl-data.ts', 'user_record.ts']);
    expect(readFileSync(path.join(dir, 'gen/echo.ts'), 'utf8')).toContain('export function createEchoClient(');
    expect(readFileSync(path.join(dir, 'gen/user_record.ts'), 'utf8')).toContain('export type UserRecord = User[];');
  });

  it('writes the runtime module it is given', async () => {
    writeFileSync(path.join(dir, 'p.avdl'), 'protocol P { string hi(); }');
    expect((await spl(dir, 'codegen', 'p.avdl', '--out', '.', '--runtime', '../lib/spl.js')).code).toBe(0);
    expect(readFileSync(path.join(dir, 'p.ts'), 'utf8')).toContain("import { HttpChannel, RpcClient, TcpChannel, asEngineValue, readProtocolJson } from '../lib/spl.js';");
  });

  it('writes nothing when a contract has errors, and says where', async () => {
    writeFileSync(path.join(dir, 'good.avdl'), 'protocol Good { string hi(); }');
    writeFileSync(path.join(dir, 'bad.avdl'), 'protocol Bad {\n  Missing hi();\n}');
    const result = await spl(dir, 'codegen', 'good.avdl', 'bad.avdl', '--out', 'gen');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^bad\.avdl:2:3: .*Missing/m);
    expect(result.stderr).toContain('spl codegen: nothing written.');
    expect(existsSync(path.join(dir, 'gen'))).toBe(false);
  });

  it('refuses two contracts that would share a module, and a missing --out', async () => {
    writeFileSync(path.join(dir, 'p.avdl'), 'protocol P { string hi(); }');
    writeFileSync(path.join(dir, 'p.avpr'), JSON.stringify({ protocol: 'P', messages: {} }));
    const clash = await spl(dir, 'codegen', 'p.avdl', 'p.avpr', '--out', 'gen');
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('p.avdl and p.avpr would both be written to');
    expect((await spl(dir, 'codegen', 'p.avdl')).code).toBe(2);
    expect((await spl(dir, 'codegen', '--out', 'gen')).code).toBe(2);
  });
});
