/**
 * `spl call URL Protocol.message 'JSON'`: calls one message of a node. The protocol is learnt
 * from the node's handshake; the request is Avro's JSON encoding (longs exact beyond 2^53);
 * the response is printed the same way. A declared error is printed as JSON too, with exit 1.
 */
import { isNamed, requestSchema, type Message } from '../../../shared/avro/model.js';
import { AvroValueError, parseAvroJsonText, toAvroJson, type RuntimeValue } from '../../../shared/avro/avro-json.js';
import { toJsonText } from '../../../shared/avro/json-text.js';
import { discoverProtocol, RpcClient } from '../../runtime/rpc/client.js';
import { DeclaredError, RemoteSystemError } from '../../runtime/rpc/errors.js';
import { UsageError, type CliIo } from '../io.js';
import type { Command } from '../main.js';
import { channelFor, readCa } from '../endpoint.js';
import { asEngineValue } from '../../runtime/rpc/engine-value.js';

const usage = `Usage: spl call URL Protocol.message ['JSON'] [--token TOKEN] [--ca CERT.pem] [--timeout MS] [--verbose]

Calls one message of an Avro RPC endpoint and prints the response in Avro's JSON encoding.
URL is http(s)://HOST:PORT or tcp(s)://HOST:PORT (--ca: a certificate to trust);
Protocol is the protocol's name (or full name);
JSON is the request: an object with one member per parameter (default {}). Unions are written
{"type": value}, bytes as strings of code points 0-255; longs stay exact.

Exit code: 0 ok, 1 the call failed (a declared error is printed as JSON), 2 usage.

Example:
  spl call http://127.0.0.1:4100 SPLExecuteService.listAvailableModules`;

export const callCommand: Command = {
  name: 'call',
  summary: 'call one message of a node, with Avro JSON in and out',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    let token: string | undefined;
    let timeoutMs: number | undefined;
    let verbose = false;
    let caFile: string | undefined;
    const positional: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--token') token = args[++i];
      else if (arg === '--timeout') {
        timeoutMs = Number(args[++i]);
        if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new UsageError('--timeout takes milliseconds');
      } else if (arg === '--verbose' || arg === '-v') verbose = true;
      else if (arg === '--ca') caFile = args[++i];
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
      message = codec.protocol.messages.find((m) => m.name === messageName);
      if (!message) {
        io.stderr(`spl call: ${codec.fullName} has no message '${messageName}'; it has ${codec.protocol.messages.map((m) => m.name).join(', ')}\n`);
        return 1;
      }
      let request: RuntimeValue;
      try {
        request = parseAvroJsonText(requestSchema(message), json);
      } catch (error) {
        if (error instanceof AvroValueError) {
          io.stderr(`spl call: the request does not fit ${messageName}'s parameters: ${error.message}\n`);
          return 1;
        }
        throw error;
      }
      const client = new RpcClient(codec, channel, { token, protocolName });
      const outcome = await client.callDetailed(messageName, asEngineValue(request) as Record<string, unknown>, { timeoutMs });
      io.stdout(toJsonText(toAvroJson(message.response, outcome.response as RuntimeValue)) + '\n');
      if (verbose) io.stderr(`${codec.fullName}.${messageName}: ${outcome.durationMs.toFixed(1)} ms, request ${outcome.requestBytes} bytes, response ${outcome.responseBytes} bytes\n`);
      return 0;
    } catch (error) {
      if (error instanceof DeclaredError) {
        const schema = message?.errors.find((e) => isNamed(e) && e.fullName === error.type);
        const value = schema ? toAvroJson(schema, error.value as RuntimeValue) : null;
        io.stdout(toJsonText({ [error.type]: value }) + '\n');
        io.stderr(`spl call: the call failed with ${error.type}\n`);
      } else if (error instanceof RemoteSystemError) io.stderr(`spl call: the node answered with an error: ${error.message}\n`);
      else io.stderr(`spl call: ${(error as Error).message}\n`);
      return 1;
    } finally {
      await channel.close();
    }
  },
};
