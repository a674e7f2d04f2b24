/**
 * One node by URL (a connection of kind `node`), asked every poll what it is. An SPL node answers
 * SPLNodeService.describeNode. Any other Avro server (Python's avro.ipc, avsc, a service of our own
 * runtime) is asked through the handshake alone: it becomes one node, named by its URL, serving
 * the one protocol it sent. So the studio can show and call any Avro server, not only ours.
 *
 * A node that stops answering stays listed, marked unreachable with the reason, and the
 * connection says what to check; it comes back by itself at the next poll that it answers.
 */
import { loadDefinition } from '../../definitions.js';
import type { NodeInfo } from '../../cluster/membership.js';
import { fromValue } from '../../cluster/node-info.js';
import type { RpcClient } from '../../rpc/client.js';
import { errorMessage } from '../../rpc/errors.js';
import { clientTo } from './node-access.js';
import type { NodeSource, SourceContext, SourceNode, SourceState } from './node-source.js';
import { HANDSHAKE_TIMEOUT_MS } from './protocol-cache.js';
import { nothingAnswered, reachKind, reachProblem } from './reach-errors.js';
import { PollLoop } from './poll-loop.js';

type Asker = 'spl' | 'handshake';

export class LoneNodeSource implements NodeSource {
  private client?: Promise<RpcClient>;
  /** The way of asking that worked last: tried first next time. */
  private answeredTo: Asker = 'spl';
  private node?: SourceNode;
  private current: SourceState = { state: 'connecting' };
  private readonly loop: PollLoop;
  private closed = false;

  constructor(private readonly context: SourceContext) {
    this.loop = new PollLoop(() => this.poll(), context.pollMs);
  }

  start(): void {
    this.loop.start();
  }

  private async poll(): Promise<void> {
    const { url } = this.context;
    try {
      const info = await this.describe();
      if (this.closed) return;
      // Its own endpoint may name an address only it can reach (127.0.0.1 behind a tunnel):
      // the studio reaches it where the user said.
      this.node = { ...info, endpoint: url, lastHeartbeat: Date.now(), health: 'up' };
      this.current = { state: 'connected' };
    } catch (error) {
      if (this.closed) return;
      const problem = errorMessage(error);
      this.node = this.node
        ? { ...this.node, health: 'unreachable', healthError: problem }
        : { nodeId: url, endpoint: url, availableModules: [], capabilities: {}, lastHeartbeat: 0, protocols: [], health: 'unreachable', healthError: problem };
      this.current = { state: 'error', error: problem };
    }
    this.context.onUpdate();
  }

  /** Asks the way that worked last, then the other; says why neither did. */
  private async describe(): Promise<NodeInfo> {
    const { url } = this.context;
    const order: Asker[] = this.answeredTo === 'spl' ? ['spl', 'handshake'] : ['handshake', 'spl'];
    const failures = new Map<Asker, unknown>();
    for (const asker of order) {
      try {
        const info = asker === 'spl' ? await this.describeNode() : await this.handshake();
        this.answeredTo = asker;
        return info;
      } catch (error) {
        // Nothing answered (refused, timed out, token, TLS): asking differently will not help.
        if (nothingAnswered(error)) throw new Error(reachProblem(url, error), { cause: error });
        failures.set(asker, error);
      }
    }
    const [spl, handshake] = [failures.get('spl'), failures.get('handshake')];
    // Hung up on both without a word: most likely a token it wants (see reachProblem).
    if (reachKind(spl) === 'closed' && reachKind(handshake) === 'closed') throw new Error(reachProblem(url, spl), { cause: spl });
    throw new Error(
      `${url} answers, but neither as an SPL node (describeNode: ${errorMessage(spl)}) nor as an Avro server that sends its protocol in the handshake (${errorMessage(handshake)}). `
        + 'Check the URL; for a server of several protocols, name one in it: http://HOST:PORT/avro/<Protocol>',
    );
  }

  private async describeNode(): Promise<NodeInfo> {
    if (this.closed) throw new Error('the connection was closed');
    this.client ??= loadDefinition('node').then((protocol) => clientTo(this.context.url, protocol, this.context.access));
    const client = await this.client;
    return fromValue(await client.call('describeNode', {}, { timeoutMs: HANDSHAKE_TIMEOUT_MS }));
  }

  /** Any Avro server: its protocol from the handshake (kept in the cache for describe and calls). */
  private async handshake(): Promise<NodeInfo> {
    const { url, access, protocols } = this.context;
    const codec = await protocols.fetch(url, access, undefined);
    return { nodeId: url, endpoint: url, availableModules: [], capabilities: {}, lastHeartbeat: Date.now(), protocols: [{ name: codec.fullName, md5: codec.hashKey }] };
  }

  nodes(): SourceNode[] {
    return this.node ? [this.node] : [];
  }

  state(): SourceState {
    return this.current;
  }

  async close(): Promise<void> {
    this.closed = true;
    const stopping = this.loop.stop();
    // Closing the channel first ends a call in flight instead of waiting out its deadline.
    const client = await this.client?.catch(() => undefined);
    await client?.channel.close();
    await stopping;
  }
}
