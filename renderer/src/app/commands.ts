/**
 * Every action of the studio as a command: the palette lists them with their keys, the global
 * key handler (keyboard.ts) runs them, and Electron's menus send their ids. Editor actions run
 * Monaco's own (their keys are Monaco's, so they work inside the editor without us).
 */
import type { Command } from '../commands/registry.js';
import type { Studio } from './studio.js';
import { VIEWS } from './views.js';

/**
 * Monaco actions worth a palette entry, with Monaco's default keys. `shell` ones the shell
 * binds itself, even inside the editor: Monaco's Format Document is Ctrl+Shift+I on Linux, but
 * Shift+Alt+F is what people know from every other platform.
 */
const EDITOR_ACTIONS: { id: string; title: string; keys?: string[]; shell?: boolean }[] = [
  { id: 'editor.action.revealDefinition', title: 'Go to Definition', keys: ['F12'] },
  { id: 'editor.action.peekDefinition', title: 'Peek Definition', keys: ['Alt+F12'] },
  { id: 'editor.action.goToReferences', title: 'Find References', keys: ['Shift+F12'] },
  { id: 'editor.action.rename', title: 'Rename Symbol', keys: ['F2'] },
  { id: 'editor.action.formatDocument', title: 'Format Document', keys: ['Shift+Alt+F'], shell: true },
  { id: 'editor.action.triggerSuggest', title: 'Trigger Suggest', keys: ['Ctrl+Space'] },
  { id: 'editor.action.showHover', title: 'Show Hover', keys: ['Mod+K Mod+I'] },
  { id: 'editor.action.quickOutline', title: 'Go to Symbol in File (Outline)', keys: ['Mod+Shift+O'] },
  { id: 'editor.action.gotoLine', title: 'Go to Line…', keys: ['Ctrl+G'] },
  { id: 'editor.action.marker.nextInFiles', title: 'Go to Next Problem', keys: ['F8'] },
  { id: 'editor.action.marker.prevInFiles', title: 'Go to Previous Problem', keys: ['Shift+F8'] },
  { id: 'actions.find', title: 'Find', keys: ['Mod+F'] },
  { id: 'editor.action.startFindReplaceAction', title: 'Replace', keys: ['Mod+H'] },
  { id: 'editor.action.commentLine', title: 'Toggle Line Comment', keys: ['Mod+/'] },
  { id: 'editor.fold', title: 'Fold', keys: ['Mod+Shift+['] },
  { id: 'editor.unfold', title: 'Unfold', keys: ['Mod+Shift+]'] },
  { id: 'editor.foldAll', title: 'Fold All', keys: ['Mod+K Mod+0'] },
  { id: 'editor.unfoldAll', title: 'Unfold All', keys: ['Mod+K Mod+J'] },
  { id: 'editor.action.jumpToBracket', title: 'Go to Bracket', keys: ['Mod+Shift+\\'] },
  { id: 'editor.action.selectHighlights', title: 'Select All Occurrences of Find Match', keys: ['Mod+Shift+L'] },
];

