/**
 * User modules from folders: the sample modules load; a broken module is reported with its folder
 * and why while the others load; a folder reloads when its files change.
 */
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeCore } from '../services/node-core.js';
import { silentLogger } from './logger.js';
import { ModuleFolder } from './module-folder.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../../assets/modules');

describe('module folders', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    while (cleanup.length > 0) await cleanup.pop()!();
  });
  const tempDir = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'spl-modules-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  };
  const write = async (root: string, file: string, text: string) => {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  };

  it('load the sample modules, with schemas from IDL and from JSON', async () => {
    const { modules, problems } = await new ModuleFolder(SAMPLES).load();
    expect(problems).toEqual([]);
    expect(modules.map((m) => `${m.uri}: ${m.input?.fullName} -> ${m.output?.fullName}`)).toEqual([
      'apps/analytics/count-words: apps.analytics.WordList -> apps.analytics.WordCounts',
      'apps/analytics/summarize: apps.analytics.WordCounts -> apps.analytics.Summary',
      'tools/debug/echo: spl.samples.EchoValue -> spl.samples.EchoValue',
      'tools/text/split-words: tools.text.Text -> tools.text.Words',
      'tools/text/uppercase: tools.text.Text -> tools.text.Text',
    ]);
    expect(modules.find((m) => m.uri === 'tools/text/uppercase')?.description).toBe('Upper-cases a text.');
    expect(modules.find((m) => m.uri === 'tools/text/split-words')?.description).toContain('Splits a text into its words');
  });

  it('report each broken module with its folder and why; the rest still load', async () => {
    const root = await tempDir();
    const record = (name: string) => `{"type":"record","name":"${name}","namespace":"t","fields":[{"name":"x","type":"int"}]}`;
    await write(root, 'good/one/index.mjs', 'export default (input) => ({ x: input.x + 1 });');
    await write(root, 'good/one/input.avsc', record('In'));
    await write(root, 'good/one/output.avsc', record('Out'));
    await write(root, 'bad/syntax/index.js', 'export default (input => ;');
    await write(root, 'bad/no-handler/index.mjs', 'export const answer = 42;');
    await write(root, 'bad/schema/index.mjs', 'export default () => null;');
    await write(root, 'bad/schema/schema.avdl', 'protocol P { record R { int x } R run(R r); }');
    await write(root, 'bad/two-messages/index.mjs', 'export default () => null;');
    await write(root, 'bad/two-messages/schema.avdl', 'protocol P { record R { int x; } R a(R r); R b(R r); }');
    await write(root, 'bad/array/index.mjs', 'export default () => null;');
    await write(root, 'bad/array/input.avsc', '{"type": "array", "items": "int"}');
    await write(root, 'bad/only-schema/input.avsc', record('Lonely'));

    const logged: string[] = [];
    const core = await createNodeCore({ nodeId: 't', dataDir: await tempDir(), moduleDirs: [root], watchModules: false, logger: { ...silentLogger, warn: (m) => logged.push(m) } });
    cleanup.push(() => core.close());
    expect(core.modules.get('good/one')).toBeDefined();
    expect(await core.services.execute('good/one', { x: 1 })).toEqual({ x: 2 });
    const problems = Object.fromEntries(core.modules.problems(root).map((p) => [path.relative(root, p.path), p.message]));
    expect(Object.keys(problems).sort()).toEqual(['bad/array', 'bad/no-handler', 'bad/only-schema', 'bad/schema', 'bad/syntax', 'bad/two-messages']);
    expect(problems['bad/syntax']).toMatch(/^index\.js cannot be loaded: /);
    expect(problems['bad/no-handler']).toBe('index.mjs must default-export the handler function (input, context) => output; it exports answer (number)');
    expect(problems['bad/schema']).toMatch(/^schema\.avdl does not compile:\n.*schema\.avdl:1:\d+: /);
    expect(problems['bad/two-messages']).toContain('protocol P has 2 messages; a module\'s protocol has exactly one');
    expect(problems['bad/array']).toContain('input.avsc is array<int>; a module reads and writes a named type');
    expect(problems['bad/only-schema']).toContain('module bad/only-schema has schemas but no handler');
    expect(logged.filter((m) => m.startsWith(`module ${root}/bad/`))).toHaveLength(6);
  });

  it('a user folder cannot take over a URI another source defines', async () => {
    const root = await tempDir();
    await write(root, 'spl/data/write/index.mjs', 'export default () => "mine";');
    const core = await createNodeCore({ nodeId: 't', dataDir: await tempDir(), moduleDirs: [root], watchModules: false });
    cleanup.push(() => core.close());
    expect(core.modules.get('spl/data/write')?.origin).toBe('built-in');
    expect(core.modules.problems(root)).toEqual([{ source: root, path: path.join(root, 'spl/data/write'), message: 'module spl/data/write is already defined by built-in; this one is ignored' }]);
  });

  it('reload when files change: changed, added and removed modules', async () => {
    const root = await tempDir();
    await cp(path.join(SAMPLES, 'tools/text/uppercase'), path.join(root, 'tools/text/uppercase'), { recursive: true });
    const core = await createNodeCore({ nodeId: 't', dataDir: await tempDir(), moduleDirs: [root] });
    cleanup.push(() => core.close());
    expect(await core.services.execute('tools/text/uppercase', { text: 'a' })).toEqual({ text: 'A' });

    const changed = new Promise<void>((resolve) => core.modules.onChange(({ source }) => source === root && resolve()));
    await write(root, 'tools/text/uppercase/index.js', 'export default (input) => ({ text: `${input.text.toUpperCase()}!` });');
    await write(root, 'tools/text/lower/index.mjs', 'export default (text) => text.toLowerCase();');
    await changed;
    await until(() => core.modules.get('tools/text/lower') !== undefined && core.modules.get('tools/text/uppercase')!.handler.toString().includes('!'));
    expect(await core.services.execute('tools/text/uppercase', { text: 'a' })).toEqual({ text: 'A!' });
    expect(await core.services.execute('tools/text/lower', 'ABC')).toBe('abc');

    await rm(path.join(root, 'tools/text/lower'), { recursive: true });
    await until(() => core.modules.get('tools/text/lower') === undefined);
  });

  it('keeps reloading after atomic saves, as editors make them (a temporary file renamed over)', async () => {
    const root = await tempDir();
    await cp(path.join(SAMPLES, 'tools/text/uppercase'), path.join(root, 'tools/text/uppercase'), { recursive: true });
    const core = await createNodeCore({ nodeId: 't', dataDir: await tempDir(), moduleDirs: [root] });
    cleanup.push(() => core.close());
    const handler = path.join(root, 'tools/text/uppercase/index.js');
    for (const mark of ['?', '!']) {
      await writeFile(`${handler}.swp`, `export default (input) => ({ text: \`\${input.text.toUpperCase()}${mark}\` });`);
      await rename(`${handler}.swp`, handler);
      await until(() => core.modules.get('tools/text/uppercase')!.handler.toString().includes(mark));
      // Let the reload finish before the next save, as an editor's user would.
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(await core.services.execute('tools/text/uppercase', { text: 'a' })).toEqual({ text: 'A!' });
  });
});

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the modules to reload');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
