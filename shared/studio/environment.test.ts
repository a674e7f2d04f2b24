import { describe, expect, it } from 'vitest';
import { readEnvironments, substitute, writeEnvironments } from './environment.js';

describe('substitute', () => {
  it('replaces {{name}} with optional spaces, dotted and dashed names too', () => {
    expect(substitute('{"host": "{{host}}", "user": "{{ user.name }}", "x": "{{a-b}}"}', { host: 'h:1', 'user.name': 'ada', 'a-b': '2' })).toEqual({
      text: '{"host": "h:1", "user": "ada", "x": "2"}',
    });
    expect(substitute('no variables', {})).toEqual({ text: 'no variables' });
  });

  it('keeps \\{{ as a literal {{ and leaves other braces alone', () => {
    expect(substitute('\\{{host}} and {{host}}', { host: 'h' })).toEqual({ text: '{{host}} and h' });
    expect(substitute('{"a":{"b":{}}} {{ 1x }} {{}}', {})).toEqual({ text: '{"a":{"b":{}}} {{ 1x }} {{}}' });
  });

  it('inserts values literally, once (a value holding {{x}} is not expanded again)', () => {
    expect(substitute('{{a}}', { a: '{{b}}', b: 'no' })).toEqual({ text: '{{b}}' });
    expect(substitute('{{a}}', { a: '$& $1' })).toEqual({ text: '$& $1' });
  });

  it('names every unknown variable with its line and column', () => {
    const result = substitute('{\n  "host": "{{host}}",\n  "port": {{ port }}, "again": "{{host}}"\n}', { user: 'ada' });
    expect(result).toEqual({
      error: 'Unknown variables {{host}} at 2:12, {{port}} at 3:11, {{host}} at 3:33 (defined: user). Define them in the environment, or write \\{{ for a literal {{.',
    });
    expect(substitute('{{toString}}', {})).toEqual({ error: 'Unknown variable {{toString}} at 1:1 (no variables are defined). Define it in the environment, or write \\{{ for a literal {{.' });
  });
});

describe('readEnvironments', () => {
  it('reads the environments member', () => {
    const text = '{\n  "name": "W",\n  "environments": {\n    "dev": {"host": "127.0.0.1:4100"},\n    "prod": {}\n  }\n}\n';
    expect(readEnvironments(text)).toEqual({ environments: { dev: { host: '127.0.0.1:4100' }, prod: {} } });
  });

  it('has none for an empty file or a file without the member', () => {
    expect(readEnvironments('')).toEqual({ environments: {} });
    expect(readEnvironments('{"name": "W", "connections": []}')).toEqual({ environments: {} });
  });

  it('keeps what fits and says where the rest is', () => {
    const text = '{\n  "environments": {\n    "dev": {"host": "h", "port": 4100, "1bad": "x"},\n    "qa": []\n  }\n}';
    const { environments, error } = readEnvironments(text);
    expect(environments).toEqual({ dev: { host: 'h' } });
    expect(error).toBe([
      'spl-workspace.json:3:34: environments.dev.port: expected a string, got 4100 (write "4100")',
      'spl-workspace.json:3:48: environments.dev["1bad"]: "1bad" is not a variable name (a letter or _, then letters, digits, _ . -)',
      'spl-workspace.json:4:11: environments.qa: expected an object of variables ({"host": "..."}), got an array',
    ].join('\n'));
  });

  it('reports broken JSON with its position', () => {
    expect(readEnvironments('{\n  "environments": {,}\n}')).toEqual({ environments: {}, error: "spl-workspace.json:2:20: invalid JSON: expected a member name in double quotes, found ','" });
    expect(readEnvironments('[]').error).toBe("spl-workspace.json:1:1: expected a JSON object with the workspace's settings");
    expect(readEnvironments('{"environments": 3}').error).toContain('spl-workspace.json:1:18: environments: expected an object of environments');
  });
});

describe('writeEnvironments', () => {
  const envs = { dev: { host: '127.0.0.1:4100', user: 'ada' }, prod: {} };

  it('replaces the member in place and keeps every other byte', () => {
    const text = '{\n  "name": "W",\n  "environments": {"old": {}},\n  "connections": [ {"id": "a", "n": 9007199254740993} ]\n}\n';
    const out = writeEnvironments(text, envs);
    expect(out).toBe(
      '{\n  "name": "W",\n  "environments": {\n    "dev": {\n      "host": "127.0.0.1:4100",\n      "user": "ada"\n    },\n    "prod": {}\n  },\n  "connections": [ {"id": "a", "n": 9007199254740993} ]\n}\n',
    );
    expect(readEnvironments(out)).toEqual({ environments: envs });
  });

  it('adds the member after the last one', () => {
    const text = '{\n  "name": "W",\n  "connections": []\n}\n';
    expect(writeEnvironments(text, { dev: { a: '1' } })).toBe('{\n  "name": "W",\n  "connections": [],\n  "environments": {\n    "dev": {\n      "a": "1"\n    }\n  }\n}\n');
  });

  it('writes into empty objects and empty files', () => {
    expect(writeEnvironments('', { dev: {} })).toBe('{\n  "environments": {\n    "dev": {}\n  }\n}\n');
    expect(writeEnvironments('{}\n', {})).toBe('{\n  "environments": {}\n}\n');
  });

  it('keeps Windows line endings', () => {
    const out = writeEnvironments('{\r\n  "name": "W"\r\n}\r\n', { dev: { a: '1' } });
    expect(out).toBe('{\r\n  "name": "W",\r\n  "environments": {\r\n    "dev": {\r\n      "a": "1"\r\n    }\r\n  }\r\n}\r\n');
  });

  it('refuses to write into broken settings', () => {
    expect(() => writeEnvironments('{"name": ', {})).toThrow('Cannot save the environments: spl-workspace.json:1:10: invalid JSON');
    expect(() => writeEnvironments('[1]', {})).toThrow('the settings are not a JSON object');
  });
});
