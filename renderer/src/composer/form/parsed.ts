/** What a form field's text parser returns: the value, or what is wrong with the text, for people. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T,>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T = never,>(error: string): Parsed<T> => ({ ok: false, error });
