/** Copies text for the user and says so (or says why not: the page may not hold the clipboard). */
import type { Studio } from '../app/studio.js';

export async function copyText(studio: Pick<Studio, 'notifications'>, text: string, what: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) throw new Error('this window has no clipboard access');
    await navigator.clipboard.writeText(text);
    studio.notifications.getState().push(`Copied ${what} to the clipboard.`, 'info');
    return true;
  } catch (error) {
    studio.notifications.getState().push(`Could not copy ${what}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
