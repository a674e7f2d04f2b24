/** The workspace's definitions compiled from disk: protocols by full name with the node's own MD5. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { definitionsDir, loadDefinition } from '../../definitions.js';
import { ProtocolCodec } from '../../rpc/protocol-codec.js';
import { Workspace } from '../workspace.js';
import { isDefinitionFile, loadDefinitions } from './workspace-definitions.js';

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'spl-ws-definitions-'));
  await fs.cp(definitionsDir(), path.join(dir, 'definitions'), { recursive: true });
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('loadDefinitions', () => {
  it('gives each protocol of definitions/ by full name, with the MD5 a node serving it sends', async () => {
    const logs: string[] = [];
    const definitions = await loadDefinitions(await Workspace.open(dir), (m) => logs.push(m));
    expect(logs).toEqual([]);
    expect([...definitions.keys()].sort()).toEqual(['spl.container.SPLContainerService', 'spl.data.SPLDataService', 'spl.execute.SPLExecuteService', 'spl.node.SPLNodeService', 'spl.pipeline.SPLPipelineService']);
    const node = definitions.get('spl.node.SPLNodeService')!;
    expect(node.file).toBe('definitions/spl-node.avdl');
    expect(node.md5).toBe(new ProtocolCodec(await loadDefinition('node')).hashKey);
  });

  it('reads .avpr files and folders below definitions/, and skips and reports files that do not compile', async () => {
    await fs.mkdir(path.join(dir, 'definitions/more'));
    await fs.writeFile(path.join(dir, 'definitions/more/echo.avpr'), JSON.stringify({ protocol: 'Echo', namespace: 'x', messages: { echo: { request: [{ name: 's', type: 'string' }], response: 'string' } } }));
    await fs.writeFile(path.join(dir, 'definitions/broken.avdl'), 'protocol Broken { record R { strin x; } }');
    await fs.writeFile(path.join(dir, 'definitions/bad.avpr'), '{"protocol": ');
    await fs.writeFile(path.join(dir, 'notes.avdl'), 'protocol Outside {}');
    const logs: string[] = [];
    const definitions = await loadDefinitions(await Workspace.open(dir), (m) => logs.push(m));
    expect(definitions.get('x.Echo')).toMatchObject({ file: 'definitions/more/echo.avpr', md5: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(definitions.has('Broken')).toBe(false);
    expect(definitions.has('Outside')).toBe(false);
    expect(definitions.size).toBe(6);
    expect(logs).toEqual([
      expect.stringMatching(/^definitions\/bad\.avpr is not a protocol the studio can read/),
      expect.stringMatching(/^definitions\/broken\.avdl does not compile, so nodes' protocols are not compared with it: definitions\/broken\.avdl:1:\d+: .*strin/),
    ]);
  });

  it('knows which workspace paths are definitions', () => {
    expect(isDefinitionFile('definitions/a.avdl')).toBe(true);
    expect(isDefinitionFile('definitions/deep/b.avpr')).toBe(true);
    expect(isDefinitionFile('definitions/README.md')).toBe(false);
    expect(isDefinitionFile('other/a.avdl')).toBe(false);
  });
});
