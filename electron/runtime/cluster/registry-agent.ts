/**
 * `spl node --join URL`: registers this node with a registry node and keeps it alive with
 * heartbeats. A heartbeat answered NODE_NOT_FOUND (the registry restarted, or we were silent
 * past the TTL) means register again; an unreachable registry is retried every interval.
 */
import type { Protocol } from '../../../shared/avro/model.js';
import type { RpcClient } from '../rpc/client.js';
import { DeclaredError, errorMessage } from '../rpc/errors.js';
import type { NodeInfo } from './membership.js';
import { clientFor } from './endpoint-client.js';
import { sameMembers, toValue } from './node-info.js';

export interface RegistryAgentOptions {
  registry: string;
  protocol: Protocol;
  /** What to register; asked again on each beat, so reloaded modules get re-registered. */
  describe: () => NodeInfo;
  heartbeatMs?: number;
  token?: string;
  /** Told of registrations and lost contact (for the node's stderr). */
  log?: (line: string) => void;
}

export class RegistryAgent {
  private readonly client: RpcClient;
  private readonly heartbeatMs: number;
  private timer?: NodeJS.Timeout;
  private registered?: NodeInfo;
  private failing = false;
  private closed = false;
  private beating?: Promise<void>;

  constructor(private readonly options: RegistryAgentOptions) {
    this.client = clientFor(options.registry, options.protocol, { token: options.token });
    this.heartbeatMs = options.heartbeatMs ?? 1000;
  }

  /** Registers (or, if the registry cannot be reached, says so and keeps trying), then beats in the background. */
  async start(): Promise<void> {
    try {
      await this.register();
    } catch (error) {
      this.failing = true;
      this.options.log?.(`cannot register with ${this.options.registry}: ${errorMessage(error)}; retrying every ${this.heartbeatMs} ms`);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.beating = this.beat().finally(() => this.schedule());
    }, this.heartbeatMs);
  }

  private async register(): Promise<void> {
    const self = this.options.describe();
    await this.client.call('registerNode', { node: toValue(self) }, { timeoutMs: this.heartbeatMs * 2 });
    this.registered = self;
  }

  private async beat(): Promise<void> {
    try {
      const self = this.options.describe();
      if (!this.registered || !sameMembers([this.registered], [self])) {
        await this.register();
        this.options.log?.(`registered with ${this.options.registry}`);
      } else {
        try {
          await this.client.call('heartbeat', { nodeId: self.nodeId }, { timeoutMs: this.heartbeatMs * 2 });
        } catch (error) {
          if (!(error instanceof DeclaredError && (error.value as { code?: string })?.code === 'NODE_NOT_FOUND')) throw error;
          await this.register();
          this.options.log?.(`registered again with ${this.options.registry} (it did not know this node: restarted, or heartbeats were late)`);
        }
      }
      if (this.failing) this.options.log?.(`registry ${this.options.registry} reachable again`);
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.options.log?.(`cannot reach the registry ${this.options.registry}: ${errorMessage(error)}; retrying every ${this.heartbeatMs} ms`);
      this.failing = true;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.beating;
    await this.client.channel.close();
  }
}
