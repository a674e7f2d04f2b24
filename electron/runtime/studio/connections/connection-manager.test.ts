/**
 * The connection manager against real nodes on loopback (in this process, over their sockets):
 * lone nodes over HTTP and TCP with drift against an edited workspace, tokens, a node that goes
 * away and comes back, Avro servers that are not SPL nodes, spl-workspace.json and the secrets
 * file, outside edits, removal, modules, the local runtime and call targets.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import avsc from 'avsc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProtocolJson } from '../../../../shared/avro/schema-reader.js';
import { StudioError, type ClusterNode } from '../../../../shared/studio/api.js';
import { startNode, type RunningNode } from '../../node.js';
import type { Listening } from '../../rpc/http.js';
import { ProtocolCodec } from '../../rpc/protocol-codec.js';
import { RpcServer } from '../../rpc/server.js';
import { serveTcp } from '../../rpc/tcp.js';
import { SECRETS_FILE } from '../user-data.js';
import { openHarness, rejection, statusOf, until, type Harness } from './test-support.js';

const GREETER = { protocol: 'Greeter', namespace: 'org.example', messages: { hello: { request: [{ name: 'name', type: 'string' }], response: 'string' } } };
const COUNTER = { protocol: 'Counter', namespace: 'org.example', messages: { add: { request: [{ name: 'a', type: 'int' }, { name: 'b', type: 'int' }], response: 'int' } } };

/** The workspace's SPLExecuteService: one message more, and one message's doc changed. */
const EDIT_EXECUTE = (text: string) =>
  text
    .replace('/** The paths of every module this node can execute, sorted. */', '/** Every module path, sorted (edited in the workspace). */')
    .replace(/\}\s*$/, '  /** Only in the workspace. */\n  string ping();\n}\n');

