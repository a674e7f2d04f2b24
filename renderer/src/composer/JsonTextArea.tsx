/**
 * The request body as plain text: the JSON tab without Monaco (tests, and a fallback when no
 * editor is given to ComposerMain). Ctrl/Cmd+Enter sends, as everywhere in the composer.
 */
import { useSlice, useStudio } from '../app/studio.js';

export function JsonTextArea() {
  const studio = useStudio();
  const body = useSlice(studio.composer, (s) => s.body);
  return (
    <textarea
      className="input request-json-text"
      aria-label="Request body (JSON)"
      spellCheck={false}
      value={body}
      onChange={(e) => studio.composer.getState().setBody(e.target.value)}
    />
  );
}
