/** Where the explorer sends the user: a message into the composer, a definition file into the editor. */
import type { Studio } from '../app/studio.js';
import { errorMessage } from '../stores/documents-store.js';

export interface ComposerTarget {
  connectionId: string;
  nodeId: string;
  /** The protocol's full name. */
  protocol: string;
  message: string;
}

/** Opens a message in the composer and shows the composer. */
export function openInComposer(studio: Studio, target: ComposerTarget): void {
  Promise.resolve(studio.composer.getState().open(target)).catch((error: unknown) =>
    studio.notifications.getState().push(`Could not open ${target.message} in the composer: ${errorMessage(error)}`),
  );
  studio.layout.getState().showView('composer');
}

/** Opens a workspace file in the editor and shows the editor. */
export async function openDefinition(studio: Studio, path: string): Promise<void> {
  if (await studio.openFile(path)) studio.layout.getState().showView('editor');
}
