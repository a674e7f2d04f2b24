/** The user's settings folder and the secrets store, on a real disk: permissions, atomicity, damage. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECRETS_FILE, SecretsStore, userDataDir } from './user-data.js';

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'spl-user-data-'));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('userDataDir', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of ['SPL_STUDIO_USER_DATA', 'XDG_CONFIG_HOME']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  it('takes the explicit folder, then $SPL_STUDIO_USER_DATA, then $XDG_CONFIG_HOME/spl-studio, then ~/.config/spl-studio', () => {
    process.env.SPL_STUDIO_USER_DATA = '/tmp/from-env';
    process.env.XDG_CONFIG_HOME = '/tmp/xdg';
    expect(userDataDir('/tmp/explicit')).toBe('/tmp/explicit');
    expect(userDataDir()).toBe('/tmp/from-env');
    delete process.env.SPL_STUDIO_USER_DATA;
    expect(userDataDir()).toBe('/tmp/xdg/spl-studio');
    process.env.XDG_CONFIG_HOME = '';
    expect(userDataDir()).toBe(path.join(os.homedir(), '.config', 'spl-studio'));
  });
});

describe('SecretsStore', () => {
  it('keeps tokens per workspace and connection, in a 0600 file in a 0700 folder, across reopening', async () => {
    const folder = path.join(dir, 'settings');
    const store = await SecretsStore.open(folder);
    expect(store.get('/ws/a', 'prod')).toBeUndefined();
    await store.set('/ws/a', 'prod', 'token-a');
    await store.set('/ws/b', 'prod', 'token-b');
    await store.set('/ws/a', '__proto__', 'odd but valid');
    expect(store.get('/ws/a', 'prod')).toBe('token-a');
    expect(store.get('/ws/b', 'prod')).toBe('token-b');
    expect(store.get('/ws/a', '__proto__')).toBe('odd but valid');
    expect((await fs.stat(path.join(folder, SECRETS_FILE))).mode & 0o777).toBe(0o600);
    expect((await fs.stat(folder)).mode & 0o777).toBe(0o700);

    const again = await SecretsStore.open(folder);
    expect(again.get('/ws/a', 'prod')).toBe('token-a');
    expect(again.get('/ws/a', '__proto__')).toBe('odd but valid');
    await again.delete('/ws/a', 'prod');
    expect(again.get('/ws/a', 'prod')).toBeUndefined();
    expect(again.get('/ws/b', 'prod')).toBe('token-b');
    // No temporary files left beside it.
    expect(await fs.readdir(folder)).toEqual([SECRETS_FILE]);
  });

  it('does not undo another store\'s change to the same file', async () => {
    const one = await SecretsStore.open(dir);
    const two = await SecretsStore.open(dir);
    await one.set('/ws', 'a', '1');
    await two.set('/ws', 'b', '2');
    const reread = await SecretsStore.open(dir);
    expect([reread.get('/ws', 'a'), reread.get('/ws', 'b')]).toEqual(['1', '2']);
  });

  it('reports a damaged file, reads it as empty, and moves it aside before writing a new one', async () => {
    const file = path.join(dir, SECRETS_FILE);
    await fs.writeFile(file, '{"version": 1, "workspaces": {', { mode: 0o600 });
    const logs: string[] = [];
    const store = await SecretsStore.open(dir, { log: (m) => logs.push(m) });
    expect(logs).toEqual([expect.stringMatching(new RegExp(`^the studio's secrets file ${file} is not valid JSON .*starts with no stored tokens`))]);
    expect(store.get('/ws', 'a')).toBeUndefined();
    // Nothing is written until a token is saved: the damaged file is still where it was.
    expect(await fs.readFile(file, 'utf8')).toBe('{"version": 1, "workspaces": {');

    await store.set('/ws', 'a', 'fresh');
    const files = (await fs.readdir(dir)).sort();
    expect(files).toEqual([SECRETS_FILE, expect.stringMatching(/^secrets\.json\.corrupt-\d{4}-\d\d-\d\dT/)]);
    expect(await fs.readFile(path.join(dir, files[1]), 'utf8')).toBe('{"version": 1, "workspaces": {');
    expect(logs[1]).toMatch(/moved it to .*secrets\.json\.corrupt-.* and wrote a new one/);
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({ version: 1, workspaces: { '/ws': { a: { token: 'fresh' } } } });
  });

  it('treats a file of the wrong shape as damaged too', async () => {
    await fs.writeFile(path.join(dir, SECRETS_FILE), '["not", "a", "store"]');
    const logs: string[] = [];
    await SecretsStore.open(dir, { log: (m) => logs.push(m) });
    expect(logs[0]).toContain('does not hold {"version": 1, "workspaces": {...}}');
  });
});
