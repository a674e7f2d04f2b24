/**
 * `spl studio`: its usage errors in process, and the real command as a user runs it (built CLI,
 * real process, Ctrl-C), which needs the built renderer in dist/renderer.
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studioCommand } from '../commands/studio.js';
import { UsageError, type CliIo } from '../io.js';
import { packageRoot } from '../../runtime/studio/package-root.js';
import { start, waitFor } from '../../../test/support/processes.js';

const ROOT = packageRoot();
const SPL = path.join(ROOT, 'bin/spl.js');
const RENDERER_BUILT = existsSync(path.join(ROOT, 'dist/renderer/index.html'));

function captured(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}

let workspace: string;
beforeAll(async () => {
  workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'spl-studio-cli-'));
  await fs.writeFile(path.join(workspace, 'a.avdl'), 'protocol A {}');
});
afterAll(() => fs.rm(workspace, { recursive: true, force: true }));

describe('spl studio', () => {
  it('without --web points to the desktop app', async () => {
    await expect(studioCommand.run([], captured(workspace))).rejects.toThrow(new UsageError('the desktop studio starts with `npm start` (or the installed app); add --web to serve it to a browser'));
  });

  it('checks its options', async () => {
    await expect(studioCommand.run(['--web', '--port', 'x'], captured(workspace))).rejects.toThrow('--port takes a port number (0 for any free one)');
    await expect(studioCommand.run(['--web', '--port', '70000'], captured(workspace))).rejects.toThrow('--port takes a port number');
    await expect(studioCommand.run(['--web', '--workspace'], captured(workspace))).rejects.toThrow('--workspace needs a value');
    await expect(studioCommand.run(['--web', '--bogus'], captured(workspace))).rejects.toThrow('unknown option --bogus');
  });

  it('refuses a host beyond loopback, exit 1', async () => {
    const io = captured(workspace);
    expect(await studioCommand.run(['--web', '--host', '0.0.0.0'], io)).toBe(1);
    expect(io.err.join('')).toBe('spl studio: refusing to serve the studio on 0.0.0.0: it can read and write your files, so it only listens on this machine (127.0.0.1, ::1 or localhost)\n');
  });

  it.skipIf(!RENDERER_BUILT)('says when the workspace does not exist, exit 1', async () => {
    const io = captured(workspace);
    expect(await studioCommand.run(['--web', '--workspace', 'nope'], io)).toBe(1);
    expect(io.err.join('')).toBe(`spl studio: the workspace folder ${path.join(workspace, 'nope')} does not exist\n`);
  });

  it.skipIf(RENDERER_BUILT)('without a built renderer, says to run npm run build (runs only when dist/renderer is missing)', async () => {
    const io = captured(workspace);
    expect(await studioCommand.run(['--web'], io)).toBe(1);
    expect(io.err.join('')).toContain('run `npm run build` first');
  });

  it.skipIf(!RENDERER_BUILT)(
    'as a process: prints the URL, serves the page, stops cleanly on Ctrl-C (needs dist/renderer/index.html: skipped until npm run build has made it)',
    async () => {
      const studio = start(process.execPath, [SPL, 'studio', '--web', '--port', '0', '--workspace', workspace, '--data', path.join(workspace, '.node-data')], ROOT);
      try {
        const out = await waitFor(studio, (o) => o.includes('Node: '));
        const url = /^Studio: (http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{43}\/)$/m.exec(out)?.[1];
        expect(url, out).toBeDefined();
        expect(out).toContain(`Workspace: ${workspace}`);
        const page = await fetch(url!);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
        expect(await page.text()).toContain('<html');
        expect((await fetch(new URL('/', url!))).status).toBe(404);
        // The local node beside it answers as an Avro node does.
        const node = /^Node: (http:\/\/127\.0\.0\.1:\d+) tcp:\/\/127\.0\.0\.1:\d+ \(data .*\.node-data\)$/m.exec(out)?.[1];
        expect(node, out).toBeDefined();
        expect((await fetch(`${node}/avro/spl.execute.SPLExecuteService`, { method: 'POST', body: 'x' })).status).toBe(415);
        studio.child.kill('SIGINT');
        expect(await studio.exited).toBe(0);
      } finally {
        studio.stop();
      }
    },
  );
});
