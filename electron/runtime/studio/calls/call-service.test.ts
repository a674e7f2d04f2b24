/**
 * The call service against real servers on loopback: a node (startNode, HTTP and TCP) and a
 * small server of our own for what a node will not do on demand (wait until cancelled, echo
 * metadata). The CallTargets double resolves to their endpoints and learns protocols through
 * the handshake, as the connection manager does.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError, type CallRequest, type CallResult, type FrameSegment, type WireFrame } from '../../../../shared/studio/api.js';
import { startNode, type RunningNode } from '../../node.js';
import { discoverProtocol } from '../../rpc/client.js';
import { serveHttp, type Listening } from '../../rpc/http.js';
import { ProtocolCodec } from '../../rpc/protocol-codec.js';
import { RpcServer } from '../../rpc/server.js';
import { serveTcp } from '../../rpc/tcp.js';
import type { CallTarget, CallTargets } from '../call-target.js';
import { CallService } from './call-service.js';
import { channelForEndpoint } from '../../rpc/endpoint-channel.js';
import { HistoryStore } from './history-store.js';

interface TestNode {
  endpoint: string;
  served: string[];
  /** A protocol to hand out without asking the node (for a node that is gone). */
  codec?: ProtocolCodec;
}

/** CallTargets over fixed endpoints; protocols come from the node's handshake, cached by name. */
class TestTargets implements CallTargets {
  private readonly nodes = new Map<string, TestNode>();
  private readonly codecs = new Map<string, Promise<ProtocolCodec>>();

  add(connectionId: string, nodeId: string, node: TestNode): void {
    this.nodes.set(`${connectionId}/${nodeId}`, node);
  }

  async resolveTarget(connectionId: string, nodeId: string): Promise<CallTarget> {
    const node = this.nodes.get(`${connectionId}/${nodeId}`);
    if (!node) throw new StudioError('not-found', `no node ${nodeId} in connection ${connectionId}`);
    return {
      connectionName: `Test ${connectionId}`,
      endpoint: node.endpoint,
      protocol: (fullName) => {
        if (node.codec) return Promise.resolve(node.codec);
        if (!node.served.includes(fullName)) return Promise.reject(new StudioError('not-found', `${node.endpoint} serves no protocol ${fullName}; it serves ${node.served.join(', ')}`));
        const key = `${node.endpoint} ${fullName}`;
        let codec = this.codecs.get(key);
        if (!codec) {
          const channel = channelForEndpoint(node.endpoint, fullName);
          codec = discoverProtocol(channel, { protocolName: fullName }).finally(() => channel.close());
          this.codecs.set(key, codec);
        }
        return codec;
      },
    };
  }
}

const PROBE = ProtocolCodec.fromText(JSON.stringify({
  protocol: 'Probe', namespace: 't',
  messages: {
    slow: { request: [], response: 'string' },
    echoMeta: { request: [{ name: 'key', type: 'string' }], response: 'string' },
  },
}));

const EXECUTE = 'spl.execute.SPLExecuteService';
const DATA = 'spl.data.SPLDataService';

let dir: string;
let node: RunningNode;
let probeServers: Listening[] = [];
const targets = new TestTargets();
const logs: string[] = [];
let history: HistoryStore;
let service: CallService;
/** What the node's handlers were asked, through a middleware. */
const seen: { message: string; request: Record<string, unknown> }[] = [];
/** Calls of `slow` waiting to be let go; `onStuck` hears of the next one. */
const stuck: (() => void)[] = [];
let onStuck: (() => void) | undefined;
const nextStuck = () => new Promise<void>((resolve) => (onStuck = resolve));
let ids = 0;

