/**
 * The modal question of the dialog store (unsaved changes when closing a tab). Focus moves to
 * the primary answer and stays inside; Escape dismisses; arrow keys move between the answers.
 */
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useStudio, useSlice } from '../app/studio.js';

export function ConfirmDialog() {
  const studio = useStudio();
  const dialog = useSlice(studio.dialog, (s) => s.dialog);
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const messageId = useId();

  useEffect(() => {
    if (dialog) ref.current?.querySelector<HTMLButtonElement>('.is-primary, button')?.focus();
  }, [dialog]);

  if (!dialog) return null;
  const answer = (id: string | null) => studio.dialog.getState().answer(id);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') answer(null);
    else if (event.key === 'ArrowRight' || (event.key === 'Tab' && !event.shiftKey)) buttons[(at + 1) % buttons.length]?.focus();
    else if (event.key === 'ArrowLeft' || (event.key === 'Tab' && event.shiftKey)) buttons[(at - 1 + buttons.length) % buttons.length]?.focus();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div className="dialog-backdrop" data-modal>
      <div ref={ref} className="dialog" role="alertdialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={messageId} onKeyDown={onKeyDown}>
        <div className="dialog-body">
          <span className="dialog-icon codicon codicon-warning" aria-hidden="true" />
          <div>
            <h2 id={titleId} className="dialog-title">{dialog.title}</h2>
            <p id={messageId} className="dialog-message">{dialog.message}</p>
          </div>
        </div>
        <div className="dialog-actions">
          {dialog.choices.map((c) => (
            <button key={c.id} type="button" className={c.primary ? 'button is-primary' : 'button'} onClick={() => answer(c.id)}>
              {c.label}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
