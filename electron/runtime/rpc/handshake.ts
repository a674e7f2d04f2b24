/**
 * The Avro RPC handshake (Apache Avro specification, "Handshake"): its two records, and the
 * MD5 hash by which each side names a protocol.
 */
import { createHash } from 'node:crypto';
import avsc from 'avsc';

export type HandshakeMatch = 'BOTH' | 'CLIENT' | 'NONE';

export interface HandshakeRequest {
  clientHash: Buffer;
  clientProtocol: string | null;
  serverHash: Buffer;
  meta: Record<string, Buffer> | null;
}

export interface HandshakeResponse {
  match: HandshakeMatch;
  serverProtocol: string | null;
  serverHash: Buffer | null;
  meta: Record<string, Buffer> | null;
}

// Unwrapped unions here (null or the value), as every Avro implementation sends them.
const registry = {};
export const handshakeRequestType = avsc.Type.forSchema({
  type: 'record', name: 'HandshakeRequest', namespace: 'org.apache.avro.ipc',
  fields: [
    { name: 'clientHash', type: { type: 'fixed', name: 'MD5', size: 16 } },
    { name: 'clientProtocol', type: ['null', 'string'] },
    { name: 'serverHash', type: 'MD5' },
    { name: 'meta', type: ['null', { type: 'map', values: 'bytes' }] },
  ],
}, { registry, wrapUnions: false });

export const handshakeResponseType = avsc.Type.forSchema({
  type: 'record', name: 'HandshakeResponse', namespace: 'org.apache.avro.ipc',
  fields: [
    { name: 'match', type: { type: 'enum', name: 'HandshakeMatch', symbols: ['BOTH', 'CLIENT', 'NONE'] } },
    { name: 'serverProtocol', type: ['null', 'string'] },
    { name: 'serverHash', type: ['null', 'MD5'] },
    { name: 'meta', type: ['null', { type: 'map', values: 'bytes' }] },
  ],
}, { registry, wrapUnions: false });

/** The 16-byte MD5 of a protocol's JSON text, as both sides compute it. */
export function protocolHash(text: string): Buffer {
  return createHash('md5').update(text).digest();
}
