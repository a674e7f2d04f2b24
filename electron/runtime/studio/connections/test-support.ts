/**
 * What the connection tests share: a workspace in a temporary folder holding copies of the SPL
 * definitions, a secrets store beside it, a manager over both that records its events, and a
 * bounded wait. Real files, real nodes on loopback; nothing here fakes the runtime.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ClusterNode, ConnectionStatus } from '../../../../shared/studio/api.js';
import { definitionsDir } from '../../definitions.js';
import { SecretsStore } from '../user-data.js';
import { Workspace } from '../workspace.js';
import { ConnectionManager, type ConnectionManagerOptions } from './connection-manager.js';

export interface Harness {
  dir: string;
  workspaceDir: string;
  userDir: string;
  workspace: Workspace;
  secrets: SecretsStore;
  manager: ConnectionManager;
  logs: string[];
  connectionEvents: ConnectionStatus[][];
  clusterEvents: { connectionId: string; nodes: ClusterNode[] }[];
  close(): Promise<void>;
}

/** A workspace whose definitions/ are the repository's, edited by `edit` (file name → text → text). */
export async function openHarness(
  options: { edit?: Record<string, (text: string) => string>; workspaceJson?: string; manager?: Partial<ConnectionManagerOptions> } = {},
): Promise<Harness> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'spl-connections-'));
  const workspaceDir = path.join(dir, 'workspace');
  const userDir = path.join(dir, 'user');
  await fs.cp(definitionsDir(), path.join(workspaceDir, 'definitions'), { recursive: true });
  for (const [file, edit] of Object.entries(options.edit ?? {})) {
    const target = path.join(workspaceDir, 'definitions', file);
    await fs.writeFile(target, edit(await fs.readFile(target, 'utf8')));
  }
  if (options.workspaceJson !== undefined) await fs.writeFile(path.join(workspaceDir, 'spl-workspace.json'), options.workspaceJson);
  const logs: string[] = [];
  const log = (message: string) => logs.push(message);
  const workspace = await Workspace.open(workspaceDir);
  const secrets = await SecretsStore.open(userDir, { log });
  const manager = await ConnectionManager.open({ workspace, secrets, log, pollMs: 100, ...options.manager });
  const connectionEvents: ConnectionStatus[][] = [];
  const clusterEvents: { connectionId: string; nodes: ClusterNode[] }[] = [];
  manager.on('connections.change', (list) => connectionEvents.push(list));
  manager.on('cluster.change', (change) => clusterEvents.push(change));
  return {
    dir, workspaceDir, userDir, workspace, secrets, manager, logs, connectionEvents, clusterEvents,
    async close() {
      await manager.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** Waits for `probe` to give a value (polling); fails naming `what` after `ms`. */
export async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The status of one connection, from the manager's list. */
export async function statusOf(manager: ConnectionManager, id: string): Promise<ConnectionStatus | undefined> {
  return (await manager.api.connections.list()).find((c) => c.id === id);
}

/** The rejection of `promise` (which must reject). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as Error,
  );
}
