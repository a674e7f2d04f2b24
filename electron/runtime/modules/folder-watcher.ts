/**
 * Watches a modules folder and says when to reload it: `fs.watch` (recursive) notifications are
 * only hints, several per save, so they are debounced into one call once the folder has been
 * quiet for a moment. Reloads never overlap: a change during a reload runs one more after it.
 */
import { watch, type FSWatcher } from 'node:fs';

export interface FolderWatcher {
  close(): void;
}

export function watchFolder(root: string, reload: () => Promise<void>, options: { debounceMs?: number; onError?: (error: Error) => void } = {}): FolderWatcher {
  const debounceMs = options.debounceMs ?? 150;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  const run = (): void => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = reload()
      .catch((error: unknown) => options.onError?.(error instanceof Error ? error : new Error(String(error))))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(root, { recursive: true, persistent: false }, () => {
      clearTimeout(timer);
      timer = setTimeout(run, debounceMs);
    });
    watcher.on('error', (error) => options.onError?.(error));
  } catch (error) {
    options.onError?.(error as Error);
  }
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
