/**
 * An input that edits a value through text: what the user types is parsed on every change;
 * valid text hands the value up, invalid text stays on screen with the reason under it (linked
 * by aria-describedby) and the value keeps its last valid state.
 */
import { useId, type HTMLAttributes, type ReactNode } from 'react';
import type { RuntimeValue } from '../../../../shared/avro/avro-json.js';
import type { Parsed } from './parsed.js';
import { useDraft } from './use-draft.js';

export interface TextEditorProps<T extends RuntimeValue> {
  path: string;
  value: T;
  format(value: T): string;
  parse(text: string): Parsed<T>;
  onChange(value: T): void;
  placeholder?: string;
  /** `text` unless a native input fits exactly (`date`). */
  type?: 'text' | 'date';
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  /** Buttons after the input (Generate, Now...). */
  after?: ReactNode;
  /** A quiet line under the input while the text is valid: the raw value, the precision... */
  note?: string;
  className?: string;
}

export function TextEditor<T extends RuntimeValue>(props: TextEditorProps<T>) {
  const draft = useDraft(props.value, props.format, props.parse, props.onChange);
  const errorId = useId();
  const noteId = useId();
  const described = draft.error !== undefined ? errorId : props.note !== undefined ? noteId : undefined;
  return (
    <div className={`sf-text${props.className ? ` ${props.className}` : ''}`}>
      <div className="sf-inline">
        <input
          type={props.type ?? 'text'}
          className="sf-input"
          aria-label={props.path}
          aria-invalid={draft.error !== undefined ? true : undefined}
          aria-describedby={described}
          value={draft.text}
          placeholder={props.placeholder}
          inputMode={props.inputMode}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => draft.change(e.target.value)}
        />
        {props.after}
      </div>
      {draft.error !== undefined ? (
        <div id={errorId} className="sf-error">
          <span className="codicon codicon-error" aria-hidden="true" /> {draft.error}
        </div>
      ) : props.note !== undefined ? (
        <div id={noteId} className="sf-note">{props.note}</div>
      ) : null}
    </div>
  );
}
