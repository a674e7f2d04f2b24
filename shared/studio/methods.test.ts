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
      'containers.list', 'containers.start', 'containers.stop',
      'pipelines.list', 'pipelines.get', 'pipelines.register', 'pipelines.run', 'pipelines.cancel',
    ]);
  });

  it('refuses unknown methods, including inherited property names', () => {
    expect(refusal('workspace.delete', []).message).toMatch(/^unknown method "workspace.delete"; the studio's methods are workspace.info, workspace.list, .*, pipelines.cancel$/);
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

describe('containers', () => {
  it('checks the node of list, start and stop, and how many arguments each takes', () => {
    expect(validateCall('containers.list', ['local', 'n1']).args).toEqual(['local', 'n1']);
    expect(refusal('containers.list', ['local']).message).toBe('containers.list: takes 2 arguments, got 1');
    expect(refusal('containers.list', ['local', 'n1', 'extra']).message).toBe('containers.list: takes 2 arguments, got 3');
    expect(refusal('containers.list', ['Not An Id', 'n1']).message).toContain('containers.list: a connection id is 1 to 64 of a-z, 0-9, - and _, got "Not An Id"');
    expect(refusal('containers.list', ['local', '']).message).toContain('containers.list: nodeId must be a string of 1 to 256 characters, got ""');
    expect(refusal('containers.start', ['local', 'n1', 'localhost/spl-node:0.1.0']).message).toBe('containers.start: takes 4 arguments, got 3');
    expect(refusal('containers.start', ['local', 'n1', 'localhost/spl-node:0.1.0', {}, {}]).message).toBe('containers.start: takes 4 arguments, got 5');
    expect(refusal('containers.start', ['local', 7, 'localhost/spl-node:0.1.0', {}]).message).toContain('containers.start: nodeId must be a string of 1 to 256 characters, got 7');
    expect(validateCall('containers.stop', ['local', 'n1', 'spl-0123']).args).toEqual(['local', 'n1', 'spl-0123']);
    expect(refusal('containers.stop', ['local', 'n1']).message).toBe('containers.stop: takes 3 arguments, got 2');
    expect(refusal('containers.stop', ['../x', 'n1', 'spl-0123']).message).toContain('containers.stop: a connection id is 1 to 64 of a-z, 0-9, - and _, got "../x"');
    expect(refusal('containers.stop', ['local', 'n1', '']).message).toContain('containers.stop: containerId must be a string of 1 to 256 characters, got ""');
    expect(refusal('containers.stop', ['local', 'n1', 'c'.repeat(257)]).message).toContain('containerId must be a string of 1 to 256 characters');
  });

  it('passes the image and the config map of start through, and refuses others', () => {
    const config = { name: 'ml-1', port: '7410', 'env.LOG_LEVEL': 'debug' };
    expect(validateCall('containers.start', ['local', 'n1', 'localhost/spl-node:0.1.0', config]).args).toEqual(['local', 'n1', 'localhost/spl-node:0.1.0', config]);
    expect(validateCall('containers.start', ['local', 'n1', 'localhost/spl-node:0.1.0', {}]).args[3]).toEqual({});
    // The node checks what an image reference and a config key may be: it knows its engine.
    expect(refusal('containers.start', ['local', 'n1', '', {}]).message).toContain('containers.start: image must be a string of 1 to 512 characters, got ""');
    expect(refusal('containers.start', ['local', 'n1', 'i'.repeat(513), {}]).message).toContain('image must be a string of 1 to 512 characters');
    expect(refusal('containers.start', ['local', 'n1', { name: 'x' }, {}]).message).toContain('image must be a string of 1 to 512 characters, got an object');
    expect(refusal('containers.start', ['local', 'n1', 'x', null]).message).toBe('containers.start: config must be an object, got null');
    expect(refusal('containers.start', ['local', 'n1', 'x', ['name=ml-1']]).message).toBe('containers.start: config must be an object, got an array of 1');
    expect(refusal('containers.start', ['local', 'n1', 'x', { port: 7410 }]).message).toBe('containers.start: config["port"] must be a string, got 7410');
    expect(refusal('containers.start', ['local', 'n1', 'x', { '': 'y' }]).message).toBe('containers.start: config keys are 1 to 256 characters, got ""');
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`env.V${i}`, 'x']));
    expect(refusal('containers.start', ['local', 'n1', 'x', many]).message).toBe('containers.start: config has more than 64 entries');
    expect(refusal('containers.start', ['local', 'n1', 'x', { 'env.BIG': 'x'.repeat(64 * 1024) }]).message).toBe('containers.start: config is larger than 64 KiB');
  });
});