export function studioCommands(studio: Studio): Command[] {
  const activePath = (): string | null => studio.tabs.getState().active;
  const hasActive = (): boolean => activePath() !== null;
  const hasTabs = (): boolean => studio.tabs.getState().tabs.length > 1;

  const app: Command[] = [
    { id: 'palette.open', category: 'View', title: 'Show All Commands', keys: ['Mod+Shift+P', 'F1'], run: () => studio.layout.getState().openQuickPick('commands') },
    { id: 'quickOpen', category: 'Go', title: 'Go to File…', keys: ['Mod+P'], run: () => studio.layout.getState().openQuickPick('files') },
    {
      // Mod+S saves what the view shows: the pipeline view saves its pipeline.
      id: 'file.save', category: 'File', title: 'Save', keys: ['Mod+S'], enabled: () => studio.layout.getState().view === 'editor' && hasActive(),
      run: async () => {
        const path = activePath();
        if (path) await studio.documents.getState().save(path);
      },
    },
    { id: 'file.saveAll', category: 'File', title: 'Save All', keys: ['Mod+Alt+S'], run: () => studio.documents.getState().saveAll() },
    {
      id: 'file.revert', category: 'File', title: 'Revert File', enabled: () => {
        const path = activePath();
        return path !== null && !!studio.documents.getState().docs[path]?.dirty;
      },
      run: async () => {
        const path = activePath();
        if (path) await studio.documents.getState().revert(path);
      },
    },
    {
      id: 'file.resolvePrompt', category: 'File', title: 'Resolve Disk Conflict', keys: ['Mod+Alt+R'],
      enabled: () => {
        const path = activePath();
        return path !== null && !!studio.documents.getState().docs[path]?.prompt;
      },
      run: () => document.querySelector<HTMLElement>('[data-prompt-bar] button')?.focus(),
    },
    {
      // Browsers keep Ctrl+W for themselves: Alt+W works in both hosts.
      id: 'tab.close', category: 'View', title: 'Close Editor Tab', keys: ['Mod+W', 'Alt+W'], enabled: hasActive,
      run: async () => {
        const path = activePath();
        if (path) await studio.closeTab(path);
      },
    },
    // Ctrl+Tab belongs to the browser outside Electron; Ctrl+Alt+PageDown/PageUp work everywhere.
    { id: 'tab.next', category: 'View', title: 'Next Editor Tab', keys: ['Ctrl+Tab', 'Ctrl+Alt+PageDown'], enabled: hasTabs, run: () => studio.tabs.getState().cycle(1) },
    { id: 'tab.previous', category: 'View', title: 'Previous Editor Tab', keys: ['Ctrl+Shift+Tab', 'Ctrl+Alt+PageUp'], enabled: hasTabs, run: () => studio.tabs.getState().cycle(-1) },
    { id: 'theme.toggle', category: 'Preferences', title: 'Toggle Light/Dark Theme', keys: ['Shift+Alt+T'], run: () => studio.theme.getState().toggle() },
    { id: 'preview.toggle', category: 'View', title: 'Toggle Compiled JSON Preview', keys: ['Mod+Shift+V'], run: () => studio.layout.getState().toggle('preview') },
    { id: 'problems.toggle', category: 'View', title: 'Toggle Problems Panel', keys: ['Mod+Shift+M'], run: () => studio.layout.getState().toggle('problems') },
    { id: 'sidebar.toggle', category: 'View', title: 'Toggle Side Bar', keys: ['Mod+B'], run: () => studio.layout.getState().toggle('sidebar') },
    {
      id: 'explorer.focus', category: 'View', title: 'Focus Workspace Files', keys: ['Mod+Shift+E'],
      run: () => {
        if (studio.layout.getState().view !== 'editor') studio.layout.getState().showView('editor');
        studio.layout.getState().show('sidebar');
        // After React has shown the side bar.
        requestAnimationFrame(() => document.querySelector<HTMLElement>('[role="tree"] [tabindex="0"]')?.focus());
      },
    },
    { id: 'editor.focus', category: 'View', title: 'Focus Editor', keys: ['Mod+1'], enabled: hasActive, run: () => studio.editor.focus() },
    ...VIEWS.map((view, i): Command => ({
      id: `view.${view.id}`, category: 'View', title: `Show ${view.label}`, keys: [`Alt+${i + 1}`],
      run: () => {
        if (studio.layout.getState().view !== view.id) studio.layout.getState().showView(view.id);
      },
    })),
  ];

  const editor: Command[] = EDITOR_ACTIONS.map((action) => ({
    id: action.id,
    category: 'Editor',
    title: action.title,
    keys: action.keys,
    editorKeys: !action.shell,
    enabled: hasActive,
    run: () => {
      studio.editor.runAction(action.id);
    },
  }));

  return [...app, ...editor];
}
