/**
 * How a node's protocols compare with the workspace's definitions. Per protocol: by handshake
 * MD5 (same, differs, or not in the workspace). Per message, for one that differs: the studio
 * calls the node with the workspace's definition, so what matters is the workspace's protocol
 * as the client and the node's as the server; the shared compatibility checker says why such
 * calls break, each reason with its field path.
 */
import type { Message, Protocol } from '../../../../shared/avro/model.js';
import { toJsonText } from '../../../../shared/avro/json-text.js';
import { protocolToJson } from '../../../../shared/avro/schema-writer.js';
import { checkProtocolCompatibility } from '../../../../shared/compat/protocol-compatibility.js';
import type { DriftState, MessageDrift, ServedProtocol } from '../../../../shared/studio/api.js';
import type { Definitions } from './workspace-definitions.js';

export function driftOf(name: string, md5: string, definitions: Definitions): DriftState {
  const definition = definitions.get(name);
  if (!definition) return 'not-in-workspace';
  return definition.md5 === md5 ? 'same' : 'differs';
}

/** Per served protocol name. */
export function driftsOf(protocols: readonly ServedProtocol[], definitions: Definitions): Record<string, DriftState> {
  return Object.fromEntries(protocols.map((p) => [p.name, driftOf(p.name, p.md5, definitions)]));
}

/**
 * A verdict per message: the workspace's messages in order, then the node's extra ones. `same`
 * when the two messages (with every type they use) are written identically.
 */
export function messageDrift(workspace: Protocol, node: Protocol): MessageDrift[] {
  // The checker's "old" is the workspace's protocol (the caller), "new" the node's (the server).
  const report = checkProtocolCompatibility(workspace, node, { mode: 'backward' });
  const ours = new Map(workspace.messages.map((m) => [m.name, m]));
  const theirs = new Map(node.messages.map((m) => [m.name, m]));
  return report.messages.map((m): MessageDrift => {
    if (m.status === 'removed') {
      return { message: m.name, status: 'removed', reasons: [`the node has no message '${m.name}': calling it fails with "unknown message"`] };
    }
    if (m.status === 'added') return { message: m.name, status: 'added', reasons: [] };
    if (messageText(workspace, ours.get(m.name)!) === messageText(node, theirs.get(m.name)!)) return { message: m.name, status: 'same', reasons: [] };
    const reasons = m.oldClientNewServer.map((problem) => sides(problem.path ? `${problem.path}: ${problem.message}` : problem.message));
    return { message: m.name, status: reasons.length === 0 ? 'compatible' : 'incompatible', reasons };
  });
}

/** A message as JSON with every named type it uses written out in full, so equal text means equal calls. */
function messageText(protocol: Protocol, message: Message): string {
  // toJsonText, not JSON.stringify: defaults may hold longs beyond 2^53 as bigints.
  return toJsonText(protocolToJson({ ...protocol, doc: undefined, props: {}, types: [], messages: [message] }), 0);
}

/**
 * The checker names the two protocols "old" and "new"; here they are the workspace's and the
 * node's. Only the words standing for a side are replaced (followed by a space, not inside a
 * quoted field or a dotted name).
 */
function sides(text: string): string {
  return text.replace(/(^|[\s(])(old|new)(?= )/g, (_, before: string, side: string) => `${before}${side === 'old' ? 'workspace' : 'node'}`);
}
