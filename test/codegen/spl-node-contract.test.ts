/**
 * The built-in SPL services must keep their contracts: `spl contract-test` against `spl node`, both
 * as processes, as a user runs them. Which protocols to expect is read from the node's own
 * `serving ...` line, and options from its usage, so this follows the node as it grows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/corpus.js';
import { run, start, waitFor, type Running } from '../support/processes.js';

const SPL = path.join(REPO_ROOT, 'bin/spl.js');
const spl = (...args: string[]) => run(process.execPath, [SPL, ...args], REPO_ROOT, 240_000);

describe('spl contract-test against spl node', () => {
  let node: Running;
  let dataDir: string;
  let http: string;
  let tcp: string;
  let served: string[];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'spl-contract-node-'));
    const help = await spl('node', '--help');
    // A node that keeps data keeps it in a fresh directory, never the user's default one.
    const data = help.stdout.includes('--data') ? ['--data', dataDir] : [];
    node = start(process.execPath, [SPL, 'node', '--http', '0', '--tcp', '0', '--id', 'contract-node', ...data], REPO_ROOT);
    const out = await waitFor(node, (o) => /^serving .+$/m.test(o), 30_000);
    http = /^http (\S+)$/m.exec(out)![1];
    tcp = /^tcp (\S+)$/m.exec(out)![1];
    served = /^serving (.+)$/m.exec(out)![1].split(', ');
  }, 60_000);
  afterAll(() => {
    node?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('passes every SPL protocol the node serves, over HTTP', async () => {
    expect(served).toContain('spl.execute.SPLExecuteService');
    const result = await spl('contract-test', http, '--timeout', '30000');
    expect(result.stderr).toBe('');
    for (const protocol of served.filter((p) => p.startsWith('spl.'))) expect(result.stdout).toContain(`${protocol} at ${http}`);
    expect(result.stdout).toMatch(/\nPASS: \d+ protocols?, \d+ messages?, \d+ requests: .*, 0 violations\n$/);
    expect(result.code).toBe(0);
  }, 240_000);

  it('passes SPLExecuteService named, over TCP', async () => {
    const result = await spl('contract-test', tcp, 'SPLExecuteService', '--timeout', '30000');
    expect(result.stdout).toContain('spl.execute.SPLExecuteService at tcp://');
    expect(result.stdout).toMatch(/ {2}listAvailableModules\s+1\s+1\s+0\s+0\n/);
    expect(result.code).toBe(0);
  }, 240_000);
});
