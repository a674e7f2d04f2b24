/**
 * The `spl` command as a user runs it: a real process, from the built package, as `npx spl`
 * runs it after `npm ci`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusAvailable, IDL_CORPUS, REPO_ROOT } from './support/corpus.js';
import { normalizeAvro } from './support/normalize-avro.js';

function spl(args: string[], cwd = REPO_ROOT) {
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/spl.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}


describe('spl', () => {
  it('--help lists the commands', () => {
    const { code, stdout } = spl(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/idl\s+compile Avro IDL/);
    expect(stdout).toMatch(/fmt\s+/);
    expect(stdout).toMatch(/check\s+/);
  });

  it('an unknown command or option is a usage error (exit 2)', () => {
    expect(spl(['frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown command 'frobnicate'") });
    expect(spl(['idl'])).toMatchObject({ code: 2, stderr: expect.stringContaining('which IDL file?') });
    expect(spl(['idl', 'x.avdl', '--frob'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --frob') });
  });

  it('idl names every mistake of a file, with its line, and writes nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spl-cli-'));
    writeFileSync(path.join(dir, 'orders.avdl'), [
      '@namespace("org.example")',
      'protocol Orders {',
      '  record Order {',
      '    Customer customer;',
      '    int quantity = "many";',
      '    long total',
      '  }',
      '}',
    ].join('\n'));
    const { code, stdout, stderr } = spl(['idl', 'orders.avdl', '--out', 'out.avpr'], dir);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      "orders.avdl:4:5: unknown type 'Customer' (looked for org.example.Customer; write the full name for a type in another namespace)",
      "orders.avdl:5:20: invalid default for field 'quantity' of Order: expected an int (a whole number), got \"many\"",
      "orders.avdl:6:15: expected ';' after the field, found '}'",
      '3 errors; nothing written.',
    ]);
    expect(() => readFileSync(path.join(dir, 'out.avpr'))).toThrow();
  });

  it('idl on a file that does not exist says so', () => {
    const { code, stderr } = spl(['idl', 'nowhere.avdl']);
    expect(code).toBe(1);
    expect(stderr).toContain('cannot read');
    expect(stderr).toContain('no such file');
  });

  describe.skipIf(!corpusAvailable)('on Apache Avro\'s corpus', () => {
    it('idl prints the protocol, as Avro\'s own compiler does', () => {
      const { code, stdout } = spl(['idl', path.join(IDL_CORPUS, 'input/simple.avdl')]);
      expect(code).toBe(0);
      const expected = JSON.parse(readFileSync(path.join(IDL_CORPUS, 'output/simple.avpr'), 'utf8'));
      expect(normalizeAvro(JSON.parse(stdout))).toEqual(normalizeAvro(expected));
    });

    it('idl --import-path finds imports as Java\'s classpath does; --out writes the file', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'spl-cli-'));
      const input = path.join(IDL_CORPUS, 'input/import.avdl');
      const missing = spl(['idl', input]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('cannot find imported file "OnTheClasspath.avdl"');
      const found = spl(['idl', input, '--import-path', path.join(IDL_CORPUS, 'putOnClassPath'), '--out', path.join(dir, 'import.avpr')]);
      expect(found).toMatchObject({ code: 0, stdout: '' });
      const expected = JSON.parse(readFileSync(path.join(IDL_CORPUS, 'output/import.avpr'), 'utf8'));
      expect(normalizeAvro(JSON.parse(readFileSync(path.join(dir, 'import.avpr'), 'utf8')))).toEqual(normalizeAvro(expected));
    });

    it('idl on a schema-syntax file prints the schema', () => {
      const { code, stdout } = spl(['idl', path.join(IDL_CORPUS, 'input/status_schema.avdl')]);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toEqual([{ type: 'enum', name: 'Status', namespace: 'system', symbols: ['UNKNOWN', 'NEW', 'STARTUP', 'RUNNING', 'TERMINATING', 'SHUTDOWN', 'CRASHED'], default: 'UNKNOWN' }]);
    });
  });
});