describe('pipelines', () => {
  it('checks the node and the name of list, get and register', () => {
    expect(validateCall('pipelines.list', ['local', 'n1']).args).toEqual(['local', 'n1']);
    expect(refusal('pipelines.list', ['local']).message).toBe('pipelines.list: takes 2 arguments, got 1');
    expect(refusal('pipelines.list', ['Not An Id', 'n1']).message).toContain('pipelines.list: a connection id is 1 to 64 of a-z, 0-9, - and _, got "Not An Id"');
    expect(validateCall('pipelines.get', ['local', 'n1', 'word-stats']).args).toEqual(['local', 'n1', 'word-stats']);
    expect(refusal('pipelines.get', ['local', 'n1']).message).toBe('pipelines.get: takes 3 arguments, got 2');
    expect(refusal('pipelines.get', ['local', '', 'word-stats']).message).toContain('pipelines.get: nodeId must be a string of 1 to 256 characters');
    expect(refusal('pipelines.get', ['local', 'n1', '']).message).toContain('pipelines.get: name must be a string of 1 to 200 characters, got ""');
    expect(refusal('pipelines.get', ['local', 'n1', 'x'.repeat(201)]).message).toContain('name must be a string of 1 to 200 characters');
  });

  it('passes a definition to register as text, untouched, and refuses anything else', () => {
    const definition = '{"name": "p", "stages": [{"module": "m", "configuration": {"n": "9007199254740993"}}]}';
    expect(validateCall('pipelines.register', ['local', 'n1', definition]).args[2]).toBe(definition);
    expect(refusal('pipelines.register', ['local', 'n1', { name: 'p' }]).message).toBe('pipelines.register: definition must be Avro JSON text, got an object');
    expect(refusal('pipelines.register', ['local', 'n1']).message).toBe('pipelines.register: takes 3 arguments, got 2');
  });

  const run = {
    runId: 'r1',
    connectionId: 'local',
    nodeId: 'n1',
    definition: '{"name": "p", "stages": [{"module": "tools/debug/echo"}]}',
    input: '{"spl.common.Payload": {"schema": {"name": {"string": "spl.samples.EchoValue"}}, "value": "\\u0012"}}',
  };

  it('passes a run request through with its texts untouched (longs stay exact)', () => {
    const pin = '{"status": "DATA", "headers": {"n": "1"}, "value": {"long": 9007199254740993}}';
    const full = { ...run, context: { trace: 't1' }, pins: { 0: pin, 12: pin }, deadlineMs: 60_000 };
    const [checked] = validateCall('pipelines.run', [full]).args as [typeof full];
    expect(checked).toEqual(full);
    expect(checked.pins[0]).toBe(pin);
    expect(checked.input).toBe(run.input);
    expect(validateCall('pipelines.run', [run]).args).toEqual([run]);
  });

  const badRuns: [string, unknown, string][] = [
    ['not an object', 'r1', 'pipelines.run: request must be an object, got "r1"'],
    ['an unknown member', { ...run, stages: [] }, 'request has an unknown member "stages"; it takes runId, connectionId, nodeId, definition, input, context, pins, deadlineMs'],
    ['no run id', { ...run, runId: undefined }, 'request.runId must be a string of 1 to 64 characters, got undefined'],
    ['a long run id', { ...run, runId: 'r'.repeat(65) }, 'request.runId must be a string of 1 to 64 characters'],
    ['a bad connection id', { ...run, connectionId: '../x' }, 'a connection id is 1 to 64 of a-z, 0-9, - and _, got "../x"'],
    ['no node', { ...run, nodeId: '' }, 'request.nodeId must be a string of 1 to 256 characters'],
    ['a definition that is not text', { ...run, definition: { name: 'p' } }, 'request.definition must be Avro JSON text, got an object'],
    ['an input that is not text', { ...run, input: null }, 'request.input must be Avro JSON text, got null'],
    ['a context value that is not text', { ...run, context: { n: 1 } }, 'request.context["n"] must be a string, got 1'],
    ['pins that are not an object', { ...run, pins: ['{}'] }, 'request.pins must be an object, got an array of 1'],
    ['a pin keyed by a name', { ...run, pins: { first: '{}' } }, 'request.pins are keyed by stage index (0, 1, …), got "first"'],
    ['a pin keyed with a leading zero', { ...run, pins: { '01': '{}' } }, 'request.pins are keyed by stage index (0, 1, …), got "01"'],
    ['a pin keyed by a negative index', { ...run, pins: { '-1': '{}' } }, 'got "-1"'],
    ['a pin that is not text', { ...run, pins: { 1: { status: 'DATA' } } }, 'request.pins[1] must be Avro JSON text, got an object'],
    ['a zero deadline', { ...run, deadlineMs: 0 }, 'request.deadlineMs must be a whole number of milliseconds from 1 to 3600000, got 0'],
    ['a fractional deadline', { ...run, deadlineMs: 2.5 }, 'request.deadlineMs must be a whole number of milliseconds from 1 to 3600000, got 2.5'],
    ['a deadline past an hour', { ...run, deadlineMs: 3_600_001 }, 'got 3600001'],
  ];
  it.each(badRuns)('pipelines.run refuses %s', (_, value, message) => {
    expect(refusal('pipelines.run', [value]).message).toContain(message);
  });

  it('refuses the wrong number of run arguments and bad run ids to cancel', () => {
    expect(refusal('pipelines.run', []).message).toBe('pipelines.run: takes 1 argument, got 0');
    expect(refusal('pipelines.run', [run, run]).message).toBe('pipelines.run: takes 1 argument, got 2');
    expect(validateCall('pipelines.cancel', ['r1']).args).toEqual(['r1']);
    expect(refusal('pipelines.cancel', []).message).toBe('pipelines.cancel: takes 1 argument, got 0');
    expect(refusal('pipelines.cancel', ['']).message).toContain('pipelines.cancel: runId must be a string of 1 to 64 characters, got ""');
    expect(refusal('pipelines.cancel', [7]).message).toContain('runId must be a string of 1 to 64 characters, got 7');
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
