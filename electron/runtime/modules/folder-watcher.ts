/**
 * Watches a modules folder and says when to reload it: `fs.watch` notifications are only hints,
 * several per save, so they are debounced into one call once the folder has been quiet for a
 * moment. Reloads never overlap: a change during a reload runs one more after it.
 *
 * Each folder has its own watcher, set up again after every reload: on Linux, Node 20's
 * `recursive` watch stops reporting a file once an editor's atomic save has replaced it.
 */
import { readdirSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

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
        // Folders may have come and gone: watch the tree as it is now.
        rewatch();
        if (again) {
          again = false;
          run();
        }
      });
  };

  const watchers: FSWatcher[] = [];
  const onChange = (): void => {
    clearTimeout(timer);
    timer = setTimeout(run, debounceMs);
  };
  /** Watches the root and every folder under it, as they are now. */
  const rewatch = (): void => {
    for (const watcher of watchers.splice(0)) watcher.close();
    if (closed) return;
    let folders: string[];
    try {
      folders = [root, ...readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => path.join(entry.parentPath, entry.name))];
    } catch (error) {
      options.onError?.(error as Error);
      return;
    }
    for (const folder of folders) {
      try {
        const watcher = watch(folder, { persistent: false }, onChange);
        watcher.on('error', (error) => options.onError?.(error));
        watchers.push(watcher);
      } catch (error) {
        options.onError?.(error as Error);
      }
    }
  };
  rewatch();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.splice(0)) watcher.close();
    },
  };
}
