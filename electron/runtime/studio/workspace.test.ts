/** The workspace on a real disk: listing, reading, atomic writes, conflicts, and no way out of the root. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../shared/studio/api.js';
import { MAX_TEXT_BYTES } from '../../../shared/studio/methods.js';
import { Workspace } from './workspace.js';

let dir: string;
let outside: string;
let workspace: Workspace;

beforeEach(async () => {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'spl-workspace-'));
  dir = path.join(base, 'ws');
  outside = path.join(base, 'outside');
  await fs.mkdir(path.join(dir, 'definitions'), { recursive: true });
  await fs.mkdir(outside);
  await fs.writeFile(path.join(outside, 'secret.txt'), 'secret');
  await fs.writeFile(path.join(dir, 'definitions/a.avdl'), 'protocol A {}');
  workspace = await Workspace.open(dir);
});

afterEach(async () => {
  await fs.rm(path.dirname(dir), { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<StudioError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(StudioError);
  return error as StudioError;
}

describe('Workspace', () => {
  it('opens only an existing folder', async () => {
    expect(await failure(Workspace.open(path.join(dir, 'nope')))).toMatchObject({ code: 'not-found', message: `the workspace folder ${path.join(dir, 'nope')} does not exist` });
    expect(await failure(Workspace.open(path.join(dir, 'definitions/a.avdl')))).toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('is a file, not a folder') });
    expect(await workspace.info()).toEqual({ name: 'ws', root: dir });
  });

  it('lists depth first, sorted, skipping .git, node_modules and temporary files', async () => {
    await fs.mkdir(path.join(dir, '.git/objects'), { recursive: true });
    await fs.mkdir(path.join(dir, 'node_modules/x'), { recursive: true });
    await fs.mkdir(path.join(dir, 'requests/deep'), { recursive: true });
    await fs.writeFile(path.join(dir, 'requests/deep/r.json'), '{}');
    await fs.writeFile(path.join(dir, 'requests-b.json'), '{}');
    await fs.writeFile(path.join(dir, 'Z.md'), '');
    await fs.writeFile(path.join(dir, '.a.avdl.spl-0123456789abcdef.tmp'), '');
    await fs.writeFile(path.join(dir, 'back\\slash'), '');
    await fs.symlink(outside, path.join(dir, 'escape'));
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(dir, 'escape.txt'));
    await fs.symlink(path.join(dir, 'definitions/a.avdl'), path.join(dir, 'inner-link.avdl'));
    await fs.symlink(path.join(dir, 'missing'), path.join(dir, 'dangling'));
    expect(await workspace.list()).toEqual([
      { path: 'Z.md', kind: 'file' },
      { path: 'definitions', kind: 'directory' },
      { path: 'definitions/a.avdl', kind: 'file' },
      { path: 'inner-link.avdl', kind: 'file' },
      { path: 'requests', kind: 'directory' },
      { path: 'requests/deep', kind: 'directory' },
      { path: 'requests/deep/r.json', kind: 'file' },
      { path: 'requests-b.json', kind: 'file' },
    ]);
  });

  it('reads text with a version of mtime and size', async () => {
    const file = await workspace.read('definitions/a.avdl');
    const stats = await fs.stat(path.join(dir, 'definitions/a.avdl'));
    expect(file).toEqual({ path: 'definitions/a.avdl', text: 'protocol A {}', version: `${stats.mtimeMs}-${stats.size}` });
  });

  it('says clearly what cannot be read', async () => {
    expect(await failure(workspace.read('definitions/none.avdl'))).toMatchObject({ code: 'not-found', message: 'workspace.read: definitions/none.avdl does not exist' });
    expect(await failure(workspace.read('definitions'))).toMatchObject({ code: 'invalid-argument', message: 'workspace.read: definitions is a folder, not a file' });
    expect(await failure(workspace.read('definitions/a.avdl/x'))).toMatchObject({ code: 'io', message: 'workspace.read: cannot read definitions/a.avdl/x: a part of the path is a file, not a folder (ENOTDIR)' });
    expect(await failure(workspace.read('../outside/secret.txt'))).toMatchObject({ code: 'invalid-argument' });
    await fs.writeFile(path.join(dir, 'big.bin'), Buffer.alloc(MAX_TEXT_BYTES + 1));
    expect(await failure(workspace.read('big.bin'))).toMatchObject({ code: 'invalid-argument', message: 'workspace.read: big.bin is 20.0 MB; the studio opens files up to 20 MB' });
  });

  it.skipIf(process.getuid?.() === 0)('reports a permission problem as io with the OS code (skipped as root, who may read anything)', async () => {
    await fs.chmod(path.join(dir, 'definitions/a.avdl'), 0o000);
    expect(await failure(workspace.read('definitions/a.avdl'))).toMatchObject({ code: 'io', message: 'workspace.read: cannot read definitions/a.avdl: permission denied (EACCES)' });
  });

  it('writes atomically, creating folders, keeping the mode, leaving no temporary file', async () => {
    const { version } = await workspace.write('requests/new/r.json', '{"a": 1}');
    expect(await fs.readFile(path.join(dir, 'requests/new/r.json'), 'utf8')).toBe('{"a": 1}');
    expect((await workspace.read('requests/new/r.json')).version).toBe(version);
    await fs.chmod(path.join(dir, 'definitions/a.avdl'), 0o640);
    await workspace.write('definitions/a.avdl', 'protocol B {}');
    expect((await fs.stat(path.join(dir, 'definitions/a.avdl'))).mode & 0o777).toBe(0o640);
    expect(await fs.readdir(path.join(dir, 'definitions'))).toEqual(['a.avdl']);
  });

  it('refuses a write whose expected version is stale, or whose file was deleted', async () => {
    const { version } = await workspace.read('definitions/a.avdl');
    // Someone else changes the file (the size changes, so the version does whatever the clock's resolution).
    await fs.writeFile(path.join(dir, 'definitions/a.avdl'), 'protocol Theirs {}');
    const conflict = await failure(workspace.write('definitions/a.avdl', 'protocol Mine {}', { expectedVersion: version }));
    expect(conflict.code).toBe('conflict');
    expect(conflict.message).toMatch(/^workspace\.write: definitions\/a\.avdl changed on disk since you opened it \(expected version .+, found .+\); reload it or save again to overwrite$/);
    expect(await fs.readFile(path.join(dir, 'definitions/a.avdl'), 'utf8')).toBe('protocol Theirs {}');

    const current = await workspace.read('definitions/a.avdl');
    const written = await workspace.write('definitions/a.avdl', 'protocol Mine {}', { expectedVersion: current.version });
    expect(written.version).not.toBe(current.version);

    await fs.rm(path.join(dir, 'definitions/a.avdl'));
    expect(await failure(workspace.write('definitions/a.avdl', 'x', { expectedVersion: written.version }))).toMatchObject({ code: 'conflict', message: expect.stringContaining('was deleted on disk') });
  });

  it('runs concurrent writes to one file one after another', async () => {
    const { version } = await workspace.read('definitions/a.avdl');
    const results = await Promise.allSettled([
      workspace.write('definitions/a.avdl', 'first edit', { expectedVersion: version }),
      workspace.write('definitions/a.avdl', 'second edit, same base', { expectedVersion: version }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(await fs.readFile(path.join(dir, 'definitions/a.avdl'), 'utf8')).toBe('first edit');
  });

  it('refuses to read or write through a link that leads outside', async () => {
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(dir, 'escape.txt'));
    await fs.symlink(outside, path.join(dir, 'escape'));
    for (const p of ['escape.txt', 'escape/secret.txt']) {
      expect(await failure(workspace.read(p))).toMatchObject({ code: 'invalid-argument', message: `workspace.read: ${p} leads outside the workspace (through a symbolic link); the studio only opens files inside it` });
    }
    for (const p of ['escape.txt', 'escape/secret.txt', 'escape/new.txt', 'escape/new/deep.txt']) {
      expect(await failure(workspace.write(p, 'pwned'))).toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('leads outside the workspace') });
    }
    expect(await fs.readdir(outside)).toEqual(['secret.txt']);
    expect(await fs.readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('secret');
  });

  it('a dangling link is replaced by a file inside, never followed outside', async () => {
    await fs.symlink(path.join(outside, 'planted.txt'), path.join(dir, 'dangling.txt'));
    await workspace.write('dangling.txt', 'inside');
    expect((await fs.lstat(path.join(dir, 'dangling.txt'))).isFile()).toBe(true);
    expect(await fs.readdir(outside)).toEqual(['secret.txt']);

    await fs.symlink(path.join(outside, 'no-such-dir'), path.join(dir, 'dangling-dir'));
    await failure(workspace.write('dangling-dir/x.txt', 'x'));
    expect(await fs.readdir(outside)).toEqual(['secret.txt']);
  });

  it('writes through a link that stays inside, keeping the link', async () => {
    await fs.symlink(path.join(dir, 'definitions/a.avdl'), path.join(dir, 'link.avdl'));
    await workspace.write('link.avdl', 'via link');
    expect((await fs.lstat(path.join(dir, 'link.avdl'))).isSymbolicLink()).toBe(true);
    expect(await fs.readFile(path.join(dir, 'definitions/a.avdl'), 'utf8')).toBe('via link');
  });

  it('a workspace opened through a link works, and its own links inside are fine', async () => {
    const link = path.join(path.dirname(dir), 'ws-link');
    await fs.symlink(dir, link);
    const viaLink = await Workspace.open(link);
    expect((await viaLink.read('definitions/a.avdl')).text).toBe('protocol A {}');
    await viaLink.write('x.txt', 'x');
    expect(await fs.readFile(path.join(dir, 'x.txt'), 'utf8')).toBe('x');
  });

  it('validates paths itself, for callers that skip the method table', async () => {
    expect(await failure(workspace.read('../outside/secret.txt'))).toMatchObject({ code: 'invalid-argument', message: expect.stringContaining("it has a '..' segment") });
    expect(await failure(workspace.write('/tmp/x', 'x'))).toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('it is absolute') });
  });

  it('refuses to write over a folder', async () => {
    expect(await failure(workspace.write('definitions', 'x'))).toMatchObject({ code: 'invalid-argument', message: 'workspace.write: definitions is a folder, not a file' });
  });
});
