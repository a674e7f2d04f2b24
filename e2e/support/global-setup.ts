/**
 * Builds the package (so the tests drive the current sources), copies the sample workspace to
 * a temporary folder and starts `spl studio --web` on it. The page's URL and the workspace
 * folder reach the tests through the environment; the returned function stops the host.
 * Set E2E_SKIP_BUILD=1 to reuse an existing build while iterating on the tests.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, SAMPLE_WORKSPACE } from './paths.js';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.E2E_SKIP_BUILD !== '1') {
    execFileSync('npm', ['run', '-s', 'build'], { cwd: REPO, stdio: 'inherit' });
  }
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'spl-studio-e2e-'));
  cpSync(SAMPLE_WORKSPACE, workspace, { recursive: true });

  // The local node's data lives beside the workspace copy, not in the user's own data folder.
  const nodeData = `${workspace}-node`;
  const host = spawn(process.execPath, [path.join(REPO, 'bin/spl.js'), 'studio', '--web', '--port', '0', '--workspace', workspace, '--data', nodeData], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  host.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`spl studio --web printed no URL within 20 s:\n${stdout}\n${stderr}`)), 20_000);
    host.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^Studio: (\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    host.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`spl studio --web exited with ${code}:\n${stdout}\n${stderr}`));
    });
  });

  process.env.STUDIO_URL = url;
  process.env.STUDIO_WORKSPACE = workspace;

  return async () => {
    const exited = new Promise((resolve) => host.once('exit', resolve));
    host.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    rmSync(workspace, { recursive: true, force: true });
    rmSync(nodeData, { recursive: true, force: true });
  };
}
