/** One labelled field of a dialog's form (a connection, a container to start): the control, then its error and its hint. */
import type { ReactNode } from 'react';
import './form-field.css';

export function FormField(props: { id: string; label: string; error?: string; errorId: string; hint?: ReactNode; hintId: string; children: ReactNode }) {
  return (
    <div className={`field${props.error ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.error && <p id={props.errorId} className="field-error">{props.error}</p>}
      {props.hint && <p id={props.hintId} className="field-hint">{props.hint}</p>}
    </div>
  );
}