function request(fields: Partial<CallRequest>): CallRequest {
  return { callId: `call-${++ids}`, connectionId: 'http', nodeId: 'n1', protocol: EXECUTE, message: 'listAvailableModules', body: '{}', ...fields };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'spl-calls-'));
  node = await startNode({ nodeId: 'n1', httpPort: 0, tcpPort: 0, dataDir: path.join(dir, 'node'), watchModules: false });
  node.server.use(async (context, req, next) => {
    seen.push({ message: context.message, request: req });
    return next();
  });
  const served = node.server.protocols.map((p) => p.fullName);
  targets.add('http', 'n1', { endpoint: node.http!.url, served });
  targets.add('tcp', 'n1', { endpoint: node.tcp!.url, served });

  const probe = new RpcServer();
  probe.addService(PROBE, {
    slow: () => new Promise((resolve) => {
      stuck.push(() => resolve('late'));
      onStuck?.();
    }),
    echoMeta: ({ key }, context) => {
      const value = context.meta[key as string];
      context.responseMeta.echo = value ?? Buffer.alloc(0);
      context.responseMeta.binary = Buffer.from([0xff, 0x00]);
      return value?.toString('utf8') ?? '(none)';
    },
  });
  probeServers = [await serveHttp(probe), await serveTcp(probe)];
  targets.add('probe-http', 'p', { endpoint: probeServers[0].url, served: ['t.Probe'] });
  targets.add('probe-tcp', 'p', { endpoint: probeServers[1].url, served: ['t.Probe'] });

  history = await HistoryStore.open(path.join(dir, 'user'), { log: (m) => logs.push(m) });
  service = new CallService({ targets, history, log: (m) => logs.push(m) });
});

afterAll(async () => {
  for (const release of stuck.splice(0)) release();
  await service?.close();
  await history?.close();
  await Promise.all(probeServers.map((s) => s.close()));
  await node?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Kinds in order, runs of one kind counted once: the shape of a frame. */
function kinds(frame: WireFrame): FrameSegment['kind'][] {
  return frame.segments.map((s) => s.kind).filter((kind, i, all) => i === 0 || all[i - 1] !== kind);
}

function expectTiled(frame: WireFrame): void {
  expect(frame.segments[0].start).toBe(0);
  for (let i = 1; i < frame.segments.length; i++) expect(frame.segments[i].start).toBe(frame.segments[i - 1].end);
  expect(frame.segments.at(-1)!.end).toBe(frame.length);
  expect(frame.hex).toHaveLength(frame.length * 2);
  expect(frame.segments.every((s) => s.end > s.start && s.label !== '')).toBe(true);
}

const label = (frame: WireFrame, kind: FrameSegment['kind']) => frame.segments.filter((s) => s.kind === kind).map((s) => s.label);

describe('CallService against a node', () => {
  it('calls a message over HTTP and TCP, with the response as Avro JSON, sizes, handshake, and the call in the history', async () => {
    for (const connectionId of ['http', 'tcp']) {
      const result = await service.send(request({ connectionId }));
      expect(result).toMatchObject({ outcome: 'ok', endpoint: connectionId === 'http' ? node.http!.url : node.tcp!.url });
      expect(JSON.parse(result.body!)).toContain('spl/data/write');
      expect(result.requestBytes).toBeGreaterThan(0);
      expect(result.responseBytes).toBeGreaterThan(0);
      expect(result.frames.map((f) => f.direction)).toEqual(['request', 'response']);
      expect(result.handshake).toMatchObject({ match: 'BOTH', serverProtocolSent: false, onThisCall: true });
      expect(result.handshake!.clientHash).toMatch(/^[0-9a-f]{32}$/);
      expect(result.handshake!.serverHash).toBe(result.handshake!.clientHash);
      const entry = (await history.api.history.list()).find((e) => e.id === result.historyId);
      expect(entry).toMatchObject({ connectionName: `Test ${connectionId}`, request: { connectionId, message: 'listAvailableModules', body: '{}' }, result: { outcome: 'ok', body: result.body } });
      expect(entry!.request).not.toHaveProperty('callId');
    }
  });

  it('sends a long beyond 2^53 exactly, and shows the declared error it earns as Avro JSON', async () => {
    for (const connectionId of ['http', 'tcp']) {
      seen.length = 0;
      const body = '{"request": {"topic": "no-such-topic", "offset": {"long": 9007199254740993}}}';
      const result = await service.send(request({ connectionId, protocol: DATA, message: 'read', body }));
      expect(result).toMatchObject({ outcome: 'declared-error', errorType: 'spl.data.DataReadError' });
      expect(result.message).toBeUndefined();
      expect(JSON.parse(result.body!)).toMatchObject({ code: 'TOPIC_NOT_FOUND', topic: 'no-such-topic' });
      const read = seen.find((s) => s.message === 'read')!.request as { request: { offset: { long: unknown } } };
      expect(read.request.offset.long).toBe(9007199254740993n);
      const response = result.frames.at(-1)!;
      expect(label(response, 'error-flag')).toEqual(['error flag: true (an error follows)']);
      expect(label(response, 'payload')[0]).toMatch(/^declared error spl\.data\.DataReadError \(\d+ bytes\)$/);
    }
  });

  it('refuses a body that does not fit, naming the field path, and records that too', async () => {
    const result = await service.send(request({ protocol: DATA, message: 'read', body: '{"request": {"topic": 5}}' }));
    expect(result.outcome).toBe('invalid-request');
    expect(result.message).toMatch(/^the request does not fit the parameters of read: 1:23: at request\.topic: expected a string/);
    expect(result.frames).toEqual([]);
    expect((await history.api.history.list({ limit: 1 }))[0]).toMatchObject({ id: result.historyId, result: { outcome: 'invalid-request' } });

    const notJson = await service.send(request({ body: '{"a": ' }));
    expect(notJson).toMatchObject({ outcome: 'invalid-request', message: expect.stringContaining('invalid JSON') });
  });

  it('names what exists for an unknown message or protocol', async () => {
    const message = await service.send(request({ message: 'nope' }));
    expect(message.outcome).toBe('invalid-request');
    expect(message.message).toMatch(/^spl\.execute\.SPLExecuteService has no message 'nope'; it has .*listAvailableModules/);
    const protocol = await service.send(request({ protocol: 'spl.Nope' }));
    expect(protocol.outcome).toBe('invalid-request');
    expect(protocol.message).toContain(EXECUTE);
    expect(protocol.message).toContain('spl.Nope');
  });

  it('rejects an id already in flight and an unknown node, and records neither', async () => {
    const before = (await history.api.history.list()).length;
    const first = service.send(request({ callId: 'twice', connectionId: 'probe-http', nodeId: 'p', protocol: 't.Probe', message: 'slow' }));
    await nextStuck();
    await expect(service.send(request({ callId: 'twice' }))).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('already in flight') });
    await expect(service.send(request({ nodeId: 'ghost' }))).rejects.toMatchObject({ code: 'not-found' });
    await service.api.call.cancel('twice');
    expect((await first).outcome).toBe('cancelled');
    expect((await history.api.history.list()).length).toBe(before + 1);
  });
});

