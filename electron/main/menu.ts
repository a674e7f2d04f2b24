/**
 * The native menus. Studio actions are not run here: they go to the renderer as commands
 * (`studio.command`), which runs them exactly as from its own shortcuts and palette; only what
 * needs the main process (a folder dialog, quitting, reloading) is handled here. The template
 * is plain data, so it is testable without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { StudioCommand } from '../../shared/studio/commands.js';

export interface MenuActions {
  command(command: StudioCommand): void;
  openWorkspace(): void;
}

export function menuTemplate(actions: MenuActions, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const send = (command: StudioCommand) => () => actions.command(command);
  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: send('file.save') },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Command Palette…', accelerator: 'CmdOrCtrl+Shift+P', click: send('palette.open') },
        { label: 'Toggle Theme', click: send('theme.toggle') },
        { type: 'separator' },
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ role: 'about' }] },
  ];
}
