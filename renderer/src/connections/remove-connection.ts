/**
 * Removes a connection after asking: it leaves the workspace's `spl-workspace.json` and its
 * token leaves the user's settings, which cannot be undone from the studio.
 */
import type { ConnectionStatus } from '../../../shared/studio/api.js';
import type { Studio } from '../app/studio.js';
import { errorMessage } from '../stores/documents-store.js';

/** Resolves with whether the connection was removed. */
export async function removeConnection(studio: Studio, connection: ConnectionStatus): Promise<boolean> {
  const choice = await studio.dialog.getState().ask({
    title: `Remove the connection "${connection.name}"?`,
    message: `The workspace forgets ${connection.url}${connection.hasToken ? ' and your settings forget its token' : ''}. The nodes themselves keep running.`,
    choices: [
      { id: 'remove', label: 'Remove', primary: true },
      { id: 'cancel', label: 'Cancel' },
    ],
  });
  if (choice !== 'remove') return false;
  try {
    await studio.connections.getState().remove(connection.id);
    return true;
  } catch (error) {
    studio.notifications.getState().push(`Could not remove the connection "${connection.name}": ${errorMessage(error)}`);
    return false;
  }
}
