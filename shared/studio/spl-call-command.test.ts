// Runs the commands through a real POSIX shell (/bin/sh) to prove the quoting gives back the
// exact arguments.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { compactJson, shellQuote, splCallCommand } from './spl-call-command.js';

/** The arguments `sh` hands to `spl` for a command line (NUL-separated, so newlines survive). */
function argumentsOf(command: string, env: Record<string, string> = {}): string[] {
  const script = `spl() { printf '%s\\0' "$@"; }\n${command}`;
  const out = execFileSync('sh', ['-c', script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('splCallCommand', () => {
  it('writes a plain call', () => {
    const command = splCallCommand({ url: 'http://127.0.0.1:4100', protocol: 'spl.execute.SPLExecuteService', message: 'listAvailableModules', body: '{}' });
    expect(command).toBe("spl call http://127.0.0.1:4100 spl.execute.SPLExecuteService.listAvailableModules '{}'");
    expect(argumentsOf(command)).toEqual(['call', 'http://127.0.0.1:4100', 'spl.execute.SPLExecuteService.listAvailableModules', '{}']);
  });

  it('compacts the body and keeps longs, strings and number spellings exact', () => {
    const body = '{\n  "id": 9223372036854775807,\n  "neg": -9007199254740993,\n  "x": 1.50e3,\n  "s": "a  b\\n \\"q\\" it\'s",\n  "u": {"string": "  "}\n}';
    const command = splCallCommand({ url: 'http://h:1', protocol: 'P', message: 'm', body });
    const args = argumentsOf(command);
    expect(args[3]).toBe('{"id":9223372036854775807,"neg":-9007199254740993,"x":1.50e3,"s":"a  b\\n \\"q\\" it\'s","u":{"string":"  "}}');
    expect(command).toContain(`it'\\''s`);
  });

  it('adds metadata, the deadline and the token variable, each surviving the shell', () => {
    const metadata = { trace: 'abc-123', 'x-note': "it's a $HOME `test` \\ *", multi: 'line1\nline2', empty: '', eq: 'a=b' };
    const command = splCallCommand({ url: 'https://node.example:4443/avro?x=1&y=2', protocol: 'SPLDataService', message: 'write', body: '{"request": {}}', metadata, deadlineMs: 5000, tokenEnv: 'SPL_TOKEN' });
    expect(command).toContain(`--timeout 5000 --token "$SPL_TOKEN"`);
    expect(argumentsOf(command, { SPL_TOKEN: 'se cret "$x"', HOME: '/home/nobody' })).toEqual([
      'call',
      'https://node.example:4443/avro?x=1&y=2',
      'SPLDataService.write',
      '{"request":{}}',
      '--meta', 'trace=abc-123',
      '--meta', "x-note=it's a $HOME `test` \\ *",
      '--meta', 'multi=line1\nline2',
      '--meta', 'empty=',
      '--meta', 'eq=a=b',
      '--timeout', '5000',
      '--token', 'se cret "$x"',
    ]);
  });

  it('passes a body that is not JSON as written, for spl call to report', () => {
    const command = splCallCommand({ url: 'http://h:1', protocol: 'P', message: 'm', body: '{"a": ' });
    expect(argumentsOf(command)[3]).toBe('{"a": ');
  });

  it('refuses what no command line can say', () => {
    const base = { url: 'http://h:1', protocol: 'P', message: 'm', body: '{}' };
    expect(() => splCallCommand({ ...base, metadata: { 'a=b': 'c' } })).toThrow(`Metadata key "a=b" cannot be written as --meta KEY=VALUE`);
    expect(() => splCallCommand({ ...base, deadlineMs: 1.5 })).toThrow('The deadline must be a positive whole number of milliseconds, not 1.5');
    expect(() => splCallCommand({ ...base, tokenEnv: 'SPL TOKEN; rm -rf /' })).toThrow('is not an environment variable name');
  });
});

describe('shellQuote and compactJson', () => {
  it('quotes only what needs it', () => {
    expect(shellQuote('abc/def:1')).toBe('abc/def:1');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('~user')).toBe("'~user'");
    expect(shellQuote("a'b")).toBe("'a'\\''b'");
    for (const arg of ['', ' ', "'", "''", '\\', '"', '$(id)', '*', '!', '\t\n', 'ünïcödé ✓', '#comment', '-n']) {
      expect(argumentsOf(`spl ${shellQuote(arg)}`)).toEqual([arg]);
    }
  });

  it('drops whitespace between tokens only', () => {
    expect(compactJson('\ufeff [ 1 , "a b" , { "k" : true } ]\n')).toBe('[1,"a b",{"k":true}]');
    expect(compactJson('"\\\\" ')).toBe('"\\\\"');
  });
});
