/**
 * Which pipeline document the run commands act on: the canvas says so as pipelines open and
 * close (`setActivePipelineDoc`), so the commands need not know how the canvas is laid out.
 */
const active = new WeakMap<object, string>();

/** The canvas calls this when it shows a pipeline (its document id), and with null when it shows none. */
export function setActivePipelineDoc(studio: object, docId: string | null): void {
  if (docId === null) active.delete(studio);
  else active.set(studio, docId);
}

/** The document the run commands act on, if any. */
export function activePipelineDoc(studio: object): string | null {
  return active.get(studio) ?? null;
}
