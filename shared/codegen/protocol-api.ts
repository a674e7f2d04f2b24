/**
 * The typed API of a protocol, for `spl codegen`:
 *
 * - `XClient`: one method per message, `message(request, options?)`, where `request` holds the
 *   parameters by name: the shape `RpcClient.call(name, request)` and `proxy()` take.
 * - `XServer`: one handler per message, `message(request, context)`, for `registerX(server, impl)`.
 * - `createXClient(channel | url, options?)`: an `RpcClient` with the protocol embedded, whose
 *   declared errors arrive as the generated error classes.
 * - `XProtocolJson`: the protocol as the handshake sends it.
 *
 * Requests a client sends and responses a handler returns use the `…Input` forms (defaults may be
 * left out); what a handler receives and a client gets back are the complete forms.
 */
import { isNamed, type Message, type Protocol, type RecordSchema } from '../avro/model.js';
import { protocolToJson } from '../avro/schema-writer.js';
import { toJsonText } from '../avro/json-text.js';
import { fieldDoc } from './declarations.js';
import { objectKey, propertyKey, quote, type NameAllocator } from './identifiers.js';
import { jsDoc } from './jsdoc.js';
import type { RuntimeImports } from './runtime-imports.js';
import type { Direction, TypeScope } from './type-scope.js';

/** The connection's own members; a message of the same name keeps it, and they become `$rpc`, `$close`. */
const HANDLE_MEMBERS = ['rpc', 'close'] as const;

