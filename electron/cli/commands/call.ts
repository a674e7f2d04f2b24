/**
 * `spl call URL Protocol.message 'JSON'`: calls one message of a node. The protocol is learnt
 * from the node's handshake; the request is Avro's JSON encoding (longs exact beyond 2^53);
 * the response is printed the same way. A declared error is printed as JSON too, with exit 1.
 * The Avro JSON conversions are shared with the studio (runtime/rpc/avro-call.ts), so a request
 * copied from the studio as `spl call` means the same thing here.
 */
import { AvroValueError } from '../../../shared/avro/avro-json.js';
import { toJsonText } from '../../../shared/avro/json-text.js';
import type { Message } from '../../../shared/avro/model.js';
import { discoverProtocol, RpcClient } from '../../runtime/rpc/client.js';
import { DeclaredError, RemoteSystemError } from '../../runtime/rpc/errors.js';
import type { Meta } from '../../runtime/rpc/wire.js';
import { declaredErrorJson, findMessage, noSuchMessage, parseRequest, responseJson } from '../../runtime/rpc/avro-call.js';
import { UsageError, type CliIo } from '../io.js';
import type { Command } from '../main.js';
import { channelFor, readCa } from '../endpoint.js';

const usage = `Usage: spl call URL Protocol.message ['JSON'] [--token TOKEN] [--ca CERT.pem] [--timeout MS] [--meta KEY=VALUE]... [--verbose]

Calls one message of an Avro RPC endpoint and prints the response in Avro's JSON encoding.
URL is http(s)://HOST:PORT or tcp(s)://HOST:PORT (--ca: a certificate to trust);
Protocol is the protocol's name (or full name);
JSON is the request: an object with one member per parameter (default {}). Unions are written
{"type": value}, bytes as strings of code points 0-255; longs stay exact.
--meta KEY=VALUE sends call metadata: VALUE as UTF-8 bytes under KEY (repeat for more keys).

Exit code: 0 ok, 1 the call failed (a declared error is printed as JSON), 2 usage.

Examples:
  spl call http://127.0.0.1:4100 SPLExecuteService.listAvailableModules
  spl call tcp://127.0.0.1:4101 SPLExecuteService.listAvailableModules --meta spl.trace=abc123`;

/** `KEY=VALUE` as one metadata entry (the value may itself hold `=`). */
function metaEntry(arg: string | undefined, meta: Meta): void {
  const at = arg?.indexOf('=') ?? -1;
  if (arg === undefined || at <= 0) throw new UsageError(`--meta takes KEY=VALUE (a non-empty key, then '=' and the value), got ${arg === undefined ? 'nothing' : `'${arg}'`}`);
  meta[arg.slice(0, at)] = Buffer.from(arg.slice(at + 1), 'utf8');
}

export const callCommand: Command = {
  name: 'call',
  summary: 'call one message of a node, with Avro JSON in and out',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    let token: string | undefined;
    let timeoutMs: number | undefined;
    let verbose = false;
    let caFile: string | undefined;
    const meta: Meta = Object.create(null) as Meta;
    const positional: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--token') token = args[++i];
      else if (arg === '--timeout') {
        timeoutMs = Number(args[++i]);
        if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new UsageError('--timeout takes milliseconds');
      } else if (arg === '--verbose' || arg === '-v') verbose = true;
      else if (arg === '--ca') caFile = args[++i];
      else if (arg === '--meta') metaEntry(args[++i], meta);
      else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
      else positional.push(arg);
    }
    const [url, target, json = '{}'] = positional;
    if (!url || !target || positional.length > 3) throw new UsageError('expected URL, Protocol.message and optionally the request JSON');
    const dot = target.lastIndexOf('.');
    if (dot <= 0) throw new UsageError(`'${target}' is not Protocol.message`);
    const protocolName = target.slice(0, dot);
    const messageName = target.slice(dot + 1);
    const channel = channelFor(url, protocolName, token, readCa(caFile));
    let message: Message | undefined;
    try {
      const codec = await discoverProtocol(channel, { token, protocolName });
      message = findMessage(codec, messageName);
      if (!message) {
        io.stderr(`spl call: ${noSuchMessage(codec, messageName)}\n`);
        return 1;
      }
      let request: Record<string, unknown>;
      try {
        request = parseRequest(message, json);
      } catch (error) {
        if (error instanceof AvroValueError) {
          io.stderr(`spl call: the request does not fit ${messageName}'s parameters: ${error.message}\n`);
          return 1;
        }
        throw error;
      }
      const client = new RpcClient(codec, channel, { token, protocolName });
      const outcome = await client.callDetailed(messageName, request, { timeoutMs, meta });
      io.stdout(toJsonText(responseJson(message, outcome.response)) + '\n');
      if (verbose) io.stderr(`${codec.fullName}.${messageName}: ${outcome.durationMs.toFixed(1)} ms, request ${outcome.requestBytes} bytes, response ${outcome.responseBytes} bytes\n`);
      return 0;
    } catch (error) {
      if (error instanceof DeclaredError) {
        io.stdout(toJsonText({ [error.type]: declaredErrorJson(message, error) }) + '\n');
        io.stderr(`spl call: the call failed with ${error.type}\n`);
      } else if (error instanceof RemoteSystemError) io.stderr(`spl call: the node answered with an error: ${error.message}\n`);
      else io.stderr(`spl call: ${(error as Error).message}\n`);
      return 1;
    } finally {
      await channel.close();
    }
  },
};
