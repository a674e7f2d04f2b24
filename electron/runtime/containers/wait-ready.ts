/**
 * Waits until the node inside a new container answers an Avro handshake, or the container
 * stops, or time runs out: whichever comes first. A container's node needs a moment to load
 * its definitions and modules; a broken one usually exits at once, so its state is checked
 * between attempts rather than waiting out the whole timeout.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RpcClient } from '../rpc/client.js';

export interface ReadinessCheck {
  /** A client of a protocol the node serves, at its endpoint. */
  client: RpcClient;
  /** The container's state now: whether it runs, and its exit code when not. */
  state: () => Promise<{ running: boolean; exitCode?: number; status: string }>;
  timeoutMs: number;
}

export type Readiness = { ready: true } | { ready: false; why: string };

const PAUSE_MS = 150;

export async function waitUntilAnswering({ client, state, timeoutMs }: ReadinessCheck): Promise<Readiness> {
  const deadline = Date.now() + timeoutMs;
  let lastFailure: string;
  for (;;) {
    try {
      await client.ping({ timeoutMs: Math.max(200, Math.min(2000, deadline - Date.now())), retries: 0 });
      return { ready: true };
    } catch (error) {
      lastFailure = (error as Error).message;
    }
    const now = await state();
    if (!now.running) return { ready: false, why: `the container stopped (${now.status}${now.exitCode === undefined ? '' : `, exit code ${now.exitCode}`}) before its node answered` };
    if (Date.now() >= deadline) return { ready: false, why: `its node did not answer within ${timeoutMs} ms (last attempt: ${lastFailure})` };
    await sleep(PAUSE_MS);
  }
}
