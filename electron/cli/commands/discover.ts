/** `spl discover URL [--protocol NAME] [--token T]`: prints the protocol a node serves, learnt from the handshake. */
import { discoverProtocol } from '../../runtime/rpc/client.js';
import { protocolToJson } from '../../../shared/avro/schema-writer.js';
import { toJsonText } from '../../../shared/avro/json-text.js';
import { UsageError, type CliIo } from '../io.js';
import type { Command } from '../main.js';
import { channelFor, readCa } from '../endpoint.js';

const usage = `Usage: spl discover URL [--protocol NAME] [--token TOKEN] [--ca CERT.pem]

Prints the protocol (.avpr JSON) an Avro RPC endpoint serves, learnt from the handshake alone:
nothing is called. URL is http://HOST:PORT[/avro/Protocol] or tcp://HOST:PORT. A node serving
several protocols needs --protocol (or the /avro/Protocol path).`;

export const discoverCommand: Command = {
  name: 'discover',
  summary: 'print the protocol an Avro RPC endpoint serves (via the handshake)',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    let protocolName: string | undefined;
    let token: string | undefined;
    let caFile: string | undefined;
    const positional: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--protocol') protocolName = args[++i];
      else if (args[i] === '--token') token = args[++i];
      else if (args[i] === '--ca') caFile = args[++i];
      else if (args[i].startsWith('-')) throw new UsageError(`unknown option ${args[i]}`);
      else positional.push(args[i]);
    }
    if (positional.length !== 1) throw new UsageError('which URL?');
    const channel = channelFor(positional[0], protocolName, token, readCa(caFile));
    try {
      const codec = await discoverProtocol(channel, { token, protocolName });
      io.stdout(toJsonText(protocolToJson(codec.protocol)) + '\n');
      return 0;
    } catch (error) {
      io.stderr(`spl discover: ${(error as Error).message}\n`);
      return 1;
    } finally {
      await channel.close();
    }
  },
};
