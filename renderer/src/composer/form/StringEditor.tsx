/**
 * A string: one line, or a text area for text with line breaks (shown as one when the value has
 * them, or when the user asks). Any text is a valid string, so every keystroke is the value.
 */
import { useState } from 'react';
import type { RuntimeValue } from '../../../../shared/avro/avro-json.js';

interface Props {
  path: string;
  value: string;
  onChange(value: RuntimeValue): void;
}

export function StringEditor({ path, value, onChange }: Props) {
  const [multiline, setMultiline] = useState(() => value.includes('\n'));
  const tall = multiline || value.includes('\n');
  return (
    <div className="sf-inline">
      {tall ? (
        <textarea
          className="sf-input sf-textarea"
          aria-label={path}
          value={value}
          rows={Math.min(12, Math.max(3, value.split('\n').length))}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input type="text" className="sf-input" aria-label={path} value={value} spellCheck={false} autoComplete="off" onChange={(e) => onChange(e.target.value)} />
      )}
      <button
        type="button"
        className={`icon-button${tall ? ' is-on' : ''}`}
        aria-label={`Multi-line ${path}`}
        aria-pressed={tall}
        title={value.includes('\n') ? 'The text has line breaks' : tall ? 'One line' : 'Several lines'}
        disabled={value.includes('\n')}
        onClick={() => setMultiline(!tall)}
      >
        <span className="codicon codicon-word-wrap" aria-hidden="true" />
      </button>
    </div>
  );
}
