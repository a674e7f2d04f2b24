/**
 * Our engine against avsc 5.7.9's Service, an independent Avro RPC implementation: our server
 * with avsc's client and avsc's server with our client, over HTTP (stateless) and TCP (Netty).
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import avsc from 'avsc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProtocolJson } from '../../../shared/avro/schema-reader.js';
import { RpcServer } from './server.js';
import { RpcClient } from './client.js';
import { HttpChannel } from './http-channel.js';
import { serveHttp, type Listening } from './http.js';
import { serveTcp, TcpChannel } from './tcp.js';
import { DeclaredError, RemoteSystemError } from './errors.js';

const protocolJson = {
  protocol: 'Simple', namespace: 'org.apache.avro.test',
  types: [
    { name: 'Kind', type: 'enum', symbols: ['FOO', 'BAR', 'BAZ'] },
    { name: 'MD5', type: 'fixed', size: 16 },
    { name: 'TestRecord', type: 'record', fields: [{ name: 'name', type: 'string' }, { name: 'kind', type: 'Kind' }, { name: 'hash', type: 'MD5' }, { name: 'count', type: 'long' }] },
    { name: 'TestError', type: 'error', fields: [{ name: 'message', type: 'string' }] },
  ],
  messages: {
    hello: { request: [{ name: 'greeting', type: 'string' }], response: 'string' },
    echo: { request: [{ name: 'record', type: 'TestRecord' }], response: 'TestRecord' },
    add: { request: [{ name: 'arg1', type: 'int' }, { name: 'arg2', type: 'int' }], response: 'int' },
    fail: { request: [{ name: 'declared', type: 'boolean' }], response: 'null', errors: ['TestError'] },
  },
};
const text = JSON.stringify(protocolJson);
const protocol = readProtocolJson(text, { file: 'simple.avpr' });
const hash = Buffer.alloc(16, 7);
const record = { name: 'n', kind: 'BAR', hash, count: 42 };

function ourServer(): RpcServer {
  const server = new RpcServer();
  server.addService(protocol, {
    hello: ({ greeting }) => `hello, ${greeting as string}`,
    echo: ({ record }) => record,
    add: ({ arg1, arg2 }) => (arg1 as number) + (arg2 as number),
    fail: ({ declared }) => {
      if (declared) throw new DeclaredError('TestError', { message: 'as declared' });
      throw new Error('something broke');
    },
  });
  return server;
}

function avscService() {
  return avsc.Service.forProtocol(protocolJson as unknown as Parameters<typeof avsc.Service.forProtocol>[0]);
}

type Callback = (err: unknown, res?: unknown) => void;

function avscServer() {
  return avscService().createServer()
    .onMessage('hello', (req: { greeting: string }, cb: Callback) => cb(null, `avsc says hello, ${req.greeting}`))
    .onMessage('echo', (req: { record: unknown }, cb: Callback) => cb(null, req.record))
    .onMessage('add', (req: { arg1: number; arg2: number }, cb: Callback) => cb(null, req.arg1 + req.arg2))
    .onMessage('fail', (req: { declared: boolean }, cb: Callback) => cb(req.declared ? { message: 'avsc declared' } : new Error('avsc broke')));
}

type AvscClient = { emitMessage(name: string, req: unknown, cb: (err: unknown, res: unknown) => void): void; destroyChannels?: () => void };
const emit = (client: AvscClient, name: string, req: unknown) => new Promise<unknown>((resolve, reject) => client.emitMessage(name, req, (err, res) => (err ? reject(err) : resolve(res))));

describe('our server, avsc client', () => {
  let httpServer: Listening;
  let tcpServer: Listening;
  beforeAll(async () => {
    const server = ourServer();
    httpServer = await serveHttp(server);
    tcpServer = await serveTcp(server, { onConnectionError: (peer, error) => console.error('tcp', peer, error.message) });
  });
  afterAll(async () => {
    await httpServer.close();
    await tcpServer.close();
  });

  const clients: [string, () => AvscClient][] = [
    ['HTTP', () => {
      const client = avscService().createClient();
      const transport = (cb: (err: unknown, res?: http.IncomingMessage) => void) =>
        http.request({ method: 'POST', port: httpServer.port, host: '127.0.0.1', path: '/', headers: { 'content-type': 'avro/binary' } }).on('response', (res) => cb(null, res));
      client.createChannel(transport as unknown as Parameters<typeof client.createChannel>[0]);
      return client as unknown as AvscClient;
    }],
    ['TCP', () => {
      const client = avscService().createClient();
      client.createChannel(net.connect(tcpServer.port, '127.0.0.1'));
      return client as unknown as AvscClient;
    }],
  ];
  for (const [name, make] of clients) {
    it(`over ${name}: calls, records, declared and system errors`, async () => {
      const client = make();
      expect(await emit(client, 'hello', { greeting: 'avsc' })).toBe('hello, avsc');
      expect(await emit(client, 'add', { arg1: 2, arg2: 40 })).toBe(42);
      expect(await emit(client, 'echo', { record })).toMatchObject({ name: 'n', kind: 'BAR', count: 42 });
      await expect(emit(client, 'fail', { declared: true })).rejects.toMatchObject({ message: 'as declared' });
      await expect(emit(client, 'fail', { declared: false })).rejects.toMatchObject({ message: expect.stringContaining('something broke') });
      client.destroyChannels?.();
    });
  }
});

describe('avsc server, our client', () => {
  let httpPort: number;
  let tcpPort: number;
  let closers: (() => void)[] = [];
  beforeAll(async () => {
    const server = avscServer();
    const h = http.createServer((req, res) => {
      const transport = (cb: (err: unknown, res: http.ServerResponse) => void) => {
        cb(null, res);
        return req;
      };
      server.createChannel(transport as unknown as Parameters<typeof server.createChannel>[0]);
    });
    const t = net.createServer((socket) => server.createChannel(socket));
    await new Promise<void>((r) => h.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => t.listen(0, '127.0.0.1', r));
    httpPort = (h.address() as AddressInfo).port;
    tcpPort = (t.address() as AddressInfo).port;
    closers = [() => h.close(), () => t.close()];
  });
  afterAll(() => closers.forEach((c) => c()));

  const channels: [string, () => HttpChannel | TcpChannel][] = [
    ['HTTP', () => new HttpChannel(`http://127.0.0.1:${httpPort}/`, 'org.apache.avro.test.Simple')],
    ['TCP', () => new TcpChannel('127.0.0.1', tcpPort)],
  ];
  for (const [name, make] of channels) {
    it(`over ${name}: calls, records, declared and system errors`, async () => {
      const client = new RpcClient(protocol, make());
      expect(await client.call('hello', { greeting: 'us' })).toBe('avsc says hello, us');
      expect(await client.call('add', { arg1: 1, arg2: 2 })).toBe(3);
      expect(await client.call('echo', { record })).toMatchObject({ name: 'n', kind: 'BAR', count: 42 });
      await expect(client.call('fail', { declared: true })).rejects.toMatchObject({ type: 'org.apache.avro.test.TestError', value: { message: 'avsc declared' } });
      await expect(client.call('fail', { declared: false })).rejects.toBeInstanceOf(RemoteSystemError);
      await Promise.all(Array.from({ length: 50 }, (_, i) => client.call('add', { arg1: i, arg2: i }).then((r) => expect(r).toBe(2 * i))));
      await client.close();
    });
  }
});
