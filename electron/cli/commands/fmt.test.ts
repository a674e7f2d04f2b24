import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { main } from '../main.js';
import { fmtCommand } from './fmt.js';

const FORMATTED = 'protocol P {\n  record R {\n    string a;\n  }\n}\n';
const UNFORMATTED = 'protocol P { record R { string   a; } }';
const BROKEN = 'protocol P {\n  record R { string }\n}\n';

let dir: string;
let out: string;
let err: string;
let io: CliIo;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'spl-fmt-'));
  out = '';
  err = '';
  io = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir };
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function files(contents: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(contents)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
}

const read = (name: string) => readFile(path.join(dir, name), 'utf8');

describe('spl fmt', () => {
  it('prints one file formatted to stdout and leaves it alone', async () => {
    await files({ 'a.avdl': UNFORMATTED });
    expect(await fmtCommand.run(['a.avdl'], io)).toBe(0);
    expect(out).toBe(FORMATTED);
    expect(err).toBe('');
    expect(await read('a.avdl')).toBe(UNFORMATTED);
  });

  it('--check lists the files that are not formatted and exits 1', async () => {
    await files({ 'a.avdl': UNFORMATTED, 'b.avdl': FORMATTED });
    expect(await fmtCommand.run(['--check', 'a.avdl', 'b.avdl'], io)).toBe(1);
    expect(out).toBe('a.avdl\n');
    expect(err).toMatch(/1 file is not formatted; run spl fmt --write/);
    expect(await read('a.avdl')).toBe(UNFORMATTED);
  });

  it('--check exits 0 quietly when every file is formatted', async () => {
    await files({ 'b.avdl': FORMATTED });
    expect(await fmtCommand.run(['b.avdl', '-c'], io)).toBe(0);
    expect(out).toBe('');
    expect(err).toBe('');
  });

  it('--write rewrites only the files that change, naming each', async () => {
    await files({ 'a.avdl': UNFORMATTED, 'b.avdl': FORMATTED });
    const before = (await stat(path.join(dir, 'b.avdl'))).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await fmtCommand.run(['--write', 'a.avdl', 'b.avdl'], io)).toBe(0);
    expect(out).toBe('formatted a.avdl\n');
    expect(await read('a.avdl')).toBe(FORMATTED);
    expect(await read('b.avdl')).toBe(FORMATTED);
    expect((await stat(path.join(dir, 'b.avdl'))).mtimeMs).toBe(before);
    out = '';
    expect(await fmtCommand.run(['-w', 'a.avdl', 'b.avdl'], io)).toBe(0);
    expect(out).toBe('');
  });

  it('expands a directory to the .avdl files under it', async () => {
    await files({ 'defs/a.avdl': UNFORMATTED, 'defs/sub/c.avdl': UNFORMATTED, 'defs/b.avdl': FORMATTED, 'defs/notes.txt': 'x' });
    expect(await fmtCommand.run(['--check', 'defs'], io)).toBe(1);
    expect(out).toBe(`${path.join('defs', 'a.avdl')}\n${path.join('defs', 'sub', 'c.avdl')}\n`);
    expect(err).toMatch(/2 files are not formatted/);
  });

  it('reports syntax errors as file:line:col: message, exits 1 and leaves the file alone', async () => {
    await files({ 'bad.avdl': BROKEN, 'a.avdl': UNFORMATTED });
    expect(await fmtCommand.run(['--write', 'bad.avdl', 'a.avdl'], io)).toBe(1);
    expect(err).toMatch(/^bad\.avdl:2:21: expected a name, found '}'/m);
    expect(err).toMatch(/bad\.avdl: 1 syntax error; not formatted/);
    expect(await read('bad.avdl')).toBe(BROKEN);
    // The other file is still formatted.
    expect(out).toBe('formatted a.avdl\n');
    expect(await read('a.avdl')).toBe(FORMATTED);
  });

  it('prints nothing to stdout for a file with syntax errors', async () => {
    await files({ 'bad.avdl': BROKEN });
    expect(await fmtCommand.run(['bad.avdl'], io)).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^bad\.avdl:2:21: /);
  });

  it('says when a file cannot be read', async () => {
    expect(await fmtCommand.run(['--check', 'missing.avdl'], io)).toBe(1);
    expect(err).toMatch(/spl fmt: cannot read missing\.avdl: ENOENT/);
  });

  it('rejects bad usage with exit code 2', async () => {
    await files({ 'a.avdl': FORMATTED, 'b.avdl': FORMATTED });
    expect(await main(['fmt'], io)).toBe(2);
    expect(err).toMatch(/spl fmt: which file\?/);
    err = '';
    expect(await main(['fmt', '--write', '--check', 'a.avdl'], io)).toBe(2);
    expect(err).toMatch(/--write and --check do not go together/);
    err = '';
    expect(await main(['fmt', 'a.avdl', 'b.avdl'], io)).toBe(2);
    expect(err).toMatch(/printing takes one file \(got 2\)/);
    err = '';
    expect(await main(['fmt', '--frobnicate', 'a.avdl'], io)).toBe(2);
    expect(err).toMatch(/unknown option --frobnicate/);
  });

  it('shows its usage with --help', async () => {
    expect(await main(['fmt', '--help'], io)).toBe(0);
    expect(out).toContain('Usage: spl fmt FILE... [--write | --check]');
  });
});
