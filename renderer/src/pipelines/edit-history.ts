/**
 * Undo and redo over whole graphs (they are small and immutable, so a snapshot per step is
 * cheap and cannot drift from the edits). Consecutive edits with the same tag, such as typing in
 * one configuration field, merge into one step.
 */
export interface EditHistory<T> {
  past: T[];
  future: T[];
  /** The tag of the edit that made the present state; only an edit right after it may merge. */
  lastTag: string | null;
}

export const LIMIT = 200;

export function emptyHistory<T>(): EditHistory<T> {
  return { past: [], future: [], lastTag: null };
}

/** `present` is about to be replaced by an edit tagged `tag`. */
export function record<T>(history: EditHistory<T>, present: T, tag: string | null): EditHistory<T> {
  if (tag !== null && history.lastTag === tag) return { ...history, future: [] };
  const past = [...history.past, present];
  return { past: past.length > LIMIT ? past.slice(past.length - LIMIT) : past, future: [], lastTag: tag };
}

export function undo<T>(history: EditHistory<T>, present: T): { history: EditHistory<T>; state: T } | undefined {
  const state = history.past.at(-1);
  if (state === undefined) return undefined;
  return { state, history: { past: history.past.slice(0, -1), future: [present, ...history.future], lastTag: null } };
}

export function redo<T>(history: EditHistory<T>, present: T): { history: EditHistory<T>; state: T } | undefined {
  const state = history.future[0];
  if (state === undefined) return undefined;
  return { state, history: { past: [...history.past, present], future: history.future.slice(1), lastTag: null } };
}
