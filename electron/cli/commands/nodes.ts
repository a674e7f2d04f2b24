/**
 * `spl nodes [--join URL | --discovery etcd://HOST:PORT]`: the cluster as a table, one node a
 * row: id, endpoint, modules, heartbeat age and health (each node pinged with a handshake, so
 * "up" means it answers now, not just that the registry or etcd still lists it).
 */
import { loadDefinition } from '../../runtime/definitions.js';
import { clientFor } from '../../runtime/cluster/endpoint-client.js';
import { EtcdMembership } from '../../runtime/cluster/etcd-membership.js';
import { RegistryMembership } from '../../runtime/cluster/registry-membership.js';
import type { Membership, NodeInfo } from '../../runtime/cluster/membership.js';
import { errorMessage } from '../../runtime/rpc/errors.js';
import { UsageError, type CliIo } from '../io.js';
import type { Command } from '../main.js';

const usage = `Usage: spl nodes (--join URL | --discovery etcd://HOST:PORT) [--token TOKEN] [--json]

Prints the cluster, one node a row: id, endpoint, modules, heartbeat age and health.
  --join URL       ask this node (any node; usually the registry) for its listNodes
  --discovery URL  read the members from etcd (keys /spl/nodes/<id>)
  --json           print the nodes as JSON instead of a table`;

async function health(node: NodeInfo, token: string | undefined): Promise<string> {
  try {
    const client = clientFor(node.endpoint, await loadDefinition('node'), { token });
    try {
      await client.ping({ timeoutMs: 1500, retries: 0 });
      return 'up';
    } finally {
      await client.channel.close();
    }
  } catch (error) {
    return `down (${errorMessage(error)})`;
  }
}

function age(ms: number): string {
  return ms < 0 ? '0s' : ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 60_000)}m`;
}

function modulesCell(modules: string[]): string {
  return modules.length <= 3 ? modules.join(',') || '-' : `${modules.slice(0, 3).join(',')} +${modules.length - 3}`;
}

export const nodesCommand: Command = {
  name: 'nodes',
  summary: 'print the nodes of a cluster (a registry node or etcd) as a table',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    let join: string | undefined;
    let discovery: string | undefined;
    let token: string | undefined;
    let json = false;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--join') join = args[++i];
      else if (arg === '--discovery') discovery = args[++i];
      else if (arg === '--token') token = args[++i];
      else if (arg === '--json') json = true;
      else throw new UsageError(`unknown option ${arg}`);
    }
    if (!join === !discovery) throw new UsageError('give one of --join URL or --discovery etcd://HOST:PORT');
    const membership: Membership = join ? new RegistryMembership({ registry: join, token }) : new EtcdMembership({ url: discovery! });
    let nodes: NodeInfo[];
    try {
      await membership.ready();
      nodes = membership.nodes();
    } catch (error) {
      io.stderr(`spl nodes: ${errorMessage(error)}\n`);
      return 1;
    } finally {
      await membership.close();
    }
    const now = Date.now();
    const healths = await Promise.all(nodes.map((n) => health(n, token)));
    if (json) {
      io.stdout(JSON.stringify(nodes.map((n, i) => ({ ...n, heartbeatAgeMs: now - n.lastHeartbeat, health: healths[i] })), null, 2) + '\n');
      return 0;
    }
    const rows = [['ID', 'ENDPOINT', 'MODULES', 'HEARTBEAT', 'HEALTH'], ...nodes.map((n, i) => [n.nodeId, n.endpoint, modulesCell(n.availableModules), age(now - n.lastHeartbeat), healths[i]])];
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    for (const row of rows) io.stdout(row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ') + '\n');
    if (nodes.length === 0) io.stdout('(no nodes)\n');
    return 0;
  },
};
