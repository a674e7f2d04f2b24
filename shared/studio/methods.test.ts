/** Every way a call can be refused where it enters a host, and that good calls reach the API. */
import { describe, expect, it } from 'vitest';
import { StudioError } from './api.js';
import { createMemoryStudioApi } from './memory-api.js';
import { dispatch, MAX_TEXT_BYTES, STUDIO_METHODS, validateCall } from './methods.js';
import { compareWorkspacePaths, MAX_PATH_LENGTH, workspacePathProblem } from './workspace-path.js';

function refusal(method: unknown, args: unknown): StudioError {
  try {
    validateCall(method, args);
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('invalid-argument');
    return error as StudioError;
  }
  throw new Error(`expected ${String(method)} to be refused`);
}

describe('validateCall', () => {
  it('knows every method', () => {
    expect(STUDIO_METHODS).toEqual([
      'workspace.info', 'workspace.list', 'workspace.read', 'workspace.write', 'host.info',
      'connections.list', 'connections.save', 'connections.remove', 'cluster.nodes', 'describe.node', 'describe.modules',
      'call.send', 'call.cancel', 'history.list', 'history.clear',
    ]);
  });

  it('refuses unknown methods, including inherited property names', () => {
    expect(refusal('workspace.delete', []).message).toMatch(/^unknown method "workspace.delete"; the studio's methods are workspace.info, workspace.list, .*, history.clear$/);
    expect(refusal('toString', []).message).toContain('unknown method "toString"');
    expect(refusal('__proto__', []).message).toContain('unknown method "__proto__"');
    expect(refusal(42, []).message).toContain('unknown method 42');
  });

  it('refuses arguments that are not an array', () => {
    expect(refusal('workspace.info', {}).message).toBe('workspace.info: arguments must be an array, got an object');
    expect(refusal('workspace.info', undefined).message).toBe('workspace.info: arguments must be an array, got undefined');
  });

  it('refuses the wrong number of arguments', () => {
    expect(refusal('workspace.info', [1]).message).toBe('workspace.info: takes 0 arguments, got 1');
    expect(refusal('workspace.list', ['x']).message).toBe('workspace.list: takes 0 arguments, got 1');
    expect(refusal('host.info', [null]).message).toBe('host.info: takes 0 arguments, got 1');
    expect(refusal('workspace.read', []).message).toBe('workspace.read: takes 1 argument, got 0');
    expect(refusal('workspace.read', ['a', 'b']).message).toBe('workspace.read: takes 1 argument, got 2');
    expect(refusal('workspace.write', ['a']).message).toBe('workspace.write: takes 2 to 3 arguments, got 1');
    expect(refusal('workspace.write', ['a', 'b', {}, 4]).message).toBe('workspace.write: takes 2 to 3 arguments, got 4');
  });

  const badPaths: [unknown, string][] = [
    [5, 'it is not a string'],
    [null, 'it is not a string'],
    ['', 'it is empty'],
    ['a'.repeat(MAX_PATH_LENGTH + 1), `it is longer than ${MAX_PATH_LENGTH} characters`],
    ['a\0b', 'it contains a NUL character'],
    ['a\\b', 'it contains a backslash (use / between names)'],
    ['/etc/passwd', 'it is absolute'],
    ['C:/Windows', 'it starts with a drive letter'],
    ['c:x', 'it starts with a drive letter'],
    ['../secret', "it has a '..' segment"],
    ['a/../../b', "it has a '..' segment"],
    ['..', "it has a '..' segment"],
    ['./a', "it has a '.' segment"],
    ['a//b', 'it has an empty segment (a doubled or trailing /)'],
    ['a/', 'it has an empty segment (a doubled or trailing /)'],
  ];

  it.each(badPaths)('workspace.read refuses path %j: %s', (path, problem) => {
    const message = refusal('workspace.read', [path]).message;
    expect(message).toMatch(/^workspace\.read: path must be a relative workspace path, got /);
    expect(message.endsWith(`(${problem})`)).toBe(true);
  });

  it('workspace.write checks its path too, and says which method', () => {
    expect(refusal('workspace.write', ['../x', 'text']).message).toBe(
      'workspace.write: path must be a relative workspace path, got "../x" (it has a \'..\' segment)',
    );
  });

  it('shortens long values in messages', () => {
    const message = refusal('workspace.read', ['x'.repeat(2000)]).message;
    expect(message.length).toBeLessThan(200);
    expect(message).toContain('…');
  });

  it('accepts ordinary paths, including names with dots and spaces', () => {
    for (const path of ['a', 'definitions/spl.avdl', '.hidden/x', 'a..b/c', 'name with spaces.txt', 'ü/ñ', 'a'.repeat(MAX_PATH_LENGTH)]) {
      expect(workspacePathProblem(path)).toBeUndefined();
    }
  });

  it('refuses text that is not a string or too large', () => {
    expect(refusal('workspace.write', ['a', 5]).message).toBe('workspace.write: text must be a string, got 5');
    expect(refusal('workspace.write', ['a', null]).message).toBe('workspace.write: text must be a string, got null');
    expect(refusal('workspace.write', ['a', 'x'.repeat(MAX_TEXT_BYTES + 1)]).message).toBe('workspace.write: text is larger than 20 MB');
    // Within the limit in code units, beyond it in UTF-8 bytes.
    const wide = 'é'.repeat(MAX_TEXT_BYTES / 2 + 1);
    expect(refusal('workspace.write', ['a', wide]).message).toBe('workspace.write: text is larger than 20 MB');
    const pairs = '😀'.repeat(MAX_TEXT_BYTES / 4 + 1);
    expect(refusal('workspace.write', ['a', pairs]).message).toBe('workspace.write: text is larger than 20 MB');
    expect(validateCall('workspace.write', ['a', 'é'.repeat(MAX_TEXT_BYTES / 2)]).method).toBe('workspace.write');
    expect(validateCall('workspace.write', ['a', '😀'.repeat(MAX_TEXT_BYTES / 4)]).method).toBe('workspace.write');
  });

  it('checks the options object', () => {
    expect(refusal('workspace.write', ['a', '', null]).message).toBe('workspace.write: options must be an object, got null');
    expect(refusal('workspace.write', ['a', '', []]).message).toBe('workspace.write: options must be an object, got an array of 0');
    expect(refusal('workspace.write', ['a', '', 'v1']).message).toBe('workspace.write: options must be an object, got "v1"');
    expect(refusal('workspace.write', ['a', '', new Date()]).message).toBe('workspace.write: options must be an object, got an object');
    expect(refusal('workspace.write', ['a', '', { force: true }]).message).toBe(
      'workspace.write: unknown option "force"; the only option is expectedVersion',
    );
    expect(refusal('workspace.write', ['a', '', { expectedVersion: 5 }]).message).toBe(
      'workspace.write: options.expectedVersion must be a version string from read or write, got 5',
    );
    expect(refusal('workspace.write', ['a', '', { expectedVersion: '' }]).message).toContain('options.expectedVersion must be');
    expect(refusal('workspace.write', ['a', '', { expectedVersion: 'v'.repeat(300) }]).message).toContain('options.expectedVersion must be');
  });

  it('passes valid calls through, leaving absent options out', () => {
    expect(validateCall('workspace.write', ['a', 'text'])).toEqual({ method: 'workspace.write', args: ['a', 'text'] });
    expect(validateCall('workspace.write', ['a', 'text', undefined])).toEqual({ method: 'workspace.write', args: ['a', 'text'] });
    expect(validateCall('workspace.write', ['a', 'text', {}])).toEqual({ method: 'workspace.write', args: ['a', 'text', {}] });
    expect(validateCall('workspace.write', ['a', 'text', { expectedVersion: '1-2' }])).toEqual({
      method: 'workspace.write',
      args: ['a', 'text', { expectedVersion: '1-2' }],
    });
    expect(validateCall('workspace.write', ['a', 'text', Object.assign(Object.create(null), { expectedVersion: '1-2' })]).args).toHaveLength(3);
  });
});

describe('connections, nodes, calls and history', () => {
  const config = { id: 'staging', name: 'Staging', kind: 'node', url: 'http://127.0.0.1:7400' };

  it('accepts a well-formed connection, trimming the name, and secrets', () => {
    expect(validateCall('connections.save', [{ ...config, name: '  Staging ' }, { token: 't0k' }]).args).toEqual([{ ...config, name: 'Staging' }, { token: 't0k' }]);
    expect(validateCall('connections.save', [{ ...config, kind: 'etcd', url: 'http://127.0.0.1:2379' }]).args).toHaveLength(1);
    expect(validateCall('connections.save', [config, { token: null }]).args[1]).toEqual({ token: null });
    expect(validateCall('connections.save', [{ ...config, url: 'tcps://node.example:7401', caFile: 'ca.pem' }]).args[0]).toMatchObject({ caFile: 'ca.pem' });
  });

  const badConfigs: [string, unknown, string][] = [
    ['not an object', 'x', 'config must be an object, got "x"'],
    ['an unknown member', { ...config, token: 'secret' }, 'config has an unknown member "token"; it takes id, name, kind, url, caFile'],
    ['the local id', { ...config, id: 'local' }, "the local runtime's connection cannot be changed or removed"],
    ['a bad id', { ...config, id: 'Has Spaces' }, 'a connection id is 1 to 64 of a-z, 0-9, - and _, got "Has Spaces"'],
    ['a blank name', { ...config, name: '   ' }, 'config.name must not be blank'],
    ['an unknown kind', { ...config, kind: 'zookeeper' }, 'config.kind must be one of node, etcd, registry, got "zookeeper"'],
    ['no URL', { ...config, url: 'nowhere' }, 'config.url is not a URL: "nowhere"'],
    ['a tcp etcd', { ...config, kind: 'etcd', url: 'tcp://127.0.0.1:2379' }, 'an etcd connection\'s URL starts with http://, https://'],
    ['no port', { ...config, url: 'http://127.0.0.1' }, 'config.url must name a host and a port'],
    ['credentials in the URL', { ...config, url: 'http://me:pw@127.0.0.1:7400' }, 'put credentials in the token, not in config.url'],
    ['an empty CA file', { ...config, caFile: '' }, 'config.caFile must be a string of 1 to 2048 characters'],
  ];
  it.each(badConfigs)('connections.save refuses %s', (_, value, message) => {
    expect(refusal('connections.save', [value]).message).toContain(message);
  });

  it('refuses tokens that are not printable text and unknown secrets', () => {
    expect(refusal('connections.save', [config, { token: 'a\nb' }]).message).toContain('secrets.token must be non-empty printable text');
    expect(refusal('connections.save', [config, { token: 5 }]).message).toContain('secrets.token must be a string');
    expect(refusal('connections.save', [config, { password: 'x' }]).message).toContain('secrets has an unknown member "password"');
  });

  it('checks ids for remove, cluster and describe', () => {
    expect(refusal('connections.remove', ['local']).message).toContain("the local runtime's connection cannot be changed or removed");
    expect(validateCall('cluster.nodes', []).args).toEqual([]);
    expect(validateCall('cluster.nodes', ['local']).args).toEqual(['local']);
    expect(refusal('cluster.nodes', ['../x']).message).toContain('a connection id is');
    expect(refusal('describe.node', ['local']).message).toBe('describe.node: takes 2 arguments, got 1');
    expect(refusal('describe.modules', ['local', '']).message).toContain('nodeId must be a string of 1 to 256 characters');
  });

  const request = { callId: 'c1', connectionId: 'local', nodeId: 'n1', protocol: 'spl.execute.SPLExecuteService', message: 'execute', body: '{"request": {"module": "x", "id": 9007199254740993}}' };

  it('passes a call through with its body text untouched (longs stay exact)', () => {
    const [checked] = validateCall('call.send', [{ ...request, metadata: { trace: 'abc' }, deadlineMs: 5000 }]).args as [typeof request];
    expect(checked.body).toBe(request.body);
    expect(checked).toMatchObject({ metadata: { trace: 'abc' }, deadlineMs: 5000 });
  });

  const badRequests: [string, unknown, string][] = [
    ['a body that is not text', { ...request, body: { module: 'x' } }, 'request.body must be Avro JSON text, got an object'],
    ['a missing message', { ...request, message: undefined }, 'request.message must be a string'],
    ['an unknown member', { ...request, url: 'http://elsewhere' }, 'request has an unknown member "url"'],
    ['a long call id', { ...request, callId: 'x'.repeat(65) }, 'request.callId must be a string of 1 to 64 characters'],
    ['metadata that is not text', { ...request, metadata: { n: 1 } }, 'request.metadata["n"] must be a string, got 1'],
    ['an empty metadata key', { ...request, metadata: { '': 'x' } }, 'request.metadata keys are 1 to 256 characters'],
    ['a fractional deadline', { ...request, deadlineMs: 1.5 }, 'request.deadlineMs must be a whole number of milliseconds from 1 to 3600000, got 1.5'],
    ['a zero deadline', { ...request, deadlineMs: 0 }, 'request.deadlineMs must be a whole number'],
  ];
  it.each(badRequests)('call.send refuses %s', (_, value, message) => {
    expect(refusal('call.send', [value]).message).toContain(message);
  });

  it('refuses too much metadata', () => {
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v']));
    expect(refusal('call.send', [{ ...request, metadata: many }]).message).toContain('request.metadata has more than 64 entries');
    expect(refusal('call.send', [{ ...request, metadata: { big: 'x'.repeat(70_000) } }]).message).toContain('request.metadata is larger than 64 KiB');
  });

  it('checks history queries', () => {
    expect(validateCall('history.list', [{ text: 'execute', limit: 10 }]).args).toEqual([{ text: 'execute', limit: 10 }]);
    expect(refusal('history.list', [{ limit: 0 }]).message).toContain('query.limit must be a whole number from 1 to 1000, got 0');
    expect(refusal('history.list', [{ text: '' }]).message).toContain('query.text must be a string of 1 to 1000 characters');
    expect(refusal('history.list', [{ since: 1 }]).message).toContain('query has an unknown member "since"');
    expect(refusal('history.clear', [true]).message).toBe('history.clear: takes 0 arguments, got 1');
  });
});

describe('dispatch', () => {
  it('calls the API with the validated arguments', async () => {
    const api = createMemoryStudioApi({ 'a.avdl': 'protocol A {}' });
    expect(await dispatch(api, 'workspace.read', ['a.avdl'])).toMatchObject({ path: 'a.avdl', text: 'protocol A {}' });
    const { version } = (await dispatch(api, 'workspace.write', ['b/c.avdl', 'x'])) as { version: string };
    expect(await dispatch(api, 'workspace.list', [])).toEqual([
      { path: 'a.avdl', kind: 'file' },
      { path: 'b', kind: 'directory' },
      { path: 'b/c.avdl', kind: 'file' },
    ]);
    await expect(dispatch(api, 'workspace.write', ['b/c.avdl', 'y', { expectedVersion: 'old' }])).rejects.toMatchObject({ code: 'conflict' });
    await expect(dispatch(api, 'workspace.write', ['b/c.avdl', 'y', { expectedVersion: version }])).resolves.toHaveProperty('version');
    expect(await dispatch(api, 'host.info', [])).toEqual({ version: '0.0.0-memory' });
    expect(await dispatch(api, 'workspace.info', [])).toEqual({ name: 'memory', root: '/memory' });
  });

  it('refuses before calling', async () => {
    await expect(dispatch(createMemoryStudioApi(), 'workspace.read', ['../x'])).rejects.toMatchObject({ code: 'invalid-argument' });
  });
});

describe('compareWorkspacePaths', () => {
  it('sorts depth first: a folder\'s entries right after it', () => {
    const paths = ['a-c', 'a/b', 'a', 'B', 'a/b/c', 'a.txt'];
    expect(paths.sort(compareWorkspacePaths)).toEqual(['B', 'a', 'a/b', 'a/b/c', 'a-c', 'a.txt']);
  });
});
