/**
 * The schemas behind a call's target: the node's protocol, as it sent it in the handshake, read
 * into the shared model, and the message picked in it. Reading is cached by the protocol's text,
 * since every keystroke in the form asks again.
 */
import { readProtocolJson } from '../../../shared/avro/schema-reader.js';
import type { Message, Protocol, Schema } from '../../../shared/avro/model.js';
import type { NodeDescription } from '../../../shared/studio/api.js';

export interface ComposerTarget {
  connectionId: string;
  nodeId: string;
  /** The protocol's full name. */
  protocol: string;
  message: string;
}

export const NO_TARGET: ComposerTarget = { connectionId: '', nodeId: '', protocol: '', message: '' };

export function isCompleteTarget(target: ComposerTarget): boolean {
  return target.connectionId !== '' && target.nodeId !== '' && target.protocol !== '' && target.message !== '';
}

export function sameTarget(a: ComposerTarget, b: ComposerTarget): boolean {
  return a.connectionId === b.connectionId && a.nodeId === b.nodeId && a.protocol === b.protocol && a.message === b.message;
}

export type ProtocolRead = { protocol: Protocol } | { error: string };

const cache = new Map<string, ProtocolRead>();
const CACHE_LIMIT = 32;

/** A node's protocol text read into the model (or why it cannot be read). */
export function readServedProtocol(name: string, text: string): ProtocolRead {
  const cached = cache.get(text);
  if (cached) return cached;
  let read: ProtocolRead;
  try {
    read = { protocol: readProtocolJson(text, { file: name }) };
  } catch (error) {
    read = { error: `The node's protocol ${name} cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(text, read);
  return read;
}

/** The protocol of that name in a node's description. */
export function protocolOf(description: NodeDescription | undefined, protocol: string): ProtocolRead | undefined {
  const served = description?.protocols.find((p) => p.name === protocol);
  return served ? readServedProtocol(served.name, served.text) : undefined;
}

/** The message a target names, or why there is none. */
export function messageOf(description: NodeDescription | undefined, target: ComposerTarget): { message: Message; protocol: Protocol } | { error: string } | undefined {
  if (!description || target.protocol === '' || target.message === '') return undefined;
  const read = protocolOf(description, target.protocol);
  if (!read) return { error: `Node ${target.nodeId} does not serve ${target.protocol}.` };
  if ('error' in read) return read;
  const message = read.protocol.messages.find((m) => m.name === target.message);
  if (!message) return { error: `${target.protocol} on node ${target.nodeId} has no message ${target.message}.` };
  return { message, protocol: read.protocol };
}

/** The schema of a result's body: the response for `ok`, the declared error's type for a declared error. */
export function resultSchema(message: Message | undefined, outcome: string, errorType: string | undefined): Schema | undefined {
  if (!message) return undefined;
  if (outcome === 'ok') return message.response;
  if (outcome === 'declared-error') return message.errors.find((e) => 'fullName' in e && e.fullName === errorType);
  return undefined;
}
