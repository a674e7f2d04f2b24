/**
 * The compiled JSON of each contract, for the preview panel: the `.avpr` or `.avsc` the IDL
 * compiles to (or the canonical form of a JSON contract). When the source has errors the last
 * good output stays, marked stale, so the panel does not flicker empty while typing.
 */
import { createStore } from 'zustand/vanilla';

export interface PreviewOutput {
  /** The JSON text, or null if the file never compiled. */
  json: string | null;
  /** What the JSON is: a protocol (.avpr) or a schema (.avsc). */
  kind: 'avpr' | 'avsc' | null;
  /** The source has errors now; `json` is from the last time it compiled. */
  stale: boolean;
}

export interface PreviewState {
  outputs: Record<string, PreviewOutput>;
  /** Records a compilation; `json` null means it failed. */
  setOutput(path: string, json: string | null, kind: PreviewOutput['kind']): void;
  clear(path: string): void;
}

export type PreviewStore = ReturnType<typeof createPreviewStore>;

export function createPreviewStore() {
  return createStore<PreviewState>()((set, get) => ({
    outputs: {},
    setOutput(path, json, kind) {
      const previous = get().outputs[path];
      const next: PreviewOutput = json !== null
        ? { json, kind, stale: false }
        : { json: previous?.json ?? null, kind: previous?.kind ?? kind, stale: true };
      if (previous && previous.json === next.json && previous.stale === next.stale && previous.kind === next.kind) return;
      set({ outputs: { ...get().outputs, [path]: next } });
    },
    clear(path) {
      if (!get().outputs[path]) return;
      const outputs = { ...get().outputs };
      delete outputs[path];
      set({ outputs });
    },
  }));
}
