/**
 * Whether two versions of a protocol can talk to each other, message by message, in both
 * directions: old clients calling a new server, and new clients calling an old server.
 *
 * In an Avro RPC call the server reads the request with its own request schema (the client's is
 * the writer) and the client reads the response or error with its own (the server's is the
 * writer). Request parameters resolve like the fields of an anonymous record, by name. The error
 * union always includes the implicit `string` system error.
 */
import { describeSchema, shortName } from '../avro/describe.js';
import { isNamed, primitive, type Message, type Protocol, type Schema } from '../avro/model.js';
import { relevant, type CompatibilityMode, type CompatibilityStatus, type Incompatibility, type MessageCompatibility, type ProtocolCompatibilityReport } from './report.js';
import { atRoot, CompatibilityChecker } from './schema-compatibility.js';

export interface ProtocolCompatibilityOptions {
  /** Which directions must work (default `full`: both). */
  mode?: CompatibilityMode;
}

export function checkProtocolCompatibility(oldProtocol: Protocol, newProtocol: Protocol, options: ProtocolCompatibilityOptions = {}): ProtocolCompatibilityReport {
  const mode = options.mode ?? 'full';
  const messages: MessageCompatibility[] = [];
  const newByName = new Map(newProtocol.messages.map((m) => [m.name, m]));
  const oldNames = new Set(oldProtocol.messages.map((m) => m.name));

  for (const oldMessage of oldProtocol.messages) {
    const newMessage = newByName.get(oldMessage.name);
    if (!newMessage) {
      messages.push({
        name: oldMessage.name,
        status: 'removed',
        oldClientNewServer: [{ path: '', message: `message '${oldMessage.name}' was removed: the new server rejects old clients' calls to it` }],
        newClientOldServer: [],
      });
      continue;
    }
    const oldClientNewServer = callProblems(oldMessage, newMessage, 'old', 'new');
    const newClientOldServer = callProblems(newMessage, oldMessage, 'new', 'old');
    messages.push({ name: oldMessage.name, status: statusOf(mode, oldClientNewServer, newClientOldServer), oldClientNewServer, newClientOldServer });
  }
  for (const newMessage of newProtocol.messages) {
    if (oldNames.has(newMessage.name)) continue;
    messages.push({
      name: newMessage.name,
      status: 'added',
      oldClientNewServer: [],
      newClientOldServer: [{ path: '', message: `message '${newMessage.name}' is new: an old server does not have it and rejects new clients' calls to it` }],
    });
  }

  const compatible = messages.every((m) => relevant(mode, m.oldClientNewServer, m.newClientOldServer).length === 0);
  return {
    kind: 'protocol',
    mode,
    oldProtocol: fullName(oldProtocol),
    newProtocol: fullName(newProtocol),
    messages,
    warnings: protocolWarnings(oldProtocol, newProtocol),
    compatible,
  };
}

function statusOf(mode: CompatibilityMode, backward: Incompatibility[], forward: Incompatibility[]): CompatibilityStatus {
  return relevant(mode, backward, forward).length === 0 ? 'compatible' : 'incompatible';
}

function fullName(protocol: Protocol): string {
  return protocol.namespace === undefined ? protocol.protocol : `${protocol.namespace}.${protocol.protocol}`;
}

/**
 * Problems when a client with `clientMessage` calls a server with `serverMessage`; `clientSide`
 * and `serverSide` (`old`/`new`) name the versions in messages.
 */
function callProblems(clientMessage: Message, serverMessage: Message, clientSide: string, serverSide: string): Incompatibility[] {
  if (clientMessage.oneWay !== serverMessage.oneWay) {
    const [oneWay, twoWay] = clientMessage.oneWay ? [clientSide, serverSide] : [serverSide, clientSide];
    return [{ path: 'one-way', message: `the message is one-way in the ${oneWay} protocol but expects a response in the ${twoWay} one; Avro refuses calls between them` }];
  }
  // The server reads the request: it is the reader, the client the writer.
  const serverReads = new CompatibilityChecker({ reader: serverSide, writer: clientSide });
  const problems = atRoot('request', serverReads.fields(serverMessage.request, clientMessage.request, { reader: 'request', writer: 'request', item: 'parameter' }));
  if (clientMessage.oneWay) return problems;
  // The client reads the response, or an error: it is the reader now.
  const clientReads = new CompatibilityChecker({ reader: clientSide, writer: serverSide });
  problems.push(...atRoot('response', clientReads.schemas(clientMessage.response, serverMessage.response)));
  problems.push(...errorProblems(clientReads, clientMessage, serverMessage, clientSide, serverSide));
  return problems;
}

/**
 * Each error the server may throw must be readable by the client. An error the client does not
 * declare at all gets its own message; one it declares differently gets the schema problems.
 */
function errorProblems(clientReads: CompatibilityChecker, clientMessage: Message, serverMessage: Message, clientSide: string, serverSide: string): Incompatibility[] {
  const problems: Incompatibility[] = [];
  const clientErrors = errorUnion(clientMessage);
  for (const error of serverMessage.errors) {
    const path = `errors(${shortName(error)})`;
    const declared = isNamed(error) && clientMessage.errors.some((c) => isNamed(c) && (c.name === error.name || c.aliases.includes(error.fullName)));
    const found = clientReads.schemas(clientErrors, error);
    if (found.length === 0) continue;
    if (!declared) {
      problems.push({ path, message: `the ${serverSide} server may throw ${describeSchema(error)}, which the ${clientSide} client does not declare and cannot read` });
    } else problems.push(...atRoot(path, found));
  }
  return problems;
}

/** The union a call's errors travel in: the implicit `string` system error, then the declared ones. */
function errorUnion(message: Message): Schema {
  return { type: 'union', types: [primitive('string'), ...message.errors] };
}

function protocolWarnings(oldProtocol: Protocol, newProtocol: Protocol): string[] {
  const warnings: string[] = [];
  const oldName = fullName(oldProtocol);
  const newName = fullName(newProtocol);
  if (oldName !== newName) {
    warnings.push(`the protocol is renamed from ${oldName} to ${newName}: Avro RPC resolves messages by name and does not mind, but clients that address a protocol by its name (an SPL node's /avro/<name> route) will not find it`);
  }
  return warnings;
}
