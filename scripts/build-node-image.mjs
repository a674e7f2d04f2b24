#!/usr/bin/env node
// Builds the SPL node image (localhost/spl-node:<version> and :latest) with Podman from this
// machine's build, with no registry and no Dockerfile: a root filesystem holding this node
// binary and the shared libraries it loads (ldd), the built project (dist, bin, definitions,
// the sample modules, package.json) and the production packages the built runtime imports,
// with their dependencies and the already-compiled better-sqlite3; then `podman import` with
// the entrypoint and labels the Dockerfile gives. Docker users build the Dockerfile instead.
//
// Usage: node scripts/build-node-image.mjs [--force]
//
// An image whose spl.image.inputs label matches the hash of everything that would go into it is
// kept as it is (`--force` rebuilds anyway), so reruns cost a hash of the inputs.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const started = Date.now();

class BuildError extends Error {}

/** Stops the build with a message saying what to do (temporary files are still removed). */
function fail(message) {
  throw new BuildError(message);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.error) fail(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed (exit ${result.status}): ${(result.stderr || result.stdout).trim()}`);
  return result.stdout;
}

try {
  await build();
} catch (error) {
  process.stderr.write(`build-node-image: ${error instanceof BuildError ? error.message : error.stack}\n`);
  process.exitCode = 1;
}

async function build() {
  const force = process.argv.includes('--force');
  for (const arg of process.argv.slice(2)) if (arg !== '--force') fail(`unknown option ${arg}; usage: node scripts/build-node-image.mjs [--force]`);

  // --- Preconditions, each with what to do -------------------------------------------------------
  const conventionsFile = path.join(root, 'dist/electron/runtime/containers/node-image.js');
  if (!existsSync(path.join(root, 'dist/electron/cli/main.js')) || !existsSync(conventionsFile)) {
    fail('the project is not built (dist/ is missing or stale): run `npm run build` (or `npx tsc -p tsconfig.build.json`) first');
  }
  if (spawnSync('podman', ['--version'], { encoding: 'utf8' }).status !== 0) {
    fail('podman is not installed: `apt-get install -y podman runc` (Debian), then run this again; with Docker, build the Dockerfile instead (see its header)');
  }
  if (spawnSync('ldd', ['--version'], { encoding: 'utf8' }).error) fail('ldd is missing (package libc-bin): it finds the shared libraries node needs');

  // The image's conventions come from the built runtime, so the image and the nodes that start it agree.
  const image = await import(pathToFileURL(conventionsFile).href);
  const labels = await import(pathToFileURL(path.join(root, 'dist/electron/runtime/containers/labels.js')).href);
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const tag = image.nodeImage(manifest.version);
  const latest = `${image.NODE_IMAGE_REPOSITORY}:latest`;
  const services = await image.splNodeServices();

  // --- What goes into the image: [path inside the image, file on this machine] -------------------
  /** @type {Map<string, string>} */
  const files = new Map();

  function walk(dir, keep = () => true) {
    const found = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (!keep(full, entry)) continue;
      if (entry.isDirectory()) found.push(...walk(full, keep));
      else if (entry.isFile()) found.push(full);
    }
    return found;
  }

  function addTree(from, to, keep) {
    for (const file of walk(from, keep)) files.set(path.posix.join(to, path.relative(from, file).split(path.sep).join('/')), file);
  }

  const app = image.APP_DIR;
  // The runtime and CLI only: the renderer and the desktop shell never run in a node.
  const distSkip = new Set([path.join(root, 'dist/renderer'), path.join(root, 'dist/electron/main')]);
  addTree(path.join(root, 'dist'), `${app}/dist`, (full, entry) => !distSkip.has(full) && (entry.isDirectory() || (full.endsWith('.js') && !full.endsWith('.d.js'))));
  addTree(path.join(root, 'bin'), `${app}/bin`);
  addTree(path.join(root, 'definitions'), `${app}/definitions`, (full) => !full.endsWith('.md'));
  addTree(path.join(root, 'assets/modules'), image.MODULES_DIR, (full) => !full.endsWith('.md'));
  files.set(`${app}/package.json`, path.join(root, 'package.json'));

  // Packages: the bare imports of the built runtime, then their production dependencies,
  // resolved the way Node resolves them (nearest node_modules upwards).
  const builtins = new Set(builtinModules);
  const roots = new Set();
  for (const [inside, file] of files) {
    if (!inside.startsWith(`${app}/dist/`)) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"./][^'"]*)['"]|\bimport\(\s*['"]([^'"./][^'"]*)['"]\s*\)/g)) {
      const specifier = match[1] ?? match[2];
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
      if (specifier.startsWith('node:') || builtins.has(name) || name === manifest.name) continue;
      roots.add(name);
    }
  }
  for (const name of roots) {
    if (!(name in (manifest.dependencies ?? {}))) fail(`the built runtime imports '${name}', which is not a production dependency in package.json: add it to "dependencies"`);
  }

  function resolvePackage(name, fromDir) {
    for (let dir = fromDir; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', name);
      if (existsSync(path.join(candidate, 'package.json'))) return candidate;
      if (dir === root || path.dirname(dir) === dir) return undefined;
    }
  }

  const packages = new Set();
  const pending = [...roots].map((name) => ({ name, from: root, optional: false }));
  while (pending.length > 0) {
    const { name, from, optional } = pending.pop();
    const dir = resolvePackage(name, from);
    if (!dir) {
      if (optional) continue;
      fail(`package ${name} (needed from ${path.relative(root, from) || 'the project'}) is not installed: run \`npm ci\``);
    }
    if (packages.has(dir)) continue;
    packages.add(dir);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(pkg.dependencies ?? {})) pending.push({ name: dep, from: dir, optional: false });
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) pending.push({ name: dep, from: dir, optional: true });
  }

  const nativeModules = [];
  for (const dir of packages) {
    const native = existsSync(path.join(dir, 'binding.gyp'));
    const keep = (full, entry) => {
      const rel = path.relative(dir, full).split(path.sep);
      if (rel[0] === 'node_modules') return false; // nested packages are copied as packages of their own
      if (/\.(d\.[cm]?ts|map|md)$/.test(full)) return false;
      // A native package needs its compiled module, not its sources or build tree.
      if (native && (rel[0] === 'deps' || rel[0] === 'src')) return false;
      if (native && rel[0] === 'build') return entry.isDirectory() ? rel.length === 1 || (rel.length === 2 && rel[1] === 'Release') : rel.length === 3 && rel[1] === 'Release' && full.endsWith('.node');
      return true;
    };
    const inside = `${app}/${path.relative(root, dir).split(path.sep).join('/')}`;
    addTree(dir, inside, keep);
    for (const [where, file] of files) if (where.startsWith(`${inside}/`) && file.endsWith('.node')) nativeModules.push(file);
  }

  // Node itself and the shared libraries it and the native modules load.
  const nodeBinary = realpathSync(process.execPath);
  files.set('/usr/local/bin/node', nodeBinary);
  for (const binary of [nodeBinary, ...nativeModules]) {
    for (const line of run('ldd', [binary]).split('\n')) {
      const match = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line);
      if (match) files.set(match[1], realpathSync(match[1]));
      else if (/not found/.test(line)) fail(`${binary} needs ${line.trim()}`);
    }
  }

  const passwd = 'root:x:0:0:root:/root:/usr/sbin/nologin\n';
  const group = 'root:x:0:\n';
  const changes = [
    `ENTRYPOINT ${JSON.stringify(image.NODE_ENTRYPOINT)}`,
    `CMD ${JSON.stringify(image.NODE_DEFAULT_COMMAND)}`,
    `WORKDIR ${app}`,
    // One variable per ENV: podman import reads the rest of the line as the value.
    'ENV PATH=/usr/local/bin:/usr/bin:/bin',
    'ENV HOME=/root',
    'ENV NODE_ENV=production',
    `EXPOSE ${image.DEFAULT_PORT}`,
    `LABEL ${labels.SERVICES_LABEL}=${labels.formatServices(services)}`,
  ];

  // --- The hash of the inputs: an unchanged build keeps the image it has --------------------------
  const hash = createHash('sha256');
  hash.update(JSON.stringify(changes)).update(passwd).update(group);
  for (const inside of [...files.keys()].sort()) {
    const file = files.get(inside);
    hash.update(`${inside}\0${statSync(file).mode & 0o111 ? 'x' : '-'}\0`).update(readFileSync(file)).update('\0');
  }
  const inputs = hash.digest('hex').slice(0, 32);

  function inspect(name, format) {
    const result = spawnSync('podman', ['image', 'inspect', '--format', format, name], { encoding: 'utf8' });
    return result.status === 0 ? result.stdout.trim() : undefined;
  }

  function report(what) {
    const size = Number(inspect(tag, '{{.Size}}'));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(`${tag} (also ${latest}): ${(size / 1e6).toFixed(0)} MB, ${what} in ${seconds} s, inputs ${inputs}\n`);
  }

  const previous = inspect(tag, '{{.Id}}');
  if (!force && previous && inspect(tag, `{{index .Labels "${labels.INPUTS_LABEL}"}}`) === inputs) {
    run('podman', ['tag', tag, latest]);
    report('unchanged, kept');
    return;
  }

  // --- Assemble the root filesystem, tar it, import it --------------------------------------------
  const rootfs = await mkdtemp(path.join(tmpdir(), 'spl-node-rootfs-'));
  try {
    for (const [inside, file] of files) {
      const target = path.join(rootfs, inside);
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(file, target);
      await chmod(target, statSync(file).mode & 0o111 ? 0o755 : 0o644);
    }
    for (const dir of ['tmp', 'root', image.DATA_DIR.slice(1)]) await mkdir(path.join(rootfs, dir), { recursive: true });
    await chmod(path.join(rootfs, 'tmp'), 0o1777);
    await mkdir(path.join(rootfs, 'etc'), { recursive: true });
    await writeFile(path.join(rootfs, 'etc/passwd'), passwd);
    await writeFile(path.join(rootfs, 'etc/group'), group);

    const id = await new Promise((resolve, reject) => {
      const tar = spawn('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', rootfs, '-cf', '-', '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
      const args = ['import', ...[...changes, `LABEL ${labels.INPUTS_LABEL}=${inputs}`].flatMap((c) => ['--change', c]), '--message', `spl-node ${manifest.version}`, '-', tag];
      const importer = spawn('podman', args, { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let errors = '';
      tar.stderr.on('data', (d) => (errors += d));
      importer.stdout.on('data', (d) => (out += d));
      importer.stderr.on('data', (d) => (errors += d));
      tar.stdout.pipe(importer.stdin);
      tar.on('error', reject);
      importer.on('error', reject);
      let tarStatus;
      tar.on('close', (code) => (tarStatus = code));
      importer.on('close', (code) => {
        if (code === 0 && tarStatus === 0) resolve(out.trim().split('\n').pop());
        else reject(new Error(`tar (exit ${tarStatus}) | podman import (exit ${code}) failed: ${errors.trim()}`));
      });
    }).catch((error) => fail(error.message));
    run('podman', ['tag', tag, latest]);
    // The image this replaced is now untagged: remove it unless a container still uses it.
    if (previous && !id.endsWith(previous.replace(/^sha256:/, '')) && !previous.endsWith(id)) {
      spawnSync('podman', ['rmi', previous], { encoding: 'utf8' });
    }
    report('built');
  } finally {
    await rm(rootfs, { recursive: true, force: true });
  }
}
