/** The service as a host uses it: the API over a temp folder, and change events from writes made outside the studio. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkspaceChange } from '../../../shared/studio/api.js';
import { dispatch } from '../../../shared/studio/methods.js';
import { createStudioService, type StudioService } from './studio-service.js';

let dir: string;
let service: StudioService;
let changes: WorkspaceChange[];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'spl-service-'));
  await fs.mkdir(path.join(dir, 'definitions'));
  await fs.writeFile(path.join(dir, 'definitions/a.avdl'), 'protocol A {}');
  service = await createStudioService({ workspaceRoot: dir, hostInfo: { version: '9.9.9' }, debounceMs: 30, log: () => {} });
  changes = [];
});

afterEach(async () => {
  await service.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** Waits until `predicate` holds on the changes seen, or fails saying what was seen. */
async function until(predicate: (seen: WorkspaceChange[]) => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate(changes)) {
    if (Date.now() > deadline) throw new Error(`timed out; saw ${JSON.stringify(changes)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function listen(): Promise<() => void> {
  const stop = service.api.on('workspace.change', (change) => changes.push(change));
  await service.watching();
  return stop;
}

describe('the studio service', () => {
  it('serves the API through the method table', async () => {
    expect(await dispatch(service.api, 'host.info', [])).toEqual({ version: '9.9.9' });
    expect(await dispatch(service.api, 'workspace.info', [])).toEqual({ name: path.basename(dir), root: dir });
    expect(await dispatch(service.api, 'workspace.list', [])).toEqual([{ path: 'definitions', kind: 'directory' }, { path: 'definitions/a.avdl', kind: 'file' }]);
    const { version } = (await dispatch(service.api, 'workspace.read', ['definitions/a.avdl'])) as { version: string };
    await expect(dispatch(service.api, 'workspace.write', ['definitions/a.avdl', 'x', { expectedVersion: version + '0' }])).rejects.toMatchObject({ code: 'conflict' });
  });

  it('reports files created, changed and deleted outside the studio, with their versions', async () => {
    await listen();
    await fs.writeFile(path.join(dir, 'definitions/b.avdl'), 'protocol B {}');
    await until((seen) => seen.some((c) => c.path === 'definitions/b.avdl'));
    const stats = await fs.stat(path.join(dir, 'definitions/b.avdl'));
    expect(changes).toEqual([{ type: 'created', path: 'definitions/b.avdl', version: `${stats.mtimeMs}-${stats.size}` }]);

    changes.length = 0;
    await fs.writeFile(path.join(dir, 'definitions/a.avdl'), 'protocol A2 {}');
    await until((seen) => seen.length > 0);
    expect(changes).toEqual([{ type: 'changed', path: 'definitions/a.avdl', version: (await service.api.workspace.read('definitions/a.avdl')).version }]);

    changes.length = 0;
    await fs.rm(path.join(dir, 'definitions/a.avdl'));
    await until((seen) => seen.length > 0);
    expect(changes).toEqual([{ type: 'deleted', path: 'definitions/a.avdl' }]);
  });

  it('reports a folder moved in and out file by file', async () => {
    await listen();
    const elsewhere = await fs.mkdtemp(path.join(os.tmpdir(), 'spl-service-src-'));
    await fs.mkdir(path.join(elsewhere, 'deep'));
    await fs.writeFile(path.join(elsewhere, 'deep/x.json'), '{}');
    await fs.writeFile(path.join(elsewhere, 'y.json'), '[]');
    await fs.rename(elsewhere, path.join(dir, 'requests'));
    await until((seen) => seen.length >= 2);
    expect(changes.map((c) => [c.type, c.path])).toEqual([['created', 'requests/deep/x.json'], ['created', 'requests/y.json']]);

    changes.length = 0;
    await fs.rm(path.join(dir, 'requests'), { recursive: true });
    await until((seen) => seen.length >= 2);
    expect(changes.map((c) => [c.type, c.path])).toEqual([['deleted', 'requests/deep/x.json'], ['deleted', 'requests/y.json']]);
  });

  it("reports the studio's own writes too, once per write, with the version write returned", async () => {
    await listen();
    const { version } = await service.api.workspace.write('definitions/a.avdl', 'protocol Mine {}');
    await until((seen) => seen.length > 0);
    await new Promise((r) => setTimeout(r, 150));
    expect(changes).toEqual([{ type: 'changed', path: 'definitions/a.avdl', version }]);
  });

  it('ignores .git, node_modules and temporary files', async () => {
    await listen();
    await fs.mkdir(path.join(dir, '.git'));
    await fs.writeFile(path.join(dir, '.git/HEAD'), 'ref');
    await fs.mkdir(path.join(dir, 'node_modules'));
    await fs.writeFile(path.join(dir, 'node_modules/x.js'), '');
    await fs.writeFile(path.join(dir, 'marker.txt'), '');
    await until((seen) => seen.some((c) => c.path === 'marker.txt'));
    await new Promise((r) => setTimeout(r, 150));
    expect(changes.map((c) => c.path)).toEqual(['marker.txt']);
  });

  it('stops reporting when the listener stops or the service closes', async () => {
    const stop = await listen();
    stop();
    await fs.writeFile(path.join(dir, 'late.txt'), '');
    await new Promise((r) => setTimeout(r, 200));
    expect(changes).toEqual([]);
  });

  it('refuses a workspace folder that does not exist', async () => {
    await expect(createStudioService({ workspaceRoot: path.join(dir, 'nope'), hostInfo: { version: '1' } })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('keeps reporting a file after the studio saved it (an atomic save replaces it by a rename)', async () => {
    await listen();
    const { version } = await service.api.workspace.write('definitions/a.avdl', 'protocol Saved {}');
    await until((seen) => seen.some((c) => c.path === 'definitions/a.avdl' && c.type === 'changed' && c.version === version));
    changes.length = 0;
    await new Promise((r) => setTimeout(r, 20));
    await fs.writeFile(path.join(dir, 'definitions/a.avdl'), 'protocol ChangedOutside {}');
    await until((seen) => seen.some((c) => c.path === 'definitions/a.avdl' && c.type === 'changed'));
  });

  it('keeps reporting changes inside a folder that was replaced wholesale (a git checkout)', async () => {
    await listen();
    await fs.rm(path.join(dir, 'definitions'), { recursive: true });
    await fs.mkdir(path.join(dir, 'definitions'));
    await fs.writeFile(path.join(dir, 'definitions/a.avdl'), 'protocol Again {}');
    await until((seen) => seen.some((c) => c.path === 'definitions/a.avdl'));
    await service.watching();
    changes.length = 0;
    await new Promise((r) => setTimeout(r, 100));
    await fs.writeFile(path.join(dir, 'definitions/c.avdl'), 'protocol C {}');
    await until((seen) => seen.some((c) => c.path === 'definitions/c.avdl' && c.type === 'created'));
    await fs.mkdir(path.join(dir, 'definitions/nested'));
    await fs.writeFile(path.join(dir, 'definitions/nested/d.avdl'), 'protocol D {}');
    await until((seen) => seen.some((c) => c.path === 'definitions/nested/d.avdl'));
    await fs.writeFile(path.join(dir, 'definitions/nested/d.avdl'), 'protocol D2 {}');
    await until((seen) => seen.filter((c) => c.path === 'definitions/nested/d.avdl').length === 2);
  });
});
