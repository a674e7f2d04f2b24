/**
 * In-process calls: the caller and the service in one process. By default nothing is
 * serialized: the request and the response are checked against their schemas (with the path of
 * every problem) and handed over as they are, which makes a local call cost little more than a
 * function call. `binary: true` runs the full wire path instead (encode, handshake, decode),
 * for tests that must see exactly what a remote caller would.
 */
import type { Protocol, RecordSchema, Message } from '../../../shared/avro/model.js';
import { isNamed, requestSchema } from '../../../shared/avro/model.js';
import { describeProblems, validateValue } from '../../../shared/avro/validate-value.js';
import type { Channel } from './channel.js';
import { RpcClient, type CallOptions } from './client.js';
import { DeclaredError } from './errors.js';
import { ProtocolCodec, type MessageCodec } from './protocol-codec.js';
import type { RpcServer, Session } from './server.js';

/** A stateful channel straight into a server: the binary path without sockets. */
export class InProcessChannel implements Channel {
  readonly stateful = true;
  readonly endpoint = 'in-process';
  onReset?: () => void;
  private session: Session = { stateful: true, transport: 'in-process' };

  constructor(private readonly server: RpcServer) {}

  send(body: Buffer): Promise<Buffer | null> {
    return this.server.handle(body, this.session);
  }

  reset(): void {
    this.session = { stateful: true, transport: 'in-process' };
    this.onReset?.();
  }

  async close(): Promise<void> {}
}

export interface InProcessOptions {
  /** Run the full wire path (serialize, handshake, deserialize) instead of handing values over. */
  binary?: boolean;
}

interface Checked {
  message: Message;
  request: RecordSchema;
  codec: MessageCodec;
}

export class InProcessClient {
  readonly codec: ProtocolCodec;
  private readonly wire?: RpcClient;
  private readonly checked = new Map<string, Checked>();

  constructor(private readonly server: RpcServer, protocol: Protocol | ProtocolCodec, options: InProcessOptions = {}) {
    this.codec = protocol instanceof ProtocolCodec ? protocol : new ProtocolCodec(protocol);
    if (options.binary) this.wire = new RpcClient(this.codec, new InProcessChannel(server));
    for (const message of this.codec.protocol.messages) {
      this.checked.set(message.name, {
        message,
        request: requestSchema(message),
        codec: this.codec.messages.get(message.name)!,
      });
    }
  }

  async call(name: string, request: Record<string, unknown>, options: CallOptions = {}): Promise<unknown> {
    if (this.wire) return this.wire.call(name, request, options);
    const checked = this.checked.get(name);
    if (!checked) throw new Error(`unknown message '${name}': protocol ${this.codec.fullName} has ${[...this.checked.keys()].join(', ')}`);
    // avsc's compiled check is the fast path; our validator runs only to explain a rejection (and
    // to accept what avsc cannot judge, such as bytes as a Uint8Array rather than a Buffer).
    if (!checked.codec.request.isValid(request)) {
      const problems = validateValue(checked.request, request, 'request');
      if (problems.length > 0) throw new TypeError(`invalid request for '${name}': ${describeProblems(problems)}`);
    }
    let result: unknown;
    try {
      result = await this.server.invoke(this.codec.fullName, name, request, { meta: options.meta ?? {}, transport: 'in-process' });
    } catch (error) {
      if (error instanceof DeclaredError) {
        const declared = checked.message.errors.find((e) => isNamed(e) && (e.fullName === error.type || e.name === error.type));
        if (!declared || !isNamed(declared)) throw new Error(`${error.type} is not declared by '${name}': ${error.message}`, { cause: error });
        const errorProblems = validateValue(declared, error.value, declared.name);
        if (errorProblems.length > 0) throw new Error(`the handler of '${name}' threw ${declared.fullName} with an invalid value: ${describeProblems(errorProblems)}`, { cause: error });
        throw new DeclaredError(declared.fullName, error.value);
      }
      throw error;
    }
    if (checked.message.oneWay) return null;
    if (!checked.codec.response.isValid(result)) {
      const responseProblems = validateValue(checked.message.response, result, 'response');
      if (responseProblems.length > 0) throw new Error(`the handler of '${name}' returned an invalid response: ${describeProblems(responseProblems)}`);
    }
    return result;
  }
}
