#!/usr/bin/env node
// `npm start`: the desktop studio when Electron's binary is installed; otherwise (installs made
// with ELECTRON_SKIP_BINARY_DOWNLOAD=1, as on headless machines) the same studio served to a
// browser by `spl studio --web`. `npm start -- DIR` opens DIR; the default is the sample workspace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const sample = path.join(root, 'assets/sample-workspace');
// npm runs scripts in the package root; INIT_CWD is where the user typed `npm start`.
const here = process.env.INIT_CWD ?? process.cwd();
const workspace = process.argv[2] ? path.resolve(here, process.argv[2]) : existsSync(sample) ? sample : here;

/** The Electron binary's path, if it is installed: `require('electron')` names it (and throws when the install skipped it). */
function electronBinary() {
  try {
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** Runs an npm script the way this one was run (npm sets npm_execpath), else through `npm` on the PATH. */
function npmRun(script) {
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', '-s', script], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', '-s', script], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const electron = electronBinary();
if (electron) {
  npmRun('build:electron');
  const child = spawn(electron, [path.join(root, 'dist/electron/main/main.js'), '--workspace', workspace], { cwd: root, stdio: 'inherit' });
  // Ctrl-C reaches Electron too (same process group): wait for it rather than die first.
  process.on('SIGINT', () => {});
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  process.stdout.write("Electron's binary is not installed (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); starting the web studio instead.\n");
  const { main } = await import(pathToFileURL(path.join(root, 'dist/electron/cli/main.js')).href);
  process.exitCode = await main(['studio', '--web', '--workspace', workspace]);
}
