/**
 * "Copy as spl call": the composer's request as an `spl call` command line, variables
 * replaced, against the URL the CLI would use: the connection's own URL for a lone node (or
 * the local runtime), the node's endpoint in a cluster. A token never goes into the text: the
 * command reads it from $SPL_TOKEN.
 */
import { splCallCommand } from '../../../shared/studio/spl-call-command.js';
import type { Studio } from '../app/studio.js';
import { copyText } from './clipboard.js';

export const TOKEN_ENV = 'SPL_TOKEN';

export function callCommand(studio: Pick<Studio, 'composer' | 'connections'>): { command: string } | { error: string } {
  const prepared = studio.composer.getState().prepare();
  if ('error' in prepared) return prepared;
  const { request } = prepared;
  const { connections, nodes } = studio.connections.getState();
  const connection = connections.find((c) => c.id === request.connectionId);
  if (!connection) return { error: `Connection ${request.connectionId} is not in this workspace any more.` };
  const lone = connection.kind === 'node' || connection.kind === 'local';
  const node = (nodes[connection.id] ?? []).find((n) => n.nodeId === request.nodeId);
  const url = lone ? connection.url : node?.endpoint;
  if (!url) return { error: `Node ${request.nodeId} of ${connection.name} is not known any more, so its endpoint is unknown.` };
  try {
    return {
      command: splCallCommand({
      url,
      protocol: request.protocol,
      message: request.message,
      body: request.body,
      ...(request.metadata ? { metadata: request.metadata } : {}),
      ...(request.deadlineMs !== undefined ? { deadlineMs: request.deadlineMs } : {}),
      ...(connection.hasToken ? { tokenEnv: TOKEN_ENV } : {}),
      }),
    };
  } catch (error) {
    // Metadata a command line cannot carry (a key with '='): say which.
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export async function copyAsCall(studio: Pick<Studio, 'composer' | 'connections' | 'notifications'>): Promise<boolean> {
  const built = callCommand(studio);
  if ('error' in built) {
    studio.notifications.getState().push(`Cannot copy as spl call: ${built.error}`);
    return false;
  }
  return copyText(studio, built.command, 'the spl call command');
}