describe('CallService: cancel, deadline, dead nodes', () => {
  it('cancels a call in flight, over HTTP and TCP; the TCP connection goes on serving', async () => {
    for (const connectionId of ['probe-http', 'probe-tcp']) {
      const pending = service.send(request({ callId: `cancel-${connectionId}`, connectionId, nodeId: 'p', protocol: 't.Probe', message: 'slow' }));
      await nextStuck();
      await service.api.call.cancel(`cancel-${connectionId}`);
      await service.api.call.cancel('no-such-call');
      const result = await pending;
      expect(result.outcome).toBe('cancelled');
      expect(result.message).toContain('cancelled before');
      expect(result.frames[0].direction).toBe('request');
      const after = await service.send(request({ connectionId, nodeId: 'p', protocol: 't.Probe', message: 'echoMeta', body: '{"key": "k"}' }));
      expect(after.outcome).toBe('ok');
    }
  });

  it('gives up at the deadline, naming it', async () => {
    const pending = service.send(request({ connectionId: 'probe-tcp', nodeId: 'p', protocol: 't.Probe', message: 'slow', deadlineMs: 200 }));
    const result = await pending;
    expect(result.outcome).toBe('timeout');
    expect(result.message).toContain('within the deadline of 200 ms');
  });

  it('reports a dead node as a transport error naming the endpoint and the cause', async () => {
    const port = await freePort();
    for (const scheme of ['http', 'tcp']) {
      const endpoint = `${scheme}://127.0.0.1:${port}`;
      targets.add(`dead-${scheme}`, 'gone', { endpoint, served: ['t.Probe'], codec: PROBE });
      targets.add(`dead-${scheme}`, 'unknown', { endpoint, served: ['t.Probe'] });
      const result = await service.send(request({ connectionId: `dead-${scheme}`, nodeId: 'gone', protocol: 't.Probe', message: 'echoMeta', body: '{"key": "k"}' }));
      expect(result.outcome).toBe('transport-error');
      expect(result.message).toContain(`127.0.0.1:${port}`);
      expect(result.message).toContain('ECONNREFUSED');
      expect(result.frames).toEqual([]);
      expect(result.handshake).toBeUndefined();
      // Before any call: learning the protocol fails the same way.
      const learning = await service.send(request({ connectionId: `dead-${scheme}`, nodeId: 'unknown', protocol: 't.Probe', message: 'echoMeta' }));
      expect(learning.outcome).toBe('transport-error');
      expect(learning.message).toMatch(new RegExp(`^cannot learn t\\.Probe from .*127\\.0\\.0\\.1:${port}.*ECONNREFUSED`));
    }
  });
});