export function protocolApi(protocol: Protocol, scope: TypeScope, runtime: RuntimeImports, allocator: NameAllocator): string[] {
  const fullName = protocol.namespace ? `${protocol.namespace}.${protocol.protocol}` : protocol.protocol;
  const base = protocol.protocol;
  const names = {
    json: allocator.claim(`${base}ProtocolJson`),
    parsed: allocator.claim(`${base}Protocol`),
    messages: allocator.claim(`${base}Messages`),
    client: allocator.claim(`${base}Client`),
    connection: allocator.claim(`${base}Connection`),
    server: allocator.claim(`${base}Server`),
    create: allocator.claim(`create${base}Client`),
    register: allocator.claim(`register${base}`),
    channelTo: allocator.claim('channelTo'),
    errorClasses: allocator.claim('errorClasses'),
    typedError: allocator.claim('typedError'),
  };
  const messageNames = protocol.messages.map((m) => m.name);
  // A message called `close` or `rpc` keeps its name; the handle's member moves aside.
  const handle = Object.fromEntries(HANDLE_MEMBERS.map((m) => [m, messageNames.includes(m) ? `$${m}` : m])) as Record<(typeof HANDLE_MEMBERS)[number], string>;
  const jsonDoc = `The protocol \`${fullName}\` as Avro JSON, as the handshake sends it.`;
  const jsonConst = `export const ${names.json} = ${templateLiteral(toJsonText(protocolToJson(protocol)))};`;
  // A protocol without messages is a set of types: there is nothing to call or serve.
  if (protocol.messages.length === 0) return [...jsDoc([protocol.doc, jsonDoc]), jsonConst];
  const errorTypes = scope.named.filter((t): t is RecordSchema => t.type === 'error');
  const channel = runtime.type('Channel');
  const callOptions = runtime.type('CallOptions');
  const clientOptions = runtime.type('ClientOptions');
  const callContext = runtime.type('CallContext');
  const rpcClient = runtime.value('RpcClient');

  const lines: string[] = [];
  lines.push(`/** The messages of \`${fullName}\`, in declaration order. */`, `export const ${names.messages} = [${messageNames.map(quote).join(', ')}] as const;`, '');

  // The client interface.
  lines.push(...jsDoc([protocol.doc, `A typed client of \`${fullName}\`: one method per message; \`request\` holds the parameters by name.`]));
  lines.push(`export interface ${names.client} {`);
  protocol.messages.forEach((message, i) => {
    if (i > 0) lines.push('');
    lines.push(...jsDoc(messageDoc(message, scope, 'client'), '  '));
    const request = parameters(message, scope, 'in', '  ');
    const optional = message.request.every((f) => f.hasDefault) ? '?' : '';
    const response = message.oneWay || message.response.type === 'null' ? 'void' : scope.typeText(message.response, 'out');
    lines.push(`  ${propertyKey(message.name)}(request${optional}: ${request}, options?: ${callOptions}): Promise<${response}>;`);
  });
  lines.push('}', '');

  // The server interface.
  lines.push(...jsDoc([`The handlers of \`${fullName}\`, for \`${names.register}\`. A handler returns the response or throws a declared error's class; anything else it throws becomes a system error.`]));
  lines.push(`export interface ${names.server} {`);
  protocol.messages.forEach((message, i) => {
    if (i > 0) lines.push('');
    lines.push(...jsDoc(messageDoc(message, scope, 'server'), '  '));
    const request = parameters(message, scope, 'out', '  ');
    const response = message.oneWay || message.response.type === 'null' ? 'void | null' : scope.typeText(message.response, 'in');
    const result = /[|&]/.test(response) ? `(${response})` : response;
    lines.push(`  ${propertyKey(message.name)}(request: ${request}, context: ${callContext}): Promise<${response}> | ${result};`);
  });
  lines.push('}', '');

  // The connection: the client plus what it runs on.
  lines.push(`/** A client of \`${fullName}\` with the engine's client under it. */`);
  lines.push(`export interface ${names.connection} extends ${names.client} {`);
  lines.push(`  /** The engine's client: call details (\`callDetailed\`), \`ping\`, the server's protocol. */`);
  lines.push(`  readonly ${handle.rpc}: ${rpcClient};`);
  lines.push('  /** Closes the channel. */');
  lines.push(`  ${handle.close}(): Promise<void>;`);
  lines.push('}', '');

  if (errorTypes.length > 0) {
    const declaredError = runtime.value('DeclaredError');
    lines.push('/** The error classes by Avro full name: declared errors arrive as these. */');
    lines.push(`const ${names.errorClasses}: Record<string, new (value: never) => ${declaredError}> = {`);
    for (const t of errorTypes) lines.push(`  ${quote(t.fullName)}: ${scope.namesOf(t).errorClass!},`);
    lines.push('};', '');
    lines.push('/** A plain `DeclaredError` from the engine as its generated class, so callers can catch by class. */');
    lines.push(`function ${names.typedError}(error: unknown): unknown {`);
    lines.push(`  if (!(error instanceof ${declaredError}) || error.constructor !== ${declaredError}) return error;`);
    lines.push(`  const ErrorClass = Object.prototype.hasOwnProperty.call(${names.errorClasses}, error.type) ? ${names.errorClasses}[error.type] : undefined;`);
    lines.push('  return ErrorClass ? new ErrorClass(error.value as never) : error;');
    lines.push('}', '');
  }

  lines.push(
    '/** A channel to a node URL: `http(s)://HOST:PORT` (the protocol\'s own path is added) or `tcp(s)://HOST:PORT`. */',
    `function ${names.channelTo}(url: string, options: ${clientOptions}): ${channel} {`,
    '  const scheme = new URL(url).protocol;',
    `  if (scheme === 'http:' || scheme === 'https:') return new ${runtime.value('HttpChannel')}(url, ${quote(fullName)}, { token: options.token });`,
    `  if (scheme === 'tcp:' || scheme === 'tcps:') return ${runtime.value('TcpChannel')}.fromUrl(url);`,
    `  throw new TypeError(\`unsupported scheme \${scheme} in \${url}: use http://, https://, tcp:// or tcps://\`);`,
    '}',
    '',
  );

  lines.push(
    ...jsDoc([
      `A client of \`${fullName}\` over \`target\`: a node's URL, or a channel of its own (a TCP channel carries one client's handshake). The node picks the protocol by its full name (the HTTP path \`/avro/${fullName}\`, or the handshake meta over TCP).`,
    ]),
    `export function ${names.create}(target: ${channel} | string, options: ${clientOptions} = {}): ${names.connection} {`,
    `  const channel = typeof target === 'string' ? ${names.channelTo}(target, options) : target;`,
    `  const rpc = new ${rpcClient}(${names.parsed}, channel, { protocolName: ${quote(fullName)}, ...options });`,
  );
  const send = `rpc.call(name, ${runtime.value('asEngineValue')}(request) as Record<string, unknown>, callOptions)`;
  lines.push(`  const call = (name: string) => async (request: object = {}, callOptions?: ${callOptions}): Promise<unknown> => {`);
  if (errorTypes.length > 0) lines.push('    try {', `      return await ${send};`, '    } catch (error) {', `      throw ${names.typedError}(error);`, '    }');
  else lines.push(`    return ${send};`);
  lines.push('  };');
  lines.push('  return {');
  for (const message of protocol.messages) lines.push(`    ${objectKey(message.name)}: call(${quote(message.name)}) as ${names.client}[${quote(message.name)}],`);
  lines.push(handle.rpc === 'rpc' ? '    rpc,' : `    ${handle.rpc}: rpc,`, `    ${handle.close}: () => rpc.close(),`, '  };', '}', '');

  lines.push(
    `/** Serves \`${fullName}\` on \`server\` with \`implementation\`'s handlers. */`,
    `export function ${names.register}(server: ${runtime.type('RpcServer')}, implementation: ${names.server}): void {`,
    `  const handlers: Record<string, ${runtime.type('Handler')}> = {};`,
    `  for (const name of ${names.messages}) {`,
    `    const handler = implementation[name] as (request: unknown, context: ${callContext}) => unknown;`,
    '    handlers[name] = async (request, context) => {',
    '      const result = await handler.call(implementation, request, context);',
    `      return result === undefined ? null : ${runtime.value('asEngineValue')}(result);`,
    '    };',
    '  }',
    `  server.addService(${names.parsed}, handlers);`,
    '}',
    '',
    // Last, being long; the functions above read it only when called.
    ...jsDoc([jsonDoc]),
    jsonConst,
    '',
    `const ${names.parsed} = ${runtime.value('readProtocolJson')}(${names.json}, { file: ${quote(fullName)} });`,
  );
  return lines;
}

/** A message's parameters as an object type, one property per parameter. */
function parameters(message: Message, scope: TypeScope, direction: Direction, indent: string): string {
  if (message.request.length === 0) return 'Record<string, never>';
  const lines = ['{'];
  for (const field of message.request) {
    const optional = direction === 'in' && field.hasDefault ? '?' : '';
    lines.push(...jsDoc(fieldDoc(field), `${indent}  `), `${indent}  ${propertyKey(field.name)}${optional}: ${scope.typeText(field.type, direction)};`);
  }
  lines.push(`${indent}}`);
  return lines.join('\n');
}

function messageDoc(message: Message, scope: TypeScope, side: 'client' | 'server'): string[] {
  const docs: string[] = [];
  if (message.doc) docs.push(message.doc);
  if (message.oneWay) docs.push('One-way: no response, no errors.');
  for (const error of message.errors) {
    if (!isNamed(error) || error.type !== 'error') continue;
    const className = scope.namesOf(error).errorClass!;
    docs.push(side === 'client' ? `@throws {${className}} declared error \`${error.fullName}\`` : `Throw \`${className}\` for the declared error \`${error.fullName}\`.`);
  }
  return docs;
}

/** Text as a template literal, for embedding the readable protocol JSON. */
function templateLiteral(text: string): string {
  return '`' + text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

