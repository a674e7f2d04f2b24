/**
 * Closing the window (or a browser tab, which Ctrl+W does in a browser) with unsaved changes
 * asks first: the browser's own "leave site?" prompt, since nothing else can stop an unload.
 */
import type { Studio } from './studio.js';

export function installUnloadGuard(studio: Studio, target: Window = window): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (Object.values(studio.documents.getState().docs).some((d) => d.dirty)) event.preventDefault();
  };
  target.addEventListener('beforeunload', onBeforeUnload);
  return () => target.removeEventListener('beforeunload', onBeforeUnload);
}
