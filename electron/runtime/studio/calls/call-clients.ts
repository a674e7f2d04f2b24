/**
 * One RpcClient per (endpoint, protocol, token), kept for the next call: over TCP the connection
 * and its handshake are reused, as a real client would, and the studio shows that (the handshake
 * "made earlier"). A node that now serves another version of the protocol gets a fresh client.
 */
import { createHash } from 'node:crypto';
import type { HandshakeOutcome } from '../../../../shared/studio/api.js';
import { RpcClient } from '../../rpc/client.js';
import type { ProtocolCodec } from '../../rpc/protocol-codec.js';
import type { CallTarget } from '../call-target.js';
import { channelForEndpoint } from '../../rpc/endpoint-channel.js';
import { RecordingChannel } from './recording-channel.js';

export interface CallClient {
  client: RpcClient;
  channel: RecordingChannel;
  /** The handshake this client last made: what a call that reuses its connection stands on. */
  lastHandshake?: HandshakeOutcome;
}

export class CallClients {
  private readonly clients = new Map<string, CallClient & { hashKey: string }>();

  /** The client for this target's protocol; throws EndpointUrlError for an endpoint that is no node URL. */
  get(target: CallTarget, codec: ProtocolCodec): CallClient {
    const key = [target.endpoint, codec.fullName, target.token ?? '', target.ca ? createHash('sha256').update(target.ca).digest('hex') : ''].join('\n');
    const known = this.clients.get(key);
    if (known && known.hashKey === codec.hashKey) return known;
    if (known) void known.channel.close();
    const channel = new RecordingChannel(channelForEndpoint(target.endpoint, codec.fullName, { token: target.token, ca: target.ca }));
    // HTTP sends the token as a header; only TCP needs it in the handshake (where the frames mask it).
    const token = channel.stateful ? target.token : undefined;
    const entry = { client: new RpcClient(codec, channel, { token, protocolName: codec.fullName }), channel, hashKey: codec.hashKey };
    this.clients.set(key, entry);
    return entry;
  }

  async close(): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(all.map((c) => c.channel.close()));
  }
}
