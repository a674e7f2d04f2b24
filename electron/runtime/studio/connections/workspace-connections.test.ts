/** spl-workspace.json's connections on a real disk: unusable entries reported, everything else kept. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../../shared/studio/api.js';
import { Workspace } from '../workspace.js';
import { editConnections, mergeEntry, readConnections, WORKSPACE_FILE } from './workspace-connections.js';

let dir: string;
let workspace: Workspace;
const file = () => path.join(dir, WORKSPACE_FILE);

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'spl-ws-connections-'));
  workspace = await Workspace.open(dir);
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('readConnections', () => {
  it('has none without the file or the key', async () => {
    expect(await readConnections(workspace)).toEqual({ entries: [], problems: [] });
    await fs.writeFile(file(), '{"name": "x"}');
    expect(await readConnections(workspace)).toEqual({ entries: [], problems: [] });
  });

  it('checks each entry as connections.save would, and reports what it cannot use', async () => {
    await fs.writeFile(file(), JSON.stringify({
      connections: [
        { id: 'prod', name: 'Production', kind: 'node', url: 'http://127.0.0.1:7400', note: 'a key of the user' },
        { id: 'bad-url', name: 'Bad', kind: 'node', url: 'ftp://x:1' },
        { name: 'no id' },
        { id: 'prod', name: 'Twice', kind: 'node', url: 'http://127.0.0.1:1' },
        { id: 'local', name: 'Reserved', kind: 'node', url: 'http://127.0.0.1:1' },
        'not an object',
      ],
    }));
    const { entries, problems } = await readConnections(workspace);
    expect(entries).toEqual([
      { ok: true, config: { id: 'prod', name: 'Production', kind: 'node', url: 'http://127.0.0.1:7400' } },
      {
        ok: false, id: 'bad-url', name: 'Bad', kind: 'node', url: 'ftp://x:1',
        problem: expect.stringMatching(/^spl-workspace\.json: connections\[1\] cannot be used: a node connection's URL starts with http:\/\/, https:\/\/, tcp:\/\/, tcps:\/\/; got "ftp:\/\/x:1"; fix it in spl-workspace\.json/),
      },
    ]);
    expect(problems).toEqual([
      expect.stringMatching(/^spl-workspace\.json: connections\[2\] has no usable "id"/),
      expect.stringMatching(/^spl-workspace\.json: connections\[3\] repeats the id "prod"/),
      expect.stringMatching(/^spl-workspace\.json: connections\[4\] has no usable "id"/),
      expect.stringMatching(/^spl-workspace\.json: connections\[5\] has no usable "id"/),
    ]);
  });

  it('reports a file that is not JSON, or connections that are not an array, without throwing', async () => {
    await fs.writeFile(file(), '{"connections": [');
    expect((await readConnections(workspace)).problems).toEqual([expect.stringMatching(/^spl-workspace\.json is not valid JSON/)]);
    await fs.writeFile(file(), '{"connections": {}}');
    expect((await readConnections(workspace)).problems).toEqual([expect.stringMatching(/"connections" must be an array/)]);
  });
});

describe('editConnections', () => {
  it('changes only the array, keeping the other keys, their order, the indentation and the final newline', async () => {
    const original = '{\n    "name": "Team",\n    "connections": [\n        {"id": "a", "name": "A", "kind": "node", "url": "http://h:1", "note": "mine"}\n    ],\n    "environments": {"dev": {"x": 1}}\n}\n';
    await fs.writeFile(file(), original);
    await editConnections(workspace, (entries) => [mergeEntry(entries[0], { id: 'a', name: 'A2', kind: 'node', url: 'tcp://h:2' }), { id: 'b', name: 'B', kind: 'etcd', url: 'http://h:3' }]);
    const text = await fs.readFile(file(), 'utf8');
    expect(text).toBe(JSON.stringify({
      name: 'Team',
      connections: [{ id: 'a', name: 'A2', kind: 'node', url: 'tcp://h:2', note: 'mine' }, { id: 'b', name: 'B', kind: 'etcd', url: 'http://h:3' }],
      environments: { dev: { x: 1 } },
    }, null, 4) + '\n');
  });

  it('creates the file with two-space JSON when there is none', async () => {
    await editConnections(workspace, () => [{ id: 'a', name: 'A', kind: 'node', url: 'http://h:1' }]);
    expect(await fs.readFile(file(), 'utf8')).toBe('{\n  "connections": [\n    {\n      "id": "a",\n      "name": "A",\n      "kind": "node",\n      "url": "http://h:1"\n    }\n  ]\n}\n');
  });

  it('refuses to overwrite a file it cannot read as JSON, saying what to do', async () => {
    await fs.writeFile(file(), '{ "connections": [ // a comment\n] }');
    const error = await editConnections(workspace, (entries) => entries).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).message).toMatch(/^spl-workspace\.json is not valid JSON .*; fix it \(or remove it\) and save the connection again$/);
    expect(await fs.readFile(file(), 'utf8')).toBe('{ "connections": [ // a comment\n] }');
  });
});
