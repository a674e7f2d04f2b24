/**
 * `spl rpc receive|send`: Apache Avro's interop tools (`rpcreceive`/`rpcsend`), over `http://`
 * and `tcp://`. The receiver prints `Port: N` first, answers one call of MESSAGE with the datum of
 * RESPONSE.avro, then exits; the sender sends the datum of REQUEST.avro and prints the response
 * in Avro's JSON encoding (longs exact).
 */
import path from 'node:path';
import { requestSchema, type Protocol } from '../../../shared/avro/model.js';
import { toAvroJson, type RuntimeValue } from '../../../shared/avro/avro-json.js';
import { toJsonText } from '../../../shared/avro/json-text.js';
import { RpcServer } from '../../runtime/rpc/server.js';
import { RpcClient } from '../../runtime/rpc/client.js';
import { HttpChannel } from '../../runtime/rpc/http-channel.js';
import { serveHttp, type Listening } from '../../runtime/rpc/http.js';
import { serveTcp, TcpChannel } from '../../runtime/rpc/tcp.js';
import { DeclaredError, RemoteSystemError } from '../../runtime/rpc/errors.js';
import { readFirstDatum } from '../../runtime/rpc/container-file.js';
import { ContractLoadError, loadContract } from '../load-contract.js';
import { UsageError, type CliIo } from '../io.js';
import type { Command } from '../main.js';
import { displayPathFor } from '../display-path.js';

const usage = `Usage: spl rpc receive URI PROTOCOL MESSAGE [--file RESPONSE.avro]
       spl rpc send URI PROTOCOL MESSAGE [--file REQUEST.avro]

Apache Avro's RPC interop tools. URI is http://HOST:PORT or tcp://HOST:PORT (port 0 picks a free
one for receive); PROTOCOL is an .avpr or .avdl file.

  receive   serve PROTOCOL; print "Port: N"; answer one call of MESSAGE with the datum in
            RESPONSE.avro (an Avro container file), then exit
  send      call MESSAGE with the datum in REQUEST.avro and print the response in Avro's JSON
            encoding; a declared or system error is printed to stderr, exit code 1`;

interface RpcArgs {
  mode: 'receive' | 'send';
  uri: URL;
  protocolFile: string;
  message: string;
  file?: string;
}

function parseArgs(args: string[]): RpcArgs {
  const positional: string[] = [];
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--file' || args[i] === '-file') {
      file = args[++i];
      if (file === undefined) throw new UsageError('--file needs a path');
    } else if (args[i].startsWith('-')) throw new UsageError(`unknown option ${args[i]}`);
    else positional.push(args[i]);
  }
  const [mode, uri, protocolFile, message] = positional;
  if (mode !== 'receive' && mode !== 'send') throw new UsageError('say receive or send');
  if (positional.length !== 4) throw new UsageError('expected URI, PROTOCOL and MESSAGE');
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new UsageError(`'${uri}' is not a URI: use http://HOST:PORT or tcp://HOST:PORT`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'tcp:') throw new UsageError(`unsupported scheme ${url.protocol} (use http:// or tcp://)`);
  return { mode, uri: url, protocolFile, message, file };
}

function json(value: unknown): string {
  return toJsonText(value as never, 0);
}

export const rpcCommand: Command = {
  name: 'rpc',
  summary: 'Avro RPC interop: receive or send one message (like Avro\'s rpcreceive/rpcsend)',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const options = parseArgs(args);
    let protocol: Protocol;
    try {
      const contract = await loadContract(path.resolve(io.cwd, options.protocolFile), { displayPath: displayPathFor(io.cwd) });
      if (contract.kind !== 'protocol') throw new UsageError(`${options.protocolFile} is a schema, not a protocol`);
      protocol = contract.protocol;
    } catch (error) {
      if (error instanceof ContractLoadError) {
        io.stderr(`${error.message}\n`);
        return 1;
      }
      throw error;
    }
    const message = protocol.messages.find((m) => m.name === options.message);
    if (!message) throw new UsageError(`protocol ${protocol.protocol} has no message '${options.message}' (it has ${protocol.messages.map((m) => m.name).join(', ')})`);
    const datum = options.file ? await readFirstDatum(path.resolve(io.cwd, options.file)) : null;
    return options.mode === 'receive' ? receive(options, protocol, datum, io) : send(options, protocol, datum, io);
  },
};

async function receive(options: RpcArgs, protocol: Protocol, datum: unknown, io: CliIo): Promise<number> {
  const server = new RpcServer();
  let answered: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (answered = resolve));
  const message = protocol.messages.find((m) => m.name === options.message)!;
  const handlers = Object.fromEntries(protocol.messages.map((m) => [m.name, () => {
    if (m.name !== options.message) throw new Error(`this receiver answers only '${options.message}'`);
    io.stderr(`Message: ${m.name} Datum: ${json(toAvroJson(message.response, datum as RuntimeValue))}\n`);
    setTimeout(answered, 50);
    return datum;
  }]));
  server.addService(protocol, handlers);
  const host = options.uri.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(options.uri.port || 0);
  const listening: Listening = options.uri.protocol === 'http:' ? await serveHttp(server, { host, port }) : await serveTcp(server, { host, port });
  io.stdout(`Port: ${listening.port}\n`);
  await done;
  await listening.close();
  return 0;
}

async function send(options: RpcArgs, protocol: Protocol, datum: unknown, io: CliIo): Promise<number> {
  const fullName = protocol.namespace ? `${protocol.namespace}.${protocol.protocol}` : protocol.protocol;
  const channel = options.uri.protocol === 'http:' ? new HttpChannel(options.uri.toString(), fullName) : TcpChannel.fromUrl(options.uri.toString());
  const client = new RpcClient(protocol, channel);
  const message = protocol.messages.find((m) => m.name === options.message)!;
  try {
    const request = (datum ?? {}) as Record<string, unknown>;
    toAvroJson(requestSchema(message), request as RuntimeValue, 'request');
    const response = await client.call(options.message, request);
    io.stdout(json(toAvroJson(message.response, response as RuntimeValue)) + '\n');
    return 0;
  } catch (error) {
    if (error instanceof DeclaredError) io.stderr(`declared error ${error.type}: ${json(error.value)}\n`);
    else if (error instanceof RemoteSystemError) io.stderr(`system error from the server: ${error.message}\n`);
    else io.stderr(`spl rpc send: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await client.close();
  }
}