describe('ConnectionManager with lone nodes', () => {
  let h: Harness;
  let a: RunningNode;
  let guarded: RunningNode;
  let local: RunningNode;
  let avscHttp: http.Server;
  let avscUrl: string;
  let counter: Listening;

  beforeAll(async () => {
    const data = (id: string) => path.join(h.dir, 'data', id);
    h = await openHarness({
      edit: { 'spl-execute.avdl': EDIT_EXECUTE },
      workspaceJson: '{\n  "name": "Test workspace",\n  "connections": [],\n  "environments": {"dev": {"base": "x"}}\n}\n',
    });
    a = await startNode({ nodeId: 'a', httpPort: 0, tcpPort: 0, dataDir: data('a'), moduleDirs: ['assets/modules'], watchModules: false });
    guarded = await startNode({ nodeId: 'guarded', httpPort: 0, tcpPort: 0, dataDir: data('guarded'), token: 'open-sesame', watchModules: false });
    local = await startNode({ nodeId: 'studio-local', httpPort: 0, dataDir: data('local'), watchModules: false });

    // An Avro server that is not an SPL node: avsc's Service over HTTP.
    const service = avsc.Service.forProtocol(GREETER as unknown as Parameters<typeof avsc.Service.forProtocol>[0]);
    const server = service.createServer({ silent: true } as Parameters<typeof service.createServer>[0]).onMessage('hello', (req: { name: string }, cb: (err: unknown, res?: unknown) => void) => cb(null, `hello, ${req.name}`));
    avscHttp = http.createServer((req, res) => {
      const transport = (cb: (err: unknown, res: http.ServerResponse) => void) => {
        cb(null, res);
        return req;
      };
      server.createChannel(transport as unknown as Parameters<typeof server.createChannel>[0]);
    });
    await new Promise<void>((resolve) => avscHttp.listen(0, '127.0.0.1', resolve));
    avscUrl = `http://127.0.0.1:${(avscHttp.address() as net.AddressInfo).port}`;

    // And our own engine serving one protocol of its own, over TCP.
    const rpc = new RpcServer();
    rpc.addService(readProtocolJson(JSON.stringify(COUNTER), { file: 'counter.avpr' }), { add: ({ a: x, b: y }) => (x as number) + (y as number) });
    counter = await serveTcp(rpc, { port: 0 });
  });

  afterAll(async () => {
    await h?.close();
    await Promise.all([a, guarded, local].map((n) => n?.close()));
    await new Promise((resolve) => avscHttp?.close(resolve));
    await counter?.close();
  });

  const nodeOf = async (connectionId: string): Promise<ClusterNode | undefined> => (await h.manager.api.cluster.nodes(connectionId))[0];

  it('shows a lone node over HTTP and over TCP, its protocols compared with the workspace', async () => {
    const saved = await h.manager.api.connections.save({ id: 'a-http', name: 'Node A', kind: 'node', url: a.http!.url });
    expect(saved).toMatchObject({ id: 'a-http', name: 'Node A', kind: 'node', url: a.http!.url, hasToken: false });
    await h.manager.api.connections.save({ id: 'a-tcp', name: 'Node A over TCP', kind: 'node', url: a.tcp!.url });
    for (const [id, url] of [['a-http', a.http!.url], ['a-tcp', a.tcp!.url]]) {
      const node = await until(`node a on ${id}`, async () => (await nodeOf(id))?.health === 'up' && nodeOf(id));
      expect(node).toMatchObject({ connectionId: id, nodeId: 'a', endpoint: url, health: 'up' });
      expect(node!.availableModules).toContain('tools/text/uppercase');
      expect(node!.protocols).toEqual(a.server.protocols.map((p) => ({ name: p.fullName, md5: p.hashKey })));
      expect(node!.drift).toEqual({
        'spl.execute.SPLExecuteService': 'differs',
        'spl.data.SPLDataService': 'same',
        'spl.pipeline.SPLPipelineService': 'same',
        'spl.container.SPLContainerService': 'same',
        'spl.node.SPLNodeService': 'same',
      });
      expect(await statusOf(h.manager, id)).toMatchObject({ state: 'connected' });
    }
    expect(h.connectionEvents.length).toBeGreaterThanOrEqual(2);
    expect(h.clusterEvents.some((e) => e.connectionId === 'a-http' && e.nodes[0]?.health === 'up')).toBe(true);
  });

  it('describes a node: each protocol as the node sent it, and why the edited one differs, message by message', async () => {
    for (const id of ['a-http', 'a-tcp']) {
      const description = await h.manager.api.describe.node(id, 'a');
      expect(description.nodeId).toBe('a');
      const byName = new Map(description.protocols.map((p) => [p.name, p]));
      const served = a.server.protocols.find((p) => p.fullName === 'spl.node.SPLNodeService')!;
      expect(byName.get('spl.node.SPLNodeService')).toEqual({ name: 'spl.node.SPLNodeService', md5: served.hashKey, text: served.text, drift: 'same', definitionFile: 'definitions/spl-node.avdl' });
      const execute = byName.get('spl.execute.SPLExecuteService')!;
      expect(execute).toMatchObject({ drift: 'differs', definitionFile: 'definitions/spl-execute.avdl' });
      expect(ProtocolCodec.fromText(execute.text).hashKey).toBe(execute.md5);
      expect(execute.messages).toEqual([
        { message: 'execute', status: 'same', reasons: [] },
        { message: 'listAvailableModules', status: 'compatible', reasons: [] },
        { message: 'getModuleSchema', status: 'same', reasons: [] },
        { message: 'getSchemaByFingerprint', status: 'same', reasons: [] },
        { message: 'describeModule', status: 'same', reasons: [] },
        { message: 'ping', status: 'removed', reasons: [expect.stringContaining("the node has no message 'ping'")] },
      ]);
    }
  });

  it('recomputes drift when the workspace\'s definitions change', async () => {
    const file = path.join(h.workspaceDir, 'definitions/spl-execute.avdl');
    const edited = await fs.readFile(file, 'utf8');
    // Back to the node's own text: now the same.
    await fs.writeFile(file, edited.replace('/** Every module path, sorted (edited in the workspace). */', '/** The paths of every module this node can execute, sorted. */').replace('  /** Only in the workspace. */\n  string ping();\n', ''));
    h.manager.workspaceChanged('definitions/spl-execute.avdl');
    await until('drift back to same', async () => (await nodeOf('a-http'))?.drift['spl.execute.SPLExecuteService'] === 'same');
    expect(h.clusterEvents.at(-1)?.nodes[0]?.drift['spl.execute.SPLExecuteService']).toBeDefined();
    await fs.writeFile(file, edited);
    h.manager.workspaceChanged('definitions/spl-execute.avdl');
    await until('drift differs again', async () => (await nodeOf('a-http'))?.drift['spl.execute.SPLExecuteService'] === 'differs');
  });

  it('lists a node\'s modules with their schemas, a few requests at a time', async () => {
    const modules = await h.manager.api.describe.modules('a-tcp', 'a');
    expect(modules.map((m) => m.module)).toEqual([...a.core.modules.list().map((m) => m.uri)].sort());
    const upper = modules.find((m) => m.module === 'tools/text/uppercase')!;
    expect(upper.inputSchema).toBeTruthy();
    expect(JSON.parse(upper.inputSchemaText!)).toMatchObject({ type: 'record' });
    expect(upper.outputSchemaText).toBeTruthy();
    const count = modules.find((m) => m.module === 'apps/analytics/count-words')!;
    expect(count).toMatchObject({ description: expect.any(String), inputSchema: expect.any(String), outputSchema: expect.any(String) });
  });

  it('needs the token of a node started with one, and keeps it out of the workspace', async () => {
    await h.manager.api.connections.save({ id: 'guarded', name: 'Guarded', kind: 'node', url: guarded.http!.url });
    await h.manager.api.connections.save({ id: 'guarded-tcp', name: 'Guarded TCP', kind: 'node', url: guarded.tcp!.url });
    for (const id of ['guarded', 'guarded-tcp']) {
      const status = await until(`${id} refused`, async () => (await statusOf(h.manager, id))?.state === 'error' && statusOf(h.manager, id));
      expect(status!.error).toMatch(id === 'guarded' ? /refused the studio: .*token.*set its token/ : /closed the connection without answering.*If the node needs a token, edit the connection and set its token/);
      expect((await nodeOf(id))).toMatchObject({ health: 'unreachable', healthError: status!.error });
    }
    const error = await rejection(h.manager.api.describe.node('guarded', (await nodeOf('guarded'))!.nodeId));
    expect(error).toMatchObject({ code: 'unauthorized' });

    for (const id of ['guarded', 'guarded-tcp']) {
      const url = id === 'guarded' ? guarded.http!.url : guarded.tcp!.url;
      const saved = await h.manager.api.connections.save({ id, name: 'Guarded', kind: 'node', url }, { token: 'open-sesame' });
      expect(saved.hasToken).toBe(true);
      await until(`${id} with its token`, async () => (await nodeOf(id))?.health === 'up');
      expect(await statusOf(h.manager, id)).toMatchObject({ state: 'connected', hasToken: true });
    }
    expect((await h.manager.api.describe.node('guarded-tcp', 'guarded')).protocols.length).toBe(5);

    const workspaceText = await fs.readFile(path.join(h.workspaceDir, 'spl-workspace.json'), 'utf8');
    expect(workspaceText).not.toContain('open-sesame');
    const secretsFile = path.join(h.userDir, SECRETS_FILE);
    expect((await fs.stat(secretsFile)).mode & 0o777).toBe(0o600);
    expect(h.secrets.get(h.workspace.realRoot, 'guarded')).toBe('open-sesame');

    // Saving with token null forgets it.
    await h.manager.api.connections.save({ id: 'guarded-tcp', name: 'Guarded TCP', kind: 'node', url: guarded.tcp!.url }, { token: null });
    expect(h.secrets.get(h.workspace.realRoot, 'guarded-tcp')).toBeUndefined();
    expect(await statusOf(h.manager, 'guarded-tcp')).toMatchObject({ hasToken: false });
  });

  it('keeps the workspace file\'s other keys and formatting, and saves in order', async () => {
    const text = await fs.readFile(path.join(h.workspaceDir, 'spl-workspace.json'), 'utf8');
    const json = JSON.parse(text) as { name: string; connections: { id: string }[]; environments: unknown };
    expect(json.name).toBe('Test workspace');
    expect(json.environments).toEqual({ dev: { base: 'x' } });
    expect(json.connections.map((c) => c.id)).toEqual(['a-http', 'a-tcp', 'guarded', 'guarded-tcp']);
    expect(text).toBe(JSON.stringify(json, null, 2) + '\n');
    expect((await h.manager.api.connections.list()).map((c) => c.id)).toEqual(['a-http', 'a-tcp', 'guarded', 'guarded-tcp']);
  });

  it('reaches Avro servers that are not SPL nodes through the handshake', async () => {
    await h.manager.api.connections.save({ id: 'greeter', name: 'avsc greeter', kind: 'node', url: avscUrl });
    await h.manager.api.connections.save({ id: 'counter', name: 'Counter', kind: 'node', url: counter.url });
    for (const [id, url, name] of [['greeter', avscUrl, 'org.example.Greeter'], ['counter', counter.url, 'org.example.Counter']]) {
      const node = await until(`${id} through the handshake`, async () => (await nodeOf(id))?.health === 'up' && nodeOf(id));
      expect(node).toMatchObject({ nodeId: url, endpoint: url, availableModules: [], protocols: [{ name, md5: expect.stringMatching(/^[0-9a-f]{32}$/) }], drift: { [name]: 'not-in-workspace' } });
      const description = await h.manager.api.describe.node(id, url);
      expect(description.protocols).toEqual([{ name, md5: node!.protocols[0].md5, text: expect.any(String), drift: 'not-in-workspace' }]);
      expect(JSON.parse(description.protocols[0].text)).toMatchObject({ protocol: name.split('.').at(-1) });
      // Nothing to execute on them.
      expect(await h.manager.api.describe.modules(id, url)).toEqual([]);
      // The call service gets the protocol from the same cache.
      const target = await h.manager.resolveTarget(id, url);
      expect(target).toMatchObject({ connectionName: id === 'greeter' ? 'avsc greeter' : 'Counter', endpoint: url });
      expect((await target.protocol(name)).hashKey).toBe(node!.protocols[0].md5);
      expect(await rejection(target.protocol('spl.execute.SPLExecuteService'))).toMatchObject({ code: 'not-found', message: expect.stringContaining(`does not serve spl.execute.SPLExecuteService; it serves ${name}`) });
    }
  });

  it('marks a node that stops answering unreachable, says what to check, and recovers when it is back', async () => {
    const dataDir = path.join(h.dir, 'data', 'b');
    let b = await startNode({ nodeId: 'b', httpPort: 0, dataDir, watchModules: false });
    const url = b.http!.url;
    const bPort = b.http!.port;
    await h.manager.api.connections.save({ id: 'b', name: 'Node B', kind: 'node', url });
    await until('b up', async () => (await nodeOf('b'))?.health === 'up');
    await b.close();
    const down = await until('b unreachable', async () => (await nodeOf('b'))?.health === 'unreachable' && nodeOf('b'));
    // Still listed by its id, with what is known of it.
    expect(down).toMatchObject({ nodeId: 'b', endpoint: url });
    expect(down!.healthError).toMatch(new RegExp(`^cannot reach ${url.replace(/[.]/g, '\\.')}: .*Check that the node is running and listens there`));
    expect(await statusOf(h.manager, 'b')).toMatchObject({ state: 'error', error: down!.healthError });
    const error = await rejection(h.manager.api.describe.modules('b', 'b'));
    expect(error).toBeInstanceOf(StudioError);
    expect(error).toMatchObject({ code: 'io', message: expect.stringContaining(`cannot reach ${url}`) });

    b = await startNode({ nodeId: 'b', httpPort: bPort, dataDir, watchModules: false });
    try {
      await until('b back', async () => (await nodeOf('b'))?.health === 'up');
      expect(await statusOf(h.manager, 'b')).toMatchObject({ state: 'connected' });
      expect((await nodeOf('b'))!.healthError).toBeUndefined();
    } finally {
      await b.close();
    }
  });

  it('reloads connections edited outside the studio, showing unusable entries with their problem', async () => {
    const file = path.join(h.workspaceDir, 'spl-workspace.json');
    const json = JSON.parse(await fs.readFile(file, 'utf8')) as { connections: Record<string, unknown>[] };
    json.connections = [
      { id: 'renamed', name: 'A, renamed by hand', kind: 'node', url: a.http!.url },
      ...json.connections.filter((c) => c.id === 'a-tcp' || c.id === 'greeter'),
      { id: 'broken', name: 'Broken', kind: 'node', url: 'gopher://x:1' },
      { name: 'no id at all' },
    ];
    await fs.writeFile(file, JSON.stringify(json, null, 2));
    const before = h.connectionEvents.length;
    h.manager.workspaceChanged('spl-workspace.json');
    const list = await until('the reloaded list', () => h.connectionEvents.length > before && h.connectionEvents.at(-1));
    expect(list.map((c) => c.id)).toEqual(['renamed', 'a-tcp', 'greeter', 'broken']);
    expect(list.find((c) => c.id === 'broken')).toMatchObject({ state: 'error', error: expect.stringMatching(/^spl-workspace\.json: connections\[3\] cannot be used: .*URL starts with/) });
    expect(h.logs.some((m) => /connections\[4\] has no usable "id"/.test(m))).toBe(true);
    // Connections dropped from the file say their nodes are gone.
    expect(h.clusterEvents.some((e) => e.connectionId === 'a-http' && e.nodes.length === 0)).toBe(true);
    await until('renamed up', async () => (await nodeOf('renamed'))?.health === 'up');
    // Unchanged connections were kept as they were: a-tcp's node never went away.
    expect(await nodeOf('a-tcp')).toMatchObject({ health: 'up' });
    // The studio's own write echoing back changes nothing.
    const count = h.connectionEvents.length;
    h.manager.workspaceChanged('spl-workspace.json');
    await h.manager.api.connections.list();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.connectionEvents.slice(count).every((l) => l.map((c) => c.id).join() === 'renamed,a-tcp,greeter,broken')).toBe(true);
  });

  it('removes a connection: from the list, the file and the secrets, with a last cluster.change of no nodes', async () => {
    await h.manager.api.connections.save({ id: 'a-tcp', name: 'Node A over TCP', kind: 'node', url: a.tcp!.url }, { token: 'unused' });
    expect(h.secrets.get(h.workspace.realRoot, 'a-tcp')).toBe('unused');
    const before = h.clusterEvents.length;
    await h.manager.api.connections.remove('a-tcp');
    expect(h.clusterEvents.slice(before)).toContainEqual({ connectionId: 'a-tcp', nodes: [] });
    expect(h.connectionEvents.at(-1)!.map((c) => c.id)).toEqual(['renamed', 'greeter', 'broken']);
    const json = JSON.parse(await fs.readFile(path.join(h.workspaceDir, 'spl-workspace.json'), 'utf8')) as { connections: { id?: string }[] };
    expect(json.connections.map((c) => c.id)).toEqual(['renamed', 'greeter', 'broken', undefined]);
    expect(h.secrets.get(h.workspace.realRoot, 'a-tcp')).toBeUndefined();
    expect(await rejection(h.manager.api.connections.remove('a-tcp'))).toMatchObject({ code: 'not-found' });
  });

  it('names what it does not know', async () => {
    expect(await rejection(h.manager.api.describe.node('nope', 'x'))).toMatchObject({ code: 'not-found', message: expect.stringContaining("no connection 'nope'") });
    expect(await rejection(h.manager.api.describe.node('renamed', 'zz'))).toMatchObject({ code: 'not-found', message: "describe.node: connection 'renamed' has no node 'zz'; its nodes are a" });
    expect(await rejection(h.manager.resolveTarget('renamed', 'zz'))).toMatchObject({ code: 'not-found' });
    expect(await rejection(h.manager.api.cluster.nodes('nope'))).toMatchObject({ code: 'not-found' });
    expect(await rejection(h.manager.api.connections.save({ id: 'local', name: 'x', kind: 'node', url: 'http://h:1' }))).toMatchObject({ code: 'invalid-argument' });
  });

  it('shows the host\'s own node first, as "local", and resolves call targets with the node\'s protocols', async () => {
    const withLocal = await openHarness({ manager: { local: { nodeInfo: () => local.cluster.self() } } });
    try {
      const [first] = await withLocal.manager.api.connections.list();
      expect(first).toEqual({ id: 'local', name: 'Local runtime', kind: 'local', url: local.http!.url, hasToken: false, state: 'connected' });
      const [node] = await withLocal.manager.api.cluster.nodes('local');
      expect(node).toMatchObject({ connectionId: 'local', nodeId: 'studio-local', endpoint: local.http!.url, health: 'up' });
      expect(Object.values(node.drift).every((d) => d === 'same')).toBe(true);
      const target = await withLocal.manager.resolveTarget('local', 'studio-local');
      expect(target).toMatchObject({ connectionName: 'Local runtime', endpoint: local.http!.url });
      const codec = await target.protocol('spl.execute.SPLExecuteService');
      expect(codec.hashKey).toBe(local.server.protocols.find((p) => p.fullName === 'spl.execute.SPLExecuteService')!.hashKey);
      // The same cached protocol the second time.
      expect(await target.protocol('spl.execute.SPLExecuteService')).toBe(codec);
      expect(await rejection(withLocal.manager.api.connections.remove('local'))).toMatchObject({ code: 'invalid-argument' });
    } finally {
      await withLocal.close();
    }
  });
});

const openssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!openssl)('ConnectionManager with a TLS node (certificate made by openssl)', () => {
  let h: Harness;
  let node: RunningNode;

  beforeAll(async () => {
    h = await openHarness();
    const certs = path.join(h.workspaceDir, 'certs');
    await fs.mkdir(certs);
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', path.join(h.dir, 'key.pem'), '-out', path.join(certs, 'ca.pem')], { stdio: 'ignore' });
    const tls = { cert: await fs.readFile(path.join(certs, 'ca.pem')), key: await fs.readFile(path.join(h.dir, 'key.pem')) };
    node = await startNode({ nodeId: 'secure', httpPort: 0, tcpPort: 0, tls, dataDir: path.join(h.dir, 'data'), watchModules: false });
  });
  afterAll(async () => {
    await h?.close();
    await node?.close();
  });

  it('trusts the CA file the connection names (relative to the workspace), over https:// and tcps://', async () => {
    expect(node.http!.url).toMatch(/^https:/);
    expect(node.tcp!.url).toMatch(/^tcps:/);
    for (const [id, url] of [['https', node.http!.url], ['tcps', node.tcp!.url]]) {
      await h.manager.api.connections.save({ id, name: id, kind: 'node', url, caFile: 'certs/ca.pem' });
      await until(`${id} up`, async () => (await h.manager.api.cluster.nodes(id))[0]?.health === 'up');
      expect((await h.manager.api.describe.node(id, 'secure')).protocols).toHaveLength(5);
      expect((await h.manager.resolveTarget(id, 'secure')).ca).toEqual(await fs.readFile(path.join(h.workspaceDir, 'certs/ca.pem')));
    }
  });

  it('says the certificate is not trusted without the CA, and names a CA file it cannot read', async () => {
    await h.manager.api.connections.save({ id: 'untrusted', name: 'untrusted', kind: 'node', url: node.http!.url });
    const status = await until('a TLS error', async () => (await statusOf(h.manager, 'untrusted'))?.state === 'error' && statusOf(h.manager, 'untrusted'));
    expect(status!.error).toMatch(/^the TLS connection to https:\/\/127\.0\.0\.1:\d+ failed: .*set the connection's CA file/);

    const saved = await h.manager.api.connections.save({ id: 'no-ca', name: 'no ca', kind: 'node', url: node.http!.url, caFile: 'certs/missing.pem' });
    expect(saved).toMatchObject({ state: 'error', error: `cannot read the CA certificate ${path.join(h.workspaceDir, 'certs/missing.pem')} (caFile of connection 'no-ca'): ENOENT; check the path (absolute, or relative to the workspace) and its permissions` });
  });
});
