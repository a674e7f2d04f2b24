/**
 * `TextBuffers` without Monaco, for tests: texts in a map, dirty when the text differs from the
 * last saved one (Monaco's models track it by version; the effect on the stores is the same).
 */
import type { TextBuffers } from '../stores/documents-store.js';

export class FakeBuffers implements TextBuffers {
  readonly texts = new Map<string, string>();
  private readonly saved = new Map<string, string>();
  onDirty: (path: string, dirty: boolean) => void = () => {};

  get(path: string): string | undefined {
    return this.texts.get(path);
  }

  set(path: string, text: string): void {
    this.texts.set(path, text);
    this.markSaved(path);
  }

  markSaved(path: string): void {
    const text = this.texts.get(path);
    if (text === undefined) return;
    this.saved.set(path, text);
    this.onDirty(path, false);
  }

  remove(path: string): void {
    this.texts.delete(path);
    this.saved.delete(path);
  }

  /** Types into a file, as the editor would. */
  edit(path: string, text: string): void {
    this.texts.set(path, text);
    this.onDirty(path, text !== this.saved.get(path));
  }
}
