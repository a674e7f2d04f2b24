/**
 * The editor area ("Protocol editor"): tabs, the prompt bar for disk conflicts, the editor
 * itself (passed in, so this component runs without Monaco in tests) and, with no file open,
 * the shortcuts that get one open.
 */
import type { ReactNode } from 'react';
import { useStudio, useSlice } from '../app/studio.js';
import { formatKeybinding } from '../commands/keybinding.js';
import { EditorTabs } from './EditorTabs.js';
import { PromptBar } from './PromptBar.js';

const HINTS: [string, string][] = [
  ['Go to File', 'Mod+P'],
  ['Show All Commands', 'Mod+Shift+P'],
  ['Focus Workspace Files', 'Mod+Shift+E'],
  ['Toggle Compiled JSON', 'Mod+Shift+V'],
];

export function EditorArea({ editor }: { editor: ReactNode }) {
  const studio = useStudio();
  const active = useSlice(studio.tabs, (s) => s.active);
  return (
    <section className="editor-area" aria-label="Protocol editor">
      <EditorTabs />
      <PromptBar />
      <div id="editor-panel" role="tabpanel" className="editor-body" aria-label={active ?? 'No file open'}>
        {editor}
        {!active && (
          <div className="watermark">
            <div className="watermark-mark" aria-hidden="true">◆</div>
            <dl className="watermark-keys">
              {HINTS.map(([label, keys]) => (
                <div key={label} className="watermark-row">
                  <dt>{label}</dt>
                  <dd><kbd>{formatKeybinding(keys)}</kbd></dd>
                </div>
              ))}
            </dl>
          </div>
        )}
      </div>
    </section>
  );
}
