/**
 * Nodes' protocols as their handshakes sent them, by MD5: a protocol is fetched once (the
 * handshake alone, `discoverProtocol`) however many nodes serve it, and again only when a node
 * serves a new version. The describe service and the call targets share it.
 */
import { discoverProtocol } from '../../rpc/client.js';
import { TransportError } from '../../rpc/errors.js';
import type { ProtocolCodec } from '../../rpc/protocol-codec.js';
import { channelTo, type NodeAccess } from './node-access.js';

/** Distinct protocol versions kept; past it the least recently used go (a studio sees a few dozen). */
const CAPACITY = 512;
/** A handshake is one round trip: a node that takes longer is as good as unreachable. */
export const HANDSHAKE_TIMEOUT_MS = 5000;

export class ProtocolCache {
  private readonly byMd5 = new Map<string, ProtocolCodec>();
  /** Handshakes in flight, by endpoint and protocol name: concurrent askers share one. */
  private readonly inFlight = new Map<string, Promise<ProtocolCodec>>();

  /** A protocol known by its hash, if any node sent it before. */
  get(md5: string): ProtocolCodec | undefined {
    const codec = this.byMd5.get(md5);
    if (codec) {
      this.byMd5.delete(md5);
      this.byMd5.set(md5, codec);
    }
    return codec;
  }

  /** Keeps a protocol learnt some other way (a lone node's handshake). */
  remember(codec: ProtocolCodec): void {
    this.byMd5.delete(codec.hashKey);
    this.byMd5.set(codec.hashKey, codec);
    if (this.byMd5.size > CAPACITY) this.byMd5.delete(this.byMd5.keys().next().value!);
  }

  /**
   * The protocol `endpoint` serves under `protocolName` (any, for a server of one protocol):
   * from the cache when `md5` names one it holds, else by a handshake on a channel of its own
   * (a handshake on a TCP connection already in use would be read as a call).
   */
  async fetch(endpoint: string, access: NodeAccess, protocolName: string | undefined, md5?: string): Promise<ProtocolCodec> {
    const cached = md5 === undefined ? undefined : this.get(md5);
    if (cached) return cached;
    const key = `${endpoint} ${protocolName ?? ''} ${access.token ?? ''}`;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = (async () => {
        const channel = channelTo(endpoint, protocolName, access);
        let timer: NodeJS.Timeout | undefined;
        // discoverProtocol has no deadline of its own: closing the channel ends the exchange.
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            reject(new TransportError(`${endpoint} did not answer the handshake within ${HANDSHAKE_TIMEOUT_MS} ms`));
            void channel.close();
          }, HANDSHAKE_TIMEOUT_MS);
        });
        try {
          const codec = await Promise.race([discoverProtocol(channel, { token: access.token, protocolName }), timeout]);
          this.remember(codec);
          return codec;
        } finally {
          clearTimeout(timer);
          await channel.close();
        }
      })();
      this.inFlight.set(key, pending);
      void pending.catch(() => undefined).finally(() => this.inFlight.delete(key));
    }
    return pending;
  }
}
