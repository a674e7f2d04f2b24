/**
 * The text of a field that edits a value through text (numbers, bytes, dates...). While the
 * text parses, each edit hands the new value up; while it does not, the field keeps the user's
 * text and says why, and the value stays the last valid one. The text is the user's as long as
 * the value is the one it stands for: a new value from outside (Fill with example, a reset, the
 * JSON editor) replaces it with the value's own text.
 */
import { useState } from 'react';
import type { RuntimeValue } from '../../../../shared/avro/avro-json.js';
import type { Parsed } from './parsed.js';
import { sameValue } from './same-value.js';

interface Draft {
  text: string;
  error?: string;
  /** The value the text stands for (parsed), or the value there was when it stopped parsing. */
  basis: RuntimeValue;
}

export interface DraftState {
  text: string;
  error: string | undefined;
  change(text: string): void;
}

export function useDraft<T extends RuntimeValue>(value: T, format: (value: T) => string, parse: (text: string) => Parsed<T>, onChange: (value: T) => void): DraftState {
  const [draft, setDraft] = useState<Draft | null>(null);
  const current = draft !== null && sameValue(draft.basis, value) ? draft : null;
  return {
    text: current !== null ? current.text : format(value),
    error: current?.error,
    change(text: string): void {
      const parsed = parse(text);
      if (!parsed.ok) {
        setDraft({ text, error: parsed.error, basis: value });
        return;
      }
      setDraft({ text, basis: parsed.value });
      if (!sameValue(parsed.value, value)) onChange(parsed.value);
    },
  };
}