describe('CallService: frames, handshakes, metadata', () => {
  let fresh: CallService;
  let freshHistory: HistoryStore;
  beforeAll(async () => {
    freshHistory = await HistoryStore.open(path.join(dir, 'fresh'));
    fresh = new CallService({ targets, history: freshHistory });
  });
  afterAll(async () => {
    await fresh.close();
    await freshHistory.close();
  });

  it('shows HTTP frames with standard framing, every call with its handshake', async () => {
    for (let call = 0; call < 2; call++) {
      const result = await fresh.send(request({ message: 'describeModule', body: '{"module": "spl/data/write"}' }));
      expect(result.outcome).toBe('ok');
      const [sent, received] = result.frames;
      expectTiled(sent);
      expectTiled(received);
      expect(kinds(sent)).toEqual(['framing', 'handshake', 'metadata', 'message-name', 'payload', 'framing']);
      expect(kinds(received)).toEqual(['framing', 'handshake', 'metadata', 'error-flag', 'payload', 'framing']);
      expect(sent.segments[0].label).toBe(`frame length ${sent.length - 8}`);
      expect(sent.segments.at(-1)!.label).toBe('end of message (frame length 0)');
      expect(label(sent, 'message-name')).toEqual(['message name "describeModule"']);
      expect(label(sent, 'handshake')).toHaveLength(4);
      expect(label(received, 'handshake')[0]).toBe('handshake response: match BOTH');
      expect(label(received, 'payload')[0]).toMatch(/^response of "describeModule" \(\d+ bytes\)$/);
      expect(result.handshake).toMatchObject({ match: 'BOTH', onThisCall: true });
      expect(result.requestBytes).toBe(sent.length);
      expect(result.responseBytes).toBe(received.length);
    }
  });

  it('shows TCP frames with Netty framing: the handshake on the first call only, the second reuses it', async () => {
    const first = await fresh.send(request({ connectionId: 'tcp', message: 'describeModule', body: '{"module": "spl/data/write"}' }));
    const second = await fresh.send(request({ connectionId: 'tcp', message: 'describeModule', body: '{"module": "spl/data/read"}' }));
    for (const frame of [...first.frames, ...second.frames]) expectTiled(frame);
    expect(kinds(first.frames[0])).toEqual(['framing', 'handshake', 'metadata', 'message-name', 'payload']);
    expect(kinds(first.frames[1])).toEqual(['framing', 'handshake', 'metadata', 'error-flag', 'payload']);
    expect(kinds(second.frames[0])).toEqual(['framing', 'metadata', 'message-name', 'payload']);
    expect(kinds(second.frames[1])).toEqual(['framing', 'metadata', 'error-flag', 'payload']);
    // A fresh connection numbers its packets from 1; the answer carries the call's serial.
    expect(label(first.frames[0], 'framing')).toEqual(['serial 1', 'frame count 1', `frame length ${first.frames[0].length - 12}`]);
    expect(label(first.frames[1], 'framing')[0]).toBe('serial 1');
    expect(label(second.frames[0], 'framing')[0]).toBe('serial 2');
    expect(second.frames[0].hex.slice(0, 16)).toBe('0000000200000001');
    expect(first.handshake).toMatchObject({ match: 'BOTH', onThisCall: true });
    expect(second.handshake).toEqual({ ...first.handshake, onThisCall: false });
    // The connection offers no compression, so frames read as any Avro peer's would.
    expect(label(first.frames[0], 'handshake').at(-1)).toBe(`handshake request: meta {spl.protocol="${EXECUTE}"}`);
  });

  it('sends metadata as UTF-8 and shows the response metadata, text or hex', async () => {
    for (const connectionId of ['probe-http', 'probe-tcp']) {
      const result = await fresh.send(request({ connectionId, nodeId: 'p', protocol: 't.Probe', message: 'echoMeta', body: '{"key": "x-key"}', metadata: { 'x-key': 'värde ✓' } }));
      expect(result).toMatchObject({ outcome: 'ok', body: '"värde ✓"', responseMetadata: { echo: 'värde ✓', binary: '0xff00' } });
      expect(label(result.frames[0], 'metadata')).toEqual(['metadata {x-key="värde ✓"}']);
      expect(label(result.frames[1], 'metadata')[0]).toBe('metadata {echo="värde ✓", binary (2 bytes)}');
      expect((await freshHistory.api.history.list({ limit: 1 }))[0].request.metadata).toEqual({ 'x-key': 'värde ✓' });
    }
  });

  it('shows both round trips when the node does not know the protocol the studio calls with', async () => {
    // The workspace's version of the protocol has a message more than the node's.
    const newer = ProtocolCodec.fromText(JSON.stringify({
      protocol: 'Probe', namespace: 't',
      messages: { ...JSON.parse(PROBE.text).messages, added: { request: [], response: 'null' } },
    }));
    const newerTargets: CallTargets = {
      resolveTarget: async () => ({ connectionName: 'Newer', endpoint: probeServers[0].url, protocol: async () => newer }),
    };
    const calls = new CallService({ targets: newerTargets, history: freshHistory });
    try {
      const result = await calls.send(request({ connectionId: 'newer', nodeId: 'p', protocol: 't.Probe', message: 'echoMeta', body: '{"key": "k"}' }));
      expect(result.outcome).toBe('ok');
      expect(result.frames.map((f) => f.direction)).toEqual(['request', 'response', 'request', 'response']);
      expect(label(result.frames[1], 'handshake')[0]).toBe('handshake response: match NONE');
      expect(label(result.frames[2], 'handshake')[1]).toMatch(/^handshake request: clientProtocol \(\d+ characters of protocol JSON\)$/);
      // NONE sent the node's protocol; the resend names the node's hash, so it matches BOTH.
      expect(result.handshake).toEqual({ match: 'BOTH', clientHash: newer.hashKey, serverHash: PROBE.hashKey, serverProtocolSent: true, onThisCall: true });
      for (const frame of result.frames) expectTiled(frame);
    } finally {
      await calls.close();
    }
  });

  it('masks a token in the TCP handshake meta, and says so', async () => {
    const guarded = new RpcServer();
    guarded.addService(PROBE, { echoMeta: () => 'ok', slow: () => 'ok' });
    const server = await serveTcp(guarded, { token: 'sesame-123' });
    const tokenTargets: CallTargets = {
      resolveTarget: async () => ({ connectionName: 'Guarded', endpoint: server.url, token: 'sesame-123', protocol: async () => PROBE }),
    };
    const calls = new CallService({ targets: tokenTargets, history: freshHistory });
    try {
      const result = await calls.send(request({ connectionId: 'guarded', nodeId: 'p', protocol: 't.Probe', message: 'echoMeta', body: '{"key": "k"}' }));
      expect(result.outcome).toBe('ok');
      const sent = result.frames[0];
      expect(label(sent, 'handshake').at(-1)).toBe('handshake request: meta {token (hidden), spl.protocol="t.Probe"}');
      expect(sent.hex).not.toContain(Buffer.from('sesame-123').toString('hex'));
      expect(sent.hex).toContain('2a'.repeat('sesame-123'.length));
    } finally {
      await calls.close();
      await server.close();
    }
  });
});

describe('CallService with a history that cannot be written', () => {
  it('still answers, keeps the call in memory and logs the failure once', async () => {
    const file = path.join(dir, 'not-a-folder');
    await writeFile(file, 'x');
    const messages: string[] = [];
    const broken = await HistoryStore.open(path.join(file, 'user'), { log: (m) => messages.push(m) });
    const calls = new CallService({ targets, history: broken });
    try {
      const results: CallResult[] = [];
      for (let i = 0; i < 2; i++) results.push(await calls.send(request({})));
      expect(results.map((r) => r.outcome)).toEqual(['ok', 'ok']);
      expect((await broken.api.history.list()).map((e) => e.id)).toEqual([results[1].historyId, results[0].historyId]);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain('ENOTDIR');
    } finally {
      await calls.close();
      await broken.close();
    }
  });
});

/** A loopback port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
