/**
 * The composer's palette commands and keys; the lead registers them with the studio's own
 * (`studio.commands.getState().register(...composerCommands(studio))`). Send and Cancel are
 * bound only while the composer is the view shown, so Ctrl+Enter and Escape keep their
 * meaning everywhere else.
 */
import type { Studio } from '../app/studio.js';
import { collectionsOf } from '../collections/collections-of.js';
import type { Command } from '../commands/registry.js';
import { copyAsCall } from './copy-as-call.js';

export function composerCommands(studio: Studio): Command[] {
  const shown = () => studio.layout.getState().view === 'composer';
  const hasMessage = () => studio.composer.getState().target.message !== '';
  const inFlight = () => studio.composer.getState().callId !== null;
  const show = () => {
    if (!shown()) studio.layout.getState().showView('composer');
  };
  const focus = (selector: string) => requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());

  return [
    { id: 'composer.send', category: 'Request', title: 'Send', keys: ['Mod+Enter'], enabled: () => shown() && hasMessage() && !inFlight(), run: () => void studio.composer.getState().send() },
    { id: 'composer.cancel', category: 'Request', title: 'Cancel Call', keys: ['Escape'], enabled: () => shown() && inFlight(), run: () => studio.composer.getState().cancel() },
    { id: 'composer.fillDefaults', category: 'Request', title: 'Fill with Defaults', enabled: hasMessage, run: () => void studio.composer.getState().fill('defaults') },
    { id: 'composer.fillExample', category: 'Request', title: 'Fill with Example', enabled: hasMessage, run: () => void studio.composer.getState().fill('example') },
    { id: 'composer.copyAsCall', category: 'Request', title: 'Copy as spl call', enabled: hasMessage, run: () => void copyAsCall(studio) },
    {
      id: 'composer.save', category: 'Request', title: 'Save to Collection…', enabled: hasMessage,
      run: () => {
        show();
        collectionsOf(studio).getState().setSaving(true);
      },
    },
    {
      id: 'composer.searchHistory', category: 'Request', title: 'Search Call History',
      run: () => {
        show();
        studio.layout.getState().show('sidebar');
        focus('.composer-sidebar input[type="search"]');
      },
    },
    {
      id: 'composer.clearHistory', category: 'Request', title: 'Clear Call History…',
      run: async () => {
        const answer = await studio.dialog.getState().ask({
          title: 'Clear the call history?',
          message: 'Every call in your history will be forgotten, with its request and result. Saved requests stay.',
          choices: [
            { id: 'clear', label: 'Clear History', primary: true },
            { id: 'cancel', label: 'Cancel' },
          ],
        });
        if (answer === 'clear') await studio.history.getState().clear();
      },
    },
    {
      id: 'composer.focusTarget', category: 'Request', title: 'Focus Request Target',
      run: () => {
        show();
        focus('.target-bar select');
      },
    },
  ];
}
