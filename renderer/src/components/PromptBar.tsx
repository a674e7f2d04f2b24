/**
 * The bar above the editor when the file on disk and the editor disagree: a refused save
 * (someone changed the file since it was read), a change on disk while there are unsaved edits
 * here, or a deletion. Each choice is a button. After a refused save the first one takes focus
 * (the user just pressed Ctrl+S and waits for an answer); a change on disk arrives while they
 * may be typing, so it is announced but never steals the keyboard: the "Resolve Disk Conflict"
 * command focuses it.
 */
import { useEffect, useRef } from 'react';
import { useStudio, useSlice } from '../app/studio.js';
import { formatKeybinding } from '../commands/keybinding.js';
import type { DocumentPrompt, Resolution } from '../stores/documents-store.js';
import { baseName } from '../workspace/file-kind.js';

interface Choice {
  label: string;
  run: () => void;
  primary?: boolean;
}

export function PromptBar() {
  const studio = useStudio();
  const active = useSlice(studio.tabs, (s) => s.active);
  const prompt = useSlice(studio.documents, (s) => (active ? s.docs[active]?.prompt : undefined));
  const firstButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (prompt?.kind === 'conflict') firstButton.current?.focus();
  }, [prompt]);

  if (!active || !prompt) return null;
  const name = baseName(active);
  const resolve = (choice: Resolution) => () => {
    void studio.documents.getState().resolve(active, choice).then(() => studio.editor.focus());
  };
  const { message, choices } = describe(prompt, name, resolve, () => {
    studio.documents.getState().forget(active);
    studio.tabs.getState().close(active);
  });

  return (
    <div className={`prompt-bar is-${prompt.kind}`} role="alert" data-prompt-bar>
      <span className={`codicon ${prompt.kind === 'deleted' ? 'codicon-trash' : 'codicon-warning'}`} aria-hidden="true" />
      <span className="prompt-message" title={message}>{message}</span>
      <span className="prompt-actions">
        {choices.map((choice, i) => (
          <button
            key={choice.label}
            ref={i === 0 ? firstButton : undefined}
            type="button"
            className={choice.primary ? 'button is-primary' : 'button'}
            onClick={choice.run}
          >
            {choice.label}
          </button>
        ))}
      </span>
      {prompt.kind !== 'conflict' && <kbd className="prompt-key" title="Resolve Disk Conflict: moves the keyboard here">{formatKeybinding('Mod+Alt+R')}</kbd>}
    </div>
  );
}

function describe(prompt: DocumentPrompt, name: string, resolve: (choice: Resolution) => () => void, close: () => void): { message: string; choices: Choice[] } {
  switch (prompt.kind) {
    case 'conflict':
      return {
        message: `Not saved: ${name} changed on disk after you opened it.`,
        choices: [
          { label: 'Reload Theirs', run: resolve('reload') },
          { label: 'Overwrite', run: resolve('overwrite'), primary: true },
          { label: 'Cancel', run: resolve('cancel') },
        ],
      };
    case 'changed':
      return {
        message: `${name} changed on disk while you were editing it.`,
        choices: [
          { label: 'Reload', run: resolve('reload') },
          { label: 'Keep Mine', run: resolve('keep'), primary: true },
        ],
      };
    case 'deleted':
      return {
        message: `${name} was deleted on disk.`,
        choices: [
          { label: 'Close', run: close },
          { label: 'Keep (Save Recreates It)', run: resolve('keep'), primary: true },
        ],
      };
  }
}
